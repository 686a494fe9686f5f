package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.testing.TestKeycloak;
import dev.vigil.testing.client.FormLogin;
import dev.vigil.testing.client.OidcClient;
import dev.vigil.testing.junit.WithKeycloak;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The vigil-step-up condition in real logins: each rule asks for the email code, or lets the login through. */
@WithKeycloak
class StepUpIT {

    private static final String REALM = "step-up-it";
    private static TestKeycloak keycloak;

    @BeforeAll
    static void importRealm(TestKeycloak server) {
        keycloak = server;
        keycloak.importRealm("realms/step-up-it.json");
        keycloak.importRealm("realms/step-up-sso-it.json");
    }

    /** Signs in with the password; true when the email code page follows, false when the login completed. */
    private static boolean asksForSecondFactor(String clientId, String username) {
        return asksForSecondFactor(clientId, username, new FormLogin());
    }

    private static boolean asksForSecondFactor(String clientId, String username, FormLogin browser) {
        return asksForSecondFactor(clientId, username, browser, "");
    }

    /** As above, with extra authorization request parameters such as {@code &acr_values=gold}. */
    private static boolean asksForSecondFactor(String clientId, String username, FormLogin browser, String extraParameters) {
        OidcClient.Authorization authorization = new OidcClient(keycloak.realmUrl(REALM), clientId).authorization();
        FormLogin.Step step = browser.open(java.net.URI.create(authorization.uri + extraParameters));
        step = browser.submit(step.page(), "kc-form-login", Map.of("username", username, "password", username + "-Password-1"));
        if (step.redirected()) {
            return false;
        }
        assertThat(step.page().getElementById(EmailOtpIT.CODE_FORM)).as("the email code page: %s", step.page().text()).isNotNull();
        return true;
    }

    private static JsonNode decision(String clientId, String username) {
        return keycloak.log().awaitAudit("step-up decision for " + username + " at " + clientId,
                r -> "STEP_UP_DECISION".equals(r.path("type").asText()) && clientId.equals(r.path("clientId").asText())
                        && username.equals(r.path("username").asText()));
    }

    @Test
    void aClientListAsksOnlyForThoseClients() {
        assertThat(asksForSecondFactor("su-admin-app", "ursula")).isTrue();
        assertThat(decision("su-admin-app", "ursula").path("details").path("explanation").asText())
                .isEqualTo("second factor required: client is su-admin-app");
        assertThat(asksForSecondFactor("su-plain-app", "ursula")).isFalse();
        assertThat(decision("su-plain-app", "ursula").path("details").path("explanation").asText()).startsWith("no second factor");
    }

    @Test
    void rolesAndGroupsIncludingClientRolesAndSubgroups() {
        assertThat(asksForSecondFactor("su-role-app", "adam")).as("realm role").isTrue();
        assertThat(asksForSecondFactor("su-role-app", "aude")).as("client role").isTrue();
        assertThat(asksForSecondFactor("su-role-app", "ursula")).as("neither").isFalse();
        assertThat(asksForSecondFactor("su-group-app", "ian")).as("in a subgroup of /staff").isTrue();
        assertThat(asksForSecondFactor("su-group-app", "carl")).as("another group").isFalse();
    }

    @Test
    void theClientIpCountsAsKeycloakResolvesItAndForwardedHeadersDoNot() {
        assertThat(asksForSecondFactor("su-home-app", "ursula")).as("127.0.0.1 is trusted").isFalse();
        assertThat(asksForSecondFactor("su-ip-app", "ursula")).as("127.0.0.1 is outside 10/8").isTrue();
        FormLogin spoofing = new FormLogin().header("X-Forwarded-For", "10.1.2.3");
        assertThat(asksForSecondFactor("su-ip-app", "ursula", spoofing))
                .as("X-Forwarded-For is ignored from an address that is not a trusted proxy").isTrue();
    }

    @Test
    void aUserFlaggedByTheTheftResponseIsAsked() {
        assertThat(asksForSecondFactor("su-flag-app", "fred")).isTrue();
        assertThat(asksForSecondFactor("su-flag-app", "ursula")).isFalse();
    }

    /** A full login through the code page: the code is read from the mail sink; returns the ID token's claims. */
    private static com.nimbusds.jwt.JWTClaimsSet signInWithCode(String clientId, String username) {
        FormLogin browser = new FormLogin();
        String address = username + "@example.com";
        int before = keycloak.mailbox().to(address).size();
        OidcClient.Authorization authorization = new OidcClient(keycloak.realmUrl(REALM), clientId).authorization();
        FormLogin.Step step = browser.open(authorization.uri);
        step = browser.submit(step.page(), "kc-form-login", Map.of("username", username, "password", username + "-Password-1"));
        assertThat(step.redirected()).as("asked for the code (no second factor before)").isFalse();
        assertThat(step.page().getElementById("trust-device")).as("no condition of this realm lets trusted browsers through")
                .isNull();
        String code = dev.vigil.testing.client.Mails.code(keycloak.mailbox().awaitTo(address, before + 1).get(before));
        step = browser.submit(step.page(), EmailOtpIT.CODE_FORM, Map.of("code", code));
        assertThat(step.redirected()).as("signed in after the code: %s", step.page() == null ? "" : step.page().text()).isTrue();
        return idTokenClaims(authorization, step);
    }

    private static com.nimbusds.jwt.JWTClaimsSet idTokenClaims(OidcClient.Authorization authorization, FormLogin.Step step) {
        try {
            return authorization.exchange(authorization.code(step.redirect())).toOIDCTokens().getIDToken().getJWTClaimsSet();
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aRecentSecondFactorInAnotherSessionIsNotAskedAgain() {
        signInWithCode("su-age-app", "olga");
        assertThat(asksForSecondFactor("su-age-app", "olga")).as("a new browser, within the hour").isFalse();
        keycloak.log().awaitAudit("olga's second decision", r -> "STEP_UP_DECISION".equals(r.path("type").asText())
                && "olga".equals(r.path("username").asText())
                && r.path("details").path("explanation").asText().startsWith("no second factor"));
    }

    @Test
    void aSecondFactorLiftsTheTheftResponseFlag() {
        signInWithCode("su-flag-clear-app", "gary");
        assertThat(asksForSecondFactor("su-flag-clear-app", "gary")).as("the flag is answered").isFalse();
        String id = keycloak.admin().realm(REALM).users().searchByUsername("gary", true).get(0).getId();
        assertThat(keycloak.admin().realm(REALM).users().get(id).toRepresentation().getAttributes())
                .as("no vigil.step-up-required left").satisfiesAnyOf(
                        a -> assertThat(a).isNull(), a -> assertThat(a).doesNotContainKey("vigil.step-up-required"));
    }

    @Test
    void dryRunExplainsButNeverAsks() {
        assertThat(asksForSecondFactor("su-dry-app", "ursula")).isFalse();
        assertThat(decision("su-dry-app", "ursula").path("details").path("explanation").asText())
                .startsWith("dry run, second factor would be required").contains("su-dry-app");
    }

    @Test
    void negateAsksWhenTheRulesDoNotMatch() {
        // The only rule (outside 127.0.0.0/8) does not match from 127.0.0.1; negated, the condition asks.
        assertThat(asksForSecondFactor("su-negate-app", "ursula")).isTrue();
        assertThat(decision("su-negate-app", "ursula").path("details").path("required").asText()).isEqualTo("true");
    }

    @Test
    void aBrokenRuleSetFailsClosedAndSaysWhy() {
        assertThat(asksForSecondFactor("su-broken-app", "ursula")).isTrue();
        assertThat(keycloak.log().text()).contains("vigil-step-up: condition step-up-broken-rules in realm step-up-it is misconfigured")
                .contains("10.0.0.300/8");
    }

    @Test
    void aRuleNamingWhatTheRealmDoesNotHaveFailsClosedAndSaysWhat() {
        assertThat(asksForSecondFactor("su-unknown-app", "ursula")).isTrue();
        assertThat(decision("su-unknown-app", "ursula").path("details").path("explanation").asText())
                .isEqualTo("second factor required: the condition is misconfigured (names what does not exist in the realm: "
                        + "role no-such-role, group /no-such-group)");
        assertThat(keycloak.log().text()).contains("vigil-step-up: condition step-up-unknown-rules in realm step-up-it is misconfigured");
    }

    @Test
    void aRequestedLevelAsksOnlyWhenTheClientAsksForIt() {
        assertThat(asksForSecondFactor("su-level-app", "ursula", new FormLogin(), "")).as("no acr_values").isFalse();
        assertThat(asksForSecondFactor("su-level-app", "ursula", new FormLogin(), "&acr_values=silver")).as("level 1").isFalse();
        assertThat(asksForSecondFactor("su-level-app", "ursula", new FormLogin(), "&acr_values=gold")).as("level 2").isTrue();
        assertThat(keycloak.log().awaitAudit("the decision for level 2", r -> "STEP_UP_DECISION".equals(r.path("type").asText())
                        && "su-level-app".equals(r.path("clientId").asText()) && r.path("details").path("required").asBoolean())
                .path("details").path("explanation").asText())
                .isEqualTo("second factor required: requested level 2 is at least 2");
    }

    /** With level-reached, a second factor the rules asked for shows in acr; without it, acr stays at the password's level. */
    @Test
    void aSecondFactorAskedByTheRulesRaisesAcrWhenLevelReachedIsSet() throws Exception {
        assertThat(signInWithCode("su-acr-app", "vera").getStringClaim("acr")).isEqualTo("gold");

        OidcClient.Authorization plain = new OidcClient(keycloak.realmUrl(REALM), "su-acr-plain-app").authorization();
        FormLogin browser = new FormLogin();
        FormLogin.Step step = browser.login(plain.uri, "vera", "vera-Password-1");
        assertThat(step.redirected()).as("no rule for this client, no level requested").isTrue();
        assertThat(idTokenClaims(plain, step).getStringClaim("acr")).isEqualTo("silver");
    }

    // ---- Issue #15: the documented flow shape (identify, then the step-up sub-flow at the top level) ----

    private static final String SSO_REALM = "step-up-sso-it";

    /**
     * Opens {@code clientId} in {@code browser} (SSO or password form) and answers the email code when the
     * rules ask; returns whether they asked.
     */
    private static boolean ssoSignOn(FormLogin browser, String clientId, String username) {
        String address = username + "@example.com";
        int before = keycloak.mailbox().to(address).size();
        OidcClient.Authorization authorization = new OidcClient(keycloak.realmUrl(SSO_REALM), clientId).authorization();
        FormLogin.Step step = browser.open(authorization.uri);
        if (!step.redirected() && step.page().getElementById("kc-form-login") != null) {
            step = browser.submit(step.page(), "kc-form-login", Map.of("username", username, "password", username + "-Password-1"));
        }
        if (step.redirected()) {
            authorization.exchange(authorization.code(step.redirect()));
            return false;
        }
        if (step.page().getElementById(EmailOtpIT.CODE_FORM) == null) {
            // An SSO sign-on reaches the code step with a page load, which never sends mail: ask for the code.
            assertThat(step.page().getElementById(EmailOtpIT.RESEND_FORM)).as("the email code step: %s", step.page().text())
                    .isNotNull();
            step = browser.submit(step.page(), EmailOtpIT.RESEND_FORM, Map.of());
        }
        String code = dev.vigil.testing.client.Mails.code(keycloak.mailbox().awaitTo(address, before + 1).get(before));
        step = browser.submit(step.page(), EmailOtpIT.CODE_FORM, Map.of("code", code));
        assertThat(step.redirected()).as("signed in after the code: %s", step.page() == null ? "" : step.page().text()).isTrue();
        authorization.exchange(authorization.code(step.redirect()));
        return true;
    }

    private static JsonNode ssoDecision(String clientId, String username, java.util.function.Predicate<String> explanation) {
        return keycloak.log().awaitAudit("step-up decision for " + username + " at " + clientId,
                r -> "STEP_UP_DECISION".equals(r.path("type").asText()) && SSO_REALM.equals(r.path("realm").asText())
                        && clientId.equals(r.path("clientId").asText()) && username.equals(r.path("username").asText())
                        && explanation.test(r.path("details").path("explanation").asText()));
    }

    @Test
    void anSsoSignOnFromLaxToStrictAsksForTheCodeOnceInTheSession() {
        FormLogin browser = new FormLogin();
        assertThat(ssoSignOn(browser, "sso-lax", "sam")).as("password only at lax").isFalse();
        assertThat(ssoSignOn(browser, "sso-strict", "sam")).as("the SSO sign-on at strict asks").isTrue();
        assertThat(ssoSignOn(browser, "sso-strict", "sam")).as("a second strict sign-on in the same session").isFalse();
        assertThat(ssoDecision("sso-strict", "sam", e -> e.startsWith("no second factor: already answered in this session at "))
                .path("details").path("explanation").asText()).endsWith("(client is sso-strict)");
        assertThat(ssoSignOn(browser, "sso-lax", "sam")).as("lax stays password-only").isFalse();

        FormLogin otherBrowser = new FormLogin();
        assertThat(ssoSignOn(otherBrowser, "sso-strict", "sam")).as("another session has answered nothing").isTrue();
    }

    /** {@code prompt=none} cannot slip past the rules: the client gets an error, not a code. */
    @Test
    void promptNoneGetsAnErrorWhereTheRulesWouldAsk() {
        FormLogin browser = new FormLogin();
        assertThat(ssoSignOn(browser, "sso-lax", "sol")).isFalse();
        OidcClient.Authorization strict = new OidcClient(keycloak.realmUrl(SSO_REALM), "sso-strict").authorization();
        FormLogin.Step step = browser.open(java.net.URI.create(strict.uri + "&prompt=none"));
        assertThat(step.redirected()).as("answered at the redirect URI: %s", step.page() == null ? "" : step.page().text()).isTrue();
        assertThat(step.redirect().getQuery()).contains("error=login_required").doesNotContain("code=");
        OidcClient.Authorization lax = new OidcClient(keycloak.realmUrl(SSO_REALM), "sso-lax").authorization();
        step = browser.open(java.net.URI.create(lax.uri + "&prompt=none"));
        assertThat(step.redirect().getQuery()).as("where no rule asks, prompt=none works").contains("code=");
    }

    /** The age of the last second factor is judged again at each SSO sign-on; the server's clock is moved, not waited on. */
    @Test
    void theSecondFactorAgeRuleAsksOnSsoOnceTheLastCodeIsOlderThanTheLimit() {
        FormLogin browser = new FormLogin();
        try {
            assertThat(ssoSignOn(browser, "sso-aged", "sage")).as("no second factor on record").isTrue();
            assertThat(ssoSignOn(browser, "sso-aged", "sage")).as("SSO, the code just given").isFalse();
            // The steps themselves take real seconds too: a margin of a minute either side of the 600 s limit.
            keycloak.timeTravel(java.time.Duration.ofSeconds(540));
            assertThat(ssoSignOn(browser, "sso-aged", "sage")).as("SSO, the code about 9 minutes old (limit 10)").isFalse();
            keycloak.timeTravel(java.time.Duration.ofSeconds(120));
            assertThat(ssoSignOn(browser, "sso-aged", "sage")).as("SSO, the code about 11 minutes old").isTrue();
            ssoDecision("sso-aged", "sage", e -> e.startsWith("second factor required: last second factor 6")
                    && e.endsWith("s ago, more than 600s"));
            assertThat(ssoSignOn(browser, "sso-aged", "sage")).as("SSO right after the new code").isFalse();
        } finally {
            keycloak.resetTime();
        }
    }

    @Test
    void aFlagSetWhileTheSessionLivesIsAnsweredAtTheNextSsoSignOn() {
        FormLogin browser = new FormLogin();
        assertThat(ssoSignOn(browser, "sso-lax", "sue")).isFalse();
        flag("sue", "refresh-token-reuse 2026-12-05T12:00:00Z");
        assertThat(ssoSignOn(browser, "sso-lax", "sue")).as("the flag, at the next SSO sign-on").isTrue();
        assertThat(ssoSignOn(browser, "sso-lax", "sue")).as("answered: the code lifted the flag").isFalse();
        assertThat(attributes("sue")).doesNotContainKey("vigil.step-up-required");
    }

    @Test
    void aMisspeltOrEmptyRuleSetAsksAndLogsOnce() {
        assertThat(ssoSignOn(new FormLogin(), "sso-broken", "sid")).isTrue();
        assertThat(ssoDecision("sso-broken", "sid", e -> e.contains("unknown option clientz")).path("details")
                .path("required").asBoolean()).isTrue();
        assertThat(ssoSignOn(new FormLogin(), "sso-empty", "sid")).isTrue();
        assertThat(ssoDecision("sso-empty", "sid", e -> e.contains("no rule is switched on")).path("details")
                .path("required").asBoolean()).isTrue();
        assertThat(ssoSignOn(new FormLogin(), "sso-empty", "sid")).as("every time").isTrue();
        String log = keycloak.log().text();
        assertThat(log.split("condition sso-empty-rules in realm step-up-sso-it is misconfigured", -1))
                .as("one ERROR line for the empty config, however many logins").hasSize(2);
        assertThat(log).contains("condition sso-misspelt in realm step-up-sso-it is misconfigured, asking for a second factor: "
                + "unknown option clientz");
    }

    /**
     * Issue #15, 3: with unmanaged attributes ENABLED, a flagged user removes every attribute she can through
     * the Account API; the flag and the trusted-devices revocation stay, and she is still asked.
     */
    @Test
    void theAccountApiCannotRemoveVigilsStateWithUnmanagedAttributesEnabled() throws Exception {
        org.keycloak.admin.client.resource.UserProfileResource profile = keycloak.admin().realm(SSO_REALM).users().userProfile();
        org.keycloak.representations.userprofile.config.UPConfig config = profile.getConfiguration();
        config.setUnmanagedAttributePolicy(org.keycloak.representations.userprofile.config.UPConfig.UnmanagedAttributePolicy.ENABLED);
        profile.update(config);
        assertThat(profile.getConfiguration().getAttribute("vigil.step-up-required").getPermissions().getEdit())
                .as("declared admin-only when the realm was imported").containsExactly("admin");

        FormLogin browser = new FormLogin();
        OidcClient lax = new OidcClient(keycloak.realmUrl(SSO_REALM), "sso-lax");
        String accessToken = lax.login(browser, "sia", "sia-Password-1").getAccessToken().getValue();
        flag("sia", "refresh-token-reuse 2026-12-05T12:00:00Z");
        String id = keycloak.admin().realm(SSO_REALM).users().searchByUsername("sia", true).get(0).getId();
        org.keycloak.representations.idm.UserRepresentation admin = keycloak.admin().realm(SSO_REALM).users().get(id).toRepresentation();
        admin.singleAttribute("vigil.trusted-devices-not-before", "1764936000000");
        admin.singleAttribute("favourite-colour", "blue");
        keycloak.admin().realm(SSO_REALM).users().get(id).update(admin);

        dev.vigil.it.support.AccountApi account = new dev.vigil.it.support.AccountApi(keycloak.realmUrl(SSO_REALM), accessToken);
        com.fasterxml.jackson.databind.node.ObjectNode rep = account.me();
        assertThat(rep.path("attributes").has("favourite-colour")).as("unmanaged attributes are the user's: %s", rep).isTrue();
        assertThat(rep.path("attributes").has("vigil.step-up-required")).as("Vigil's are not even shown").isFalse();
        rep.putObject("attributes");
        java.net.http.HttpResponse<String> update = account.update(rep);
        assertThat(update.statusCode()).as("every attribute she can see removed: %s", update.body()).isEqualTo(204);
        Map<String, java.util.List<String>> after = attributes("sia");
        assertThat(after).as("her own attribute is gone: the update ran").doesNotContainKey("favourite-colour");
        assertThat(after.get("vigil.step-up-required")).containsExactly("refresh-token-reuse 2026-12-05T12:00:00Z");
        assertThat(after.get("vigil.trusted-devices-not-before")).containsExactly("1764936000000");

        for (String name : java.util.List.of("vigil.step-up-required", "vigil.trusted-devices-not-before")) {
            // Naming them outright, with empty values, is refused.
            ((com.fasterxml.jackson.databind.node.ObjectNode) rep.path("attributes")).putArray(name);
        }
        java.net.http.HttpResponse<String> named = account.update(rep);
        assertThat(named.statusCode()).as(named.body()).isEqualTo(400);
        after = attributes("sia");
        assertThat(after.get("vigil.step-up-required")).containsExactly("refresh-token-reuse 2026-12-05T12:00:00Z");
        assertThat(after.get("vigil.trusted-devices-not-before")).containsExactly("1764936000000");
        assertThat(ssoSignOn(browser, "sso-lax", "sia")).as("still asked at the next sign-on").isTrue();
    }

    @Test
    void anSsoSignOnFromOutsideTheTrustedRangesAsksBehindAProxy() {
        try (dev.vigil.testing.TrustedProxy proxy = dev.vigil.testing.TrustedProxy.start(keycloak.baseUrl())) {
            FormLogin browser = new FormLogin();
            assertThat(ssoSignOn(browser, "sso-lax", "sky")).as("from 127.0.0.1, inside the ranges").isFalse();
            browser.routeTo(proxy.baseUrl()).header("X-Forwarded-Host", proxy.forwardedHost())
                    .header("X-Forwarded-For", "203.0.113.9");
            assertThat(ssoSignOn(browser, "sso-lax", "sky")).as("the same session from 203.0.113.9").isTrue();
            ssoDecision("sso-lax", "sky", e -> e.equals("second factor required: ip 203.0.113.9 outside trusted ranges"));
            assertThat(ssoSignOn(browser, "sso-lax", "sky")).as("again from 203.0.113.9: answered").isFalse();
            browser.header("X-Forwarded-For", "198.51.100.7");
            assertThat(ssoSignOn(browser, "sso-lax", "sky")).as("from yet another address").isTrue();
            browser.routeTo(null).header("X-Forwarded-For", "198.51.100.8");
            assertThat(ssoSignOn(browser, "sso-lax", "sky")).as("a forged header straight from 127.0.0.1 counts for nothing")
                    .isFalse();
        }
    }

    private static void flag(String username, String reason) {
        var users = keycloak.admin().realm(SSO_REALM).users();
        String id = users.searchByUsername(username, true).get(0).getId();
        org.keycloak.representations.idm.UserRepresentation user = users.get(id).toRepresentation();
        user.singleAttribute("vigil.step-up-required", reason);
        users.get(id).update(user);
    }

    private static Map<String, java.util.List<String>> attributes(String username) {
        var users = keycloak.admin().realm(SSO_REALM).users();
        Map<String, java.util.List<String>> attributes = users.get(users.searchByUsername(username, true).get(0).getId())
                .toRepresentation().getAttributes();
        return attributes == null ? Map.of() : attributes;
    }
}
