package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import dev.vigil.testing.TestKeycloak;
import dev.vigil.testing.client.FormLogin;
import dev.vigil.testing.client.Mails;
import dev.vigil.testing.client.OidcClient;
import dev.vigil.testing.junit.WithKeycloak;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Trusted devices on a real Keycloak: the "trust this browser" box of the email code step, the
 * condition's untrusted-device rule, forged cookies, and every way trust ends.
 */
@WithKeycloak
class TrustedDeviceIT {

    private static final String REALM = "trusted-device-it";
    private static final String CLIENT = "td-app";
    private static final String COOKIE = "VIGIL_TRUSTED_DEVICE";
    private static TestKeycloak keycloak;

    @BeforeAll
    static void importRealm(TestKeycloak server) {
        keycloak = server;
        keycloak.importRealm("realms/trusted-device-it.json");
    }

    private static String password(String username) {
        return username + "-Password-1";
    }

    /** Signs in with the password; true when the email code page follows, false when the login completed. */
    private static boolean asksForCode(FormLogin browser, String username, String password) {
        FormLogin.Step step = browser.login(new OidcClient(keycloak.realmUrl(REALM), CLIENT).authorization().uri, username, password);
        if (step.redirected()) {
            return false;
        }
        assertThat(step.page().getElementById(EmailOtpIT.CODE_FORM)).as("the email code page: %s", step.page().text()).isNotNull();
        return true;
    }

    private static boolean asksForCode(FormLogin browser, String username) {
        return asksForCode(browser, username, password(username));
    }

    /** A full login through the code page, ticking "trust this browser" or not; returns the tokens. */
    private static OIDCTokens signInWithCode(FormLogin browser, String username, boolean trust) {
        String address = username + "@example.com";
        int before = keycloak.mailbox().to(address).size();
        OidcClient.Authorization authorization = new OidcClient(keycloak.realmUrl(REALM), CLIENT).authorization();
        FormLogin.Step step = browser.login(authorization.uri, username, password(username));
        assertThat(step.redirected()).as("asked for the code").isFalse();
        assertThat(step.page().getElementById("trust-device")).as("the trust box on the code page").isNotNull();
        String code = Mails.code(keycloak.mailbox().awaitTo(address, before + 1).get(before));
        step = browser.submit(step.page(), EmailOtpIT.CODE_FORM, trust ? Map.of("code", code, "trust-device", "on") : Map.of("code", code));
        assertThat(step.redirected()).as("signed in after the code: %s", step.page() == null ? "" : step.page().text()).isTrue();
        return authorization.exchange(authorization.code(step.redirect())).toOIDCTokens();
    }

    /** A browser the user trusts: signed in once with the code and the box ticked. */
    private static FormLogin trustedBrowser(String username) {
        FormLogin browser = new FormLogin();
        signInWithCode(browser, username, true);
        assertThat(browser.cookies()).containsKey(COOKIE);
        assertThat(asksForCode(browser, username)).as("trusted right after the grant").isFalse();
        return browser;
    }

    private static UserResource user(String username) {
        String id = keycloak.admin().realm(REALM).users().searchByUsername(username, true).get(0).getId();
        return keycloak.admin().realm(REALM).users().get(id);
    }

    private static JsonNode revocation(String username) {
        return keycloak.log().awaitAudit("trust of " + username + " revoked",
                r -> "TRUSTED_DEVICES_REVOKED".equals(r.path("type").asText()) && username.equals(r.path("username").asText()));
    }

    @Test
    void aTickedBoxTrustsThisBrowserForThisUserOnly() {
        FormLogin browser = new FormLogin();
        signInWithCode(browser, "tina", true);

        String header = browser.setCookieHeader(COOKIE);
        assertThat(header).contains("HttpOnly").containsIgnoringCase("SameSite=Lax")
                .contains("Path=/realms/" + REALM + "/").contains("Max-Age=2592000");
        assertThat(header).as("plain http on loopback, where the realm does not require SSL").doesNotContain("Secure");
        String cookie = browser.cookies().get(COOKIE);
        JsonNode added = keycloak.log().awaitAudit("trust granted", r -> "TRUSTED_DEVICE_ADDED".equals(r.path("type").asText())
                && "tina".equals(r.path("username").asText()));
        assertThat(added.path("details").path("days").asText()).isEqualTo("30");

        assertThat(asksForCode(browser, "tina")).as("the trusted browser skips the code").isFalse();
        assertThat(keycloak.log().awaitAudit("tina's decision in the trusted browser",
                r -> "STEP_UP_DECISION".equals(r.path("type").asText()) && "tina".equals(r.path("username").asText())
                        && !r.path("details").path("required").asBoolean()).path("details").path("explanation").asText())
                .isEqualTo("no second factor: no rule matched (untrusted-device checked)");

        assertThat(asksForCode(browser, "terry")).as("another user in the same browser").isTrue();
        assertThat(asksForCode(new FormLogin(), "tina")).as("another browser").isTrue();
        assertThat(keycloak.log().text()).as("the cookie never reaches the log").doesNotContain(cookie.substring(cookie.length() - 20));
    }

    @Test
    void anUntickedBoxTrustsNothing() {
        FormLogin browser = new FormLogin();
        signInWithCode(browser, "cora", false);
        assertThat(browser.cookies()).doesNotContainKey(COOKIE);
        assertThat(asksForCode(browser, "cora")).isTrue();
    }

    @Test
    void forgedAlteredAndBorrowedCookiesAreIgnored() {
        FormLogin trusted = trustedBrowser("rita");
        String genuine = trusted.cookies().get(COOKIE);
        String[] parts = genuine.split("\\.");
        String terryId = user("terry").toRepresentation().getId();
        String ritaId = user("rita").toRepresentation().getId();
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String alteredPayload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.replace(ritaId, terryId).getBytes(StandardCharsets.UTF_8));
        String unsignedHeader = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        // An ID token of terry's, signed by the same realm with its RSA key: a valid signature, but not a trust cookie.
        OIDCTokens terrysTokens = new OidcClient(keycloak.realmUrl(REALM), CLIENT).login(trustedBrowser("terry"), "terry", password("terry"))
                .toOIDCTokens();

        Map<String, String> forgeries = Map.of(
                "garbage", "not-a-token",
                "terry's id in rita's signed cookie", parts[0] + "." + alteredPayload + "." + parts[2],
                "unsigned", unsignedHeader + "." + alteredPayload + ".",
                "an ID token of the realm", terrysTokens.getIDTokenString(),
                "rita's genuine cookie", genuine);
        for (Map.Entry<String, String> forgery : forgeries.entrySet()) {
            FormLogin browser = new FormLogin();
            browser.cookies().put(COOKIE, forgery.getValue());
            assertThat(asksForCode(browser, "terry")).as("terry with %s", forgery.getKey()).isTrue();
        }
        assertThat(keycloak.log().text()).as("each one answered with the code page, nothing logged as an error")
                .doesNotContain("ERROR [dev.vigil.authenticators.stepup");
    }

    /** As the account console's "Sign out all devices": from one browser, every other session ends. */
    @Test
    void signingOutOfAllDevicesEndsTrust() throws Exception {
        FormLogin trusted = trustedBrowser("lars");
        new OidcClient(keycloak.realmUrl(REALM), CLIENT).login(trusted, "lars", password("lars"));
        OIDCTokens tokens = signInWithCode(new FormLogin(), "lars", false);

        HttpResponse<String> signOut = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(keycloak.realmUrl(REALM) + "/account/sessions"))
                .header("Authorization", "Bearer " + tokens.getAccessToken().getValue())
                .header("Accept", "application/json").DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signOut.statusCode()).as("the account API's sign-out of all other sessions: %s", signOut.body()).isEqualTo(204);

        assertThat(revocation("lars").path("details").path("reason").asText()).isEqualTo("signed out of all devices");
        assertThat(asksForCode(trusted, "lars")).isTrue();
    }

    @Test
    void changingThePasswordEndsTrust() {
        FormLogin browser = trustedBrowser("pam");
        UserResource pam = user("pam");
        UserRepresentation representation = pam.toRepresentation();
        representation.setRequiredActions(List.of("UPDATE_PASSWORD"));
        pam.update(representation);

        FormLogin.Step step = browser.login(new OidcClient(keycloak.realmUrl(REALM), CLIENT).authorization().uri, "pam", password("pam"));
        assertThat(step.redirected()).as("the update-password page").isFalse();
        String changed = "pam-Password-2-changed";
        step = browser.submit(step.page(), "kc-passwd-update-form", Map.of("password-new", changed, "password-confirm", changed));
        assertThat(step.redirected()).as("password changed: %s", step.page() == null ? "" : step.page().text()).isTrue();

        assertThat(revocation("pam").path("details").path("reason").asText()).startsWith("credential changed (UPDATE_");
        assertThat(asksForCode(browser, "pam", changed)).isTrue();
    }

    @Test
    void anAdminsPasswordResetEndsTrust() {
        FormLogin browser = trustedBrowser("rob");
        CredentialRepresentation reset = new CredentialRepresentation();
        reset.setType(CredentialRepresentation.PASSWORD);
        reset.setValue("rob-Password-2-reset");
        reset.setTemporary(false);
        user("rob").resetPassword(reset);

        assertThat(revocation("rob").path("details").path("by").asText()).isEqualTo("admin");
        assertThat(asksForCode(browser, "rob", "rob-Password-2-reset")).isTrue();
    }

    @Test
    void anAdminsSignOutOfTheUserEndsTrust() {
        FormLogin browser = trustedBrowser("ada");
        user("ada").logout();
        assertThat(asksForCode(browser, "ada")).as("Keycloak's not-before of the user, set by the admin's Sign out").isTrue();
    }

    @Test
    void theTheftResponseEndsTrust() {
        FormLogin browser = trustedBrowser("fay");
        OidcClient app = new OidcClient(keycloak.realmUrl(REALM), CLIENT);
        OIDCTokens first = app.login(browser, "fay", password("fay")).toOIDCTokens();
        assertThat(app.refresh(first.getRefreshToken()).indicatesSuccess()).isTrue();
        TokenResponse replay = app.refresh(first.getRefreshToken());
        assertThat(replay.indicatesSuccess()).as("the replayed refresh token").isFalse();
        keycloak.log().awaitAudit("fay's theft response", r -> "REFRESH_TOKEN_REUSE".equals(r.path("type").asText())
                && "fay".equals(r.path("username").asText()));

        assertThat(asksForCode(browser, "fay")).as("the only rule is the untrusted browser").isTrue();
    }

    /**
     * Issue #15: with unmanaged attributes ENABLED, a user whose trusted browsers were revoked empties every
     * attribute she can through the Account API; the revocation stays and the old browser stays untrusted.
     */
    @Test
    void aRevocationStaysWhenTheUserEmptiesHerAttributesWithUnmanagedAttributesEnabled() throws Exception {
        org.keycloak.admin.client.resource.UserProfileResource profile = keycloak.admin().realm(REALM).users().userProfile();
        org.keycloak.representations.userprofile.config.UPConfig config = profile.getConfiguration();
        config.setUnmanagedAttributePolicy(org.keycloak.representations.userprofile.config.UPConfig.UnmanagedAttributePolicy.ENABLED);
        profile.update(config);
        try {
            FormLogin trusted = trustedBrowser("una");
            // The mark the theft response or "sign out everywhere" writes, here by an admin: Vigil's own state alone.
            String mark = Long.toString(System.currentTimeMillis());
            UserRepresentation una = user("una").toRepresentation();
            una.singleAttribute("vigil.trusted-devices-not-before", mark);
            user("una").update(una);
            assertThat(asksForCode(trusted, "una")).as("revoked").isTrue();
            // That code page sent a mail after its response: let it arrive before the next login counts mails.
            keycloak.mailbox().awaitTo("una@example.com", 2);

            String accessToken = signInWithCode(new FormLogin(), "una", false).getAccessToken().getValue();
            dev.vigil.it.support.AccountApi account = new dev.vigil.it.support.AccountApi(keycloak.realmUrl(REALM), accessToken);
            com.fasterxml.jackson.databind.node.ObjectNode rep = account.me();
            rep.putObject("attributes");
            java.net.http.HttpResponse<String> emptied = account.update(rep);
            assertThat(emptied.statusCode()).as(emptied.body()).isEqualTo(204);

            assertThat(user("una").toRepresentation().getAttributes().get("vigil.trusted-devices-not-before"))
                    .containsExactly(mark);
            assertThat(asksForCode(trusted, "una")).as("the old browser stays untrusted").isTrue();
        } finally {
            config.setUnmanagedAttributePolicy(null);
            profile.update(config);
        }
    }
}
