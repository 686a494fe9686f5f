package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.vigil.it.support.Chromium;
import dev.vigil.it.support.ChromiumSession;
import dev.vigil.testing.Deadline;
import dev.vigil.testing.TestKeycloak;
import dev.vigil.testing.client.Mails;
import dev.vigil.testing.client.OidcClient;
import dev.vigil.testing.junit.WithKeycloak;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person in a real Chromium: a second factor asked by the rules, "trust this browser", a later
 * login without the code, and a step-up on the live session that asks only for the code.
 * Screenshots under target/screenshots/step-up-*.png.
 */
@WithKeycloak
class BrowserStepUpIT {

    private static final String REALM = "browser-step-up-it";
    private static final String ADDRESS = "alice@example.com";

    private TestKeycloak keycloak;
    @RegisterExtension
    final ChromiumSession chromium = new ChromiumSession();
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void setUp(TestKeycloak server) {
        keycloak = server;
        keycloak.importRealm("realms/browser-step-up-it.json");
        browser = chromium.driver();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    private URI landed() {
        return URI.create(Deadline.await("redirect back to the client", Duration.ofSeconds(20), () -> {
            String url = browser.getCurrentUrl();
            return url != null && url.startsWith(OidcClient.REDIRECT.toString()) ? url : null;
        }));
    }

    private JWTClaimsSet idToken(OidcClient.Authorization authorization) throws Exception {
        return authorization.exchange(authorization.code(landed())).toOIDCTokens().getIDToken().getJWTClaimsSet();
    }

    private String awaitCode(int before) {
        return Mails.code(keycloak.mailbox().awaitTo(ADDRESS, before + 1).get(before));
    }

    private void typePassword() {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("alice");
        browser.findElement(By.id("password")).sendKeys("alice-Password-1");
        browser.findElement(By.id("kc-login")).click();
    }

    @Test
    void trustThisBrowserThenStepUpOnTheLiveSession() throws Exception {
        OidcClient client = new OidcClient(keycloak.realmUrl(REALM), "bsu-app");

        // 1. From 127.0.0.1, outside the trusted 10.0.0.0/8: password, then the code; tick "trust this browser".
        int mails = keycloak.mailbox().to(ADDRESS).size();
        OidcClient.Authorization first = client.authorization();
        browser.get(first.uri.toString());
        Chromium.screenshot(browser, "step-up-1-password");
        typePassword();
        WebElement trust = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("trust-device")));
        assertThat(trust.isSelected()).as("never ticked for the user").isFalse();
        assertThat(browser.findElement(By.cssSelector("label[for=trust-device]")).getText()).isEqualTo("Trust this browser for 30 days");
        browser.findElement(By.id("code")).sendKeys(awaitCode(mails));
        trust.click();
        Chromium.screenshot(browser, "step-up-2-code-and-trust");
        browser.findElement(By.id("vigil-email-otp-verify")).click();
        assertThat(idToken(first).getStringClaim("acr")).as("the rules' code reached level 2").isEqualTo("gold");

        // Cookies are read and deleted as a page under the realm's path sees them.
        browser.get(keycloak.realmUrl(REALM) + "/.well-known/openid-configuration");
        Cookie cookie = browser.manage().getCookieNamed("VIGIL_TRUSTED_DEVICE");
        assertThat(cookie).isNotNull();
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Lax");
        assertThat(cookie.getPath()).isEqualTo("/realms/" + REALM + "/");

        // 2. The Keycloak session ends (its cookies go), the trust stays: the password alone is enough.
        browser.manage().deleteCookieNamed("KEYCLOAK_IDENTITY");
        browser.manage().deleteCookieNamed("KEYCLOAK_SESSION");
        OidcClient.Authorization second = client.authorization();
        browser.get(second.uri.toString());
        typePassword();
        JWTClaimsSet passwordOnly = idToken(second);
        assertThat(passwordOnly.getStringClaim("acr")).as("trusted browser: password only").isEqualTo("silver");
        assertThat(keycloak.mailbox().to(ADDRESS)).as("no second code mailed").hasSize(mails + 1);

        // 3. The client asks for more on the live session: only the code, no password.
        OidcClient.Authorization stepUp = client.authorization();
        browser.get(stepUp.uri + "&acr_values=gold");
        WebElement send = wait.until(ExpectedConditions.elementToBeClickable(By.id("vigil-email-otp-resend")));
        assertThat(browser.findElements(By.id("password"))).as("no password asked on the live session").isEmpty();
        Chromium.screenshot(browser, "step-up-3-live-session-asks-only-the-code");
        send.click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("code"))).sendKeys(awaitCode(mails + 1));
        Chromium.screenshot(browser, "step-up-4-code-entered");
        browser.findElement(By.id("vigil-email-otp-verify")).click();
        JWTClaimsSet stepped = idToken(stepUp);
        assertThat(stepped.getStringClaim("acr")).isEqualTo("gold");
        assertThat(stepped.getStringClaim("sid")).as("the same session, stepped up").isEqualTo(passwordOnly.getStringClaim("sid"));
    }
}
