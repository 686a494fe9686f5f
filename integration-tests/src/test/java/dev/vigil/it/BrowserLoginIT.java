package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.it.support.Chromium;
import dev.vigil.it.support.ChromiumSession;
import dev.vigil.testing.client.OidcClient;
import dev.vigil.testing.Deadline;
import dev.vigil.testing.TestKeycloak;
import dev.vigil.testing.junit.WithKeycloak;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A person signing in with a real Chromium leaves a complete audit record. */
@WithKeycloak
class BrowserLoginIT {

    private static final String REALM = "browser-it";
    private TestKeycloak keycloak;
    @RegisterExtension
    final ChromiumSession chromium = new ChromiumSession();
    private ChromeDriver browser;

    @BeforeEach
    void setUp(TestKeycloak server) {
        keycloak = server;
        keycloak.importRealm("realms/browser-it.json");
        browser = chromium.driver();
    }


    @Test
    void aBrowserLoginIsAudited() {
        OidcClient.Authorization authorization = new OidcClient(keycloak.realmUrl(REALM), "test-app").authorization();
        browser.get(authorization.uri.toString());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("kc-form-login")));
        Chromium.screenshot(browser, "foundation-login-page");

        browser.findElement(By.id("username")).sendKeys("alice");
        browser.findElement(By.id("password")).sendKeys("alice-Password-1");
        browser.findElement(By.id("kc-login")).click();
        String landed = Deadline.await("redirect back to the client", Duration.ofSeconds(20), () -> {
            String url = browser.getCurrentUrl();
            return url != null && url.startsWith(OidcClient.REDIRECT.toString()) ? url : null;
        });

        assertThat(authorization.code(java.net.URI.create(landed)).getValue()).isNotBlank();
        JsonNode login = keycloak.log().awaitAudit("browser LOGIN", dev.vigil.testing.ServerLog.type(REALM, "LOGIN"));
        assertThat(login.path("username").asText()).isEqualTo("alice");
        assertThat(login.path("clientId").asText()).isEqualTo("test-app");
        assertThat(login.path("sessionId").asText()).isNotBlank();
    }
}
