package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.it.support.Chromium;
import dev.vigil.it.support.ChromiumSession;
import dev.vigil.testing.client.Mails;
import dev.vigil.testing.client.OidcClient;
import dev.vigil.testing.Deadline;
import dev.vigil.testing.TestKeycloak;
import dev.vigil.testing.junit.WithKeycloak;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** A person signs in with an email code in a real Chromium, end to end. */
@WithKeycloak
class BrowserEmailOtpIT {

    private TestKeycloak keycloak;
    @RegisterExtension
    final ChromiumSession chromium = new ChromiumSession();
    private ChromeDriver browser;

    @BeforeEach
    void setUp(TestKeycloak server) {
        keycloak = server;
        keycloak.importRealm("realms/email-otp-it.json");
        browser = chromium.driver();
    }


    @Test
    void signsInWithACodeFromTheMail() {
        int before = keycloak.mailbox().to("alice@example.com").size();
        OidcClient.Authorization authorization = new OidcClient(keycloak.realmUrl(EmailOtpIT.REALM), "otp-first-app")
                .authorization();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

        browser.get(authorization.uri.toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("email"))).sendKeys("alice@example.com");
        Chromium.screenshot(browser, "email-otp-1-address");
        browser.findElement(By.id("vigil-email-otp-send")).click();

        WebElement code = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("code")));
        assertThat(code.getAttribute("autocomplete")).isEqualTo("one-time-code");
        assertThat(code.getAttribute("inputmode")).isEqualTo("numeric");
        assertThat(browser.findElement(By.id("vigil-email-otp-resend")).isEnabled())
                .as("resend waits for its cooldown").isFalse();
        Chromium.screenshot(browser, "email-otp-2-code");

        code.sendKeys("00000000");
        browser.findElement(By.id("vigil-email-otp-verify")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), EmailOtpIT.INVALID));
        Chromium.screenshot(browser, "email-otp-3-wrong-code");

        String sent = Mails.code(keycloak.mailbox().awaitTo("alice@example.com", before + 1).get(before));
        WebElement retry = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("code")));
        retry.clear();
        retry.sendKeys(sent);
        browser.findElement(By.id("vigil-email-otp-verify")).click();
        String landed = Deadline.await("redirect back to the client", Duration.ofSeconds(20), () -> {
            String url = browser.getCurrentUrl();
            return url != null && url.startsWith(OidcClient.REDIRECT.toString()) ? url : null;
        });
        assertThat(authorization.exchange(authorization.code(URI.create(landed))).getAccessToken()).isNotNull();
    }
}
