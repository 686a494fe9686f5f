package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.it.support.Chromium;
import dev.vigil.it.support.ChromiumSession;
import dev.vigil.testing.KeycloakServer;
import dev.vigil.testing.TestKeycloak;
import dev.vigil.testing.junit.WithKeycloak;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.AuthenticationExecutionInfoRepresentation;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** An admin adds and configures the email code step in Keycloak's own admin console, in Chromium. */
@WithKeycloak
class AdminConsoleEmailOtpIT {

    private static final String REALM = "email-otp-it";
    private static final String FLOW = "console email code";
    private TestKeycloak keycloak;
    @RegisterExtension
    final ChromiumSession chromium = new ChromiumSession();
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void setUp(TestKeycloak server) {
        keycloak = server;
        keycloak.importRealm("realms/email-otp-it.json");
        browser = chromium.driver();
        wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    }


    private WebElement visible(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private void click(By by) {
        wait.until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    @Test
    void anAdminAddsTheStepAndSetsItsOptions() {
        browser.get(keycloak.baseUrl() + "/admin/master/console/#/" + REALM + "/authentication");
        visible(By.id("username")).sendKeys(KeycloakServer.ADMIN_USER);
        browser.findElement(By.id("password")).sendKeys(KeycloakServer.ADMIN_PASSWORD);
        browser.findElement(By.id("kc-login")).click();

        click(By.xpath("//*[self::a or self::button][normalize-space()='Create flow']"));
        visible(By.cssSelector("[data-testid=alias]")).sendKeys(FLOW);
        browser.findElement(By.cssSelector("[data-testid=description]")).sendKeys("added through the admin console");
        click(By.cssSelector("[data-testid=create]"));

        click(By.cssSelector("[data-testid=addExecution]"));
        WebElement search = visible(By.cssSelector("[role=dialog] input[aria-label=Search]"));
        search.sendKeys("Email code");
        search.sendKeys(org.openqa.selenium.Keys.ENTER);
        click(By.id("vigil-email-otp"));
        Chromium.screenshot(browser, "admin-console-1-add-step");
        click(By.id("modal-add"));

        click(By.xpath("//tr//button[normalize-space()='Disabled']"));
        click(By.xpath("//button[@role='option' and normalize-space()='Required'] | //li//button[normalize-space()='Required']"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//tr//button[normalize-space()='Required']")));

        click(By.cssSelector("button[aria-label=Settings]"));
        visible(By.cssSelector("[role=dialog] [data-testid=alias]")).sendKeys("console-email-code");
        browser.findElement(By.cssSelector("[data-testid='default.reference.value']")).sendKeys("otp");
        click(By.id("code-length"));
        click(By.xpath("//button[@role='option' and normalize-space()='8']"));
        click(By.id("lifetime-seconds"));
        click(By.xpath("//button[@role='option' and normalize-space()='180']"));
        assertThat(browser.findElement(By.id("code-length")).getText()).isEqualTo("8");
        Chromium.screenshot(browser, "admin-console-2-step-config");
        click(By.cssSelector("[role=dialog] [data-testid=save]"));
        visible(By.xpath("//*[contains(normalize-space(), 'Successfully saved the config')]"));
        Chromium.screenshot(browser, "admin-console-3-saved");

        RealmResource realm = keycloak.admin().realm(REALM);
        List<AuthenticationExecutionInfoRepresentation> executions = realm.flows().getExecutions(FLOW);
        assertThat(executions).hasSize(1);
        AuthenticationExecutionInfoRepresentation step = executions.get(0);
        assertThat(step.getProviderId()).isEqualTo("vigil-email-otp");
        assertThat(step.getRequirement()).isEqualTo("REQUIRED");
        AuthenticatorConfigRepresentation config = realm.flows().getAuthenticatorConfig(step.getAuthenticationConfig());
        assertThat(config.getAlias()).isEqualTo("console-email-code");
        assertThat(config.getConfig()).containsAllEntriesOf(Map.of("code-length", "8", "lifetime-seconds", "180"))
                // Keycloak's admin API masks values it has no property description for.
                .containsKey("default.reference.value");
    }
}
