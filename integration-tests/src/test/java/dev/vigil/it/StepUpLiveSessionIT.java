package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import dev.vigil.it.support.BearerChallenge;
import dev.vigil.it.support.StepUpApi;
import dev.vigil.it.support.TokenEndpoints;
import dev.vigil.testing.TestKeycloak;
import dev.vigil.testing.client.FormLogin;
import dev.vigil.testing.client.Mails;
import dev.vigil.testing.client.OidcClient;
import dev.vigil.testing.junit.WithKeycloak;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Step-up on a live session with the flow Keycloak documents (cookie, or level 1 = password and
 * level 2 = email code, {@code acr.loa.map} {"silver":1,"gold":2}): a higher level asks only for the
 * missing factor, {@code max_age} forces the password again, and the tokens' {@code acr}, {@code amr}
 * and {@code mfa_time} survive a refresh. Also Keycloak's own {@code oidc-amr-mapper} next to
 * {@code oidc-vigil-auth-context}, and an RFC 9470 round trip with a resource server.
 */
@WithKeycloak
class StepUpLiveSessionIT {

    private static final String REALM = "live-step-up-it";
    private static final String APP = "lsu-app";
    private static final String GOLD = "gold";
    private static final String SILVER = "silver";
    private static TestKeycloak keycloak;

    @BeforeAll
    static void importRealm(TestKeycloak server) {
        keycloak = server;
        keycloak.importRealm("realms/live-step-up-it.json");
    }

    private static OidcClient client(String clientId) {
        return new OidcClient(keycloak.realmUrl(REALM), clientId);
    }

    private static String address(String username) {
        return "lsu-" + username + "@example.com";
    }

    /** A fresh browser signs in with the password only (level 1, nothing requested). */
    private static OIDCTokens signInSilver(FormLogin browser, String clientId, String username) {
        OidcClient.Authorization authorization = client(clientId).authorization();
        FormLogin.Step step = browser.open(authorization.uri);
        assertThat(step.page().getElementById("kc-form-login")).as("the password page").isNotNull();
        step = browser.submit(step.page(), "kc-form-login", Map.of("username", username, "password", username + "-Password-1"));
        assertThat(step.redirected()).as("level 1 needs the password only: %s", step.page() == null ? "" : step.page().text()).isTrue();
        return authorization.exchange(authorization.code(step.redirect())).toOIDCTokens();
    }

    /**
     * The same browser asks again with {@code parameters}: the first page must be the email code step
     * (no password form); "Send code", then the code from the mail completes the login.
     */
    private static OIDCTokens stepUp(FormLogin browser, String clientId, String username, Map<String, String> parameters) {
        int before = keycloak.mailbox().to(address(username)).size();
        OidcClient.Authorization authorization = client(clientId).authorization(parameters);
        FormLogin.Step step = browser.open(authorization.uri);
        assertThat(step.redirected()).as("a higher level is not granted from the cookie alone").isFalse();
        assertThat(step.page().getElementById("kc-form-login")).as("no password form on a step-up").isNull();
        // A page load (the redirect from the client) never sends mail: the email code step offers a button.
        assertThat(step.page().getElementById(EmailOtpIT.RESEND_FORM)).as("the email code step: %s", step.page().text()).isNotNull();
        assertThat(keycloak.mailbox().to(address(username))).as("no mail before the button").hasSize(before);
        step = browser.submit(step.page(), EmailOtpIT.RESEND_FORM, Map.of());
        assertThat(step.page().getElementById(EmailOtpIT.CODE_FORM)).as("the code form: %s", step.page().text()).isNotNull();
        step = browser.submit(step.page(), EmailOtpIT.CODE_FORM, Map.of("code", Mails.code(lastMail(username, before))));
        assertThat(step.redirected()).as("signed in after the code: %s", step.page() == null ? "" : step.page().text()).isTrue();
        return authorization.exchange(authorization.code(step.redirect())).toOIDCTokens();
    }

    private static MimeMessage lastMail(String username, int before) {
        List<MimeMessage> mails = keycloak.mailbox().awaitTo(address(username), before + 1);
        return mails.get(mails.size() - 1);
    }

    private static JWTClaimsSet claims(String jwt) {
        try {
            return SignedJWT.parse(jwt).getJWTClaimsSet();
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static JWTClaimsSet access(OIDCTokens tokens) {
        return claims(tokens.getAccessToken().getValue());
    }

    private static JWTClaimsSet id(OIDCTokens tokens) {
        return claims(tokens.getIDTokenString());
    }

    private static List<String> amr(JWTClaimsSet claims) {
        try {
            List<String> amr = claims.getStringListClaim("amr");
            return amr == null ? List.of() : amr;
        } catch (java.text.ParseException e) {
            throw new AssertionError(e);
        }
    }

    private static Long mfaTime(JWTClaimsSet claims) {
        Object value = claims.getClaim("mfa_time");
        return value == null ? null : ((Number) value).longValue();
    }

    private static OIDCTokens refresh(String clientId, OIDCTokens tokens) {
        TokenResponse response = client(clientId).refresh(tokens.getRefreshToken());
        assertThat(response.indicatesSuccess()).as("refresh: %s", response).isTrue();
        return ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens();
    }

    /**
     * Moves the server's time {@code seconds} forward, so that tokens and sign-ons of the test are that much older.
     * The offset adds up over the class (reset after it): compare with {@link #serverNow()}, not the wall clock.
     */
    private static void timePasses(long seconds) {
        keycloak.timeTravel(Duration.ofSeconds(seconds));
    }

    /** The server's time (the wall clock plus the offset the test has moved it by), in epoch seconds. */
    private static long serverNow() {
        return Instant.now().plus(keycloak.timeOffset()).getEpochSecond();
    }

    private static JsonNode userinfo(String accessToken) throws Exception {
        return TokenEndpoints.userinfo(keycloak.realmUrl(REALM), accessToken);
    }

    private static JsonNode introspect(String accessToken) throws Exception {
        return TokenEndpoints.introspectActive(keycloak.realmUrl(REALM), "lsu-api", "Lsu-api-4Tq8mW2zR7vK9pX3", accessToken);
    }

    @Test
    void acrValuesGoldAsksOnlyForTheEmailCodeAndRaisesAcr() throws Exception {
        FormLogin browser = new FormLogin();
        OIDCTokens silver = signInSilver(browser, APP, "lena");
        assertThat(id(silver).getClaim("acr")).isEqualTo(SILVER);
        assertThat(access(silver).getClaim("acr")).isEqualTo(SILVER);
        assertThat(amr(access(silver))).containsExactly("pwd");
        assertThat(mfaTime(access(silver))).as("no second factor yet").isNull();

        long before = serverNow();
        OIDCTokens gold = stepUp(browser, APP, "lena", Map.of("acr_values", GOLD));
        long after = serverNow();
        assertThat(id(gold).getClaim("acr")).isEqualTo(GOLD);
        assertThat(access(gold).getClaim("acr")).isEqualTo(GOLD);
        assertThat(id(gold).getSubject()).isEqualTo(id(silver).getSubject());
        assertThat(access(gold).getStringClaim("sid")).as("the same user session").isEqualTo(access(silver).getStringClaim("sid"));
        assertThat(amr(access(gold))).containsExactly("pwd", "otp", "mfa");
        assertThat(amr(id(gold))).containsExactly("pwd", "otp", "mfa");
        assertThat(mfaTime(access(gold))).isBetween(before, after);
        assertThat(mfaTime(id(gold))).isEqualTo(mfaTime(access(gold)));
        JsonNode info = userinfo(gold.getAccessToken().getValue());
        assertThat(info.path("amr").toString()).isEqualTo("[\"pwd\",\"otp\",\"mfa\"]");
        assertThat(info.path("mfa_time").asLong()).isEqualTo(mfaTime(access(gold)));
        JsonNode introspection = introspect(gold.getAccessToken().getValue());
        assertThat(introspection.path("amr").toString()).isEqualTo("[\"pwd\",\"otp\",\"mfa\"]");
        assertThat(introspection.path("mfa_time").asLong()).isEqualTo(mfaTime(access(gold)));
        assertThat(introspection.path("acr").asText()).isEqualTo(GOLD);

        // Keycloak #43968: a plain sign-on afterwards (nothing requested) keeps gold within the level's max age.
        OidcClient.Authorization plain = client(APP).authorization();
        FormLogin.Step step = browser.open(plain.uri);
        assertThat(step.redirected()).as("single sign-on, no page").isTrue();
        OIDCTokens sso = plain.exchange(plain.code(step.redirect())).toOIDCTokens();
        assertThat(id(sso).getClaim("acr")).isEqualTo(GOLD);
        assertThat(amr(access(sso))).containsExactly("pwd", "otp", "mfa");
        assertThat(mfaTime(access(sso))).isEqualTo(mfaTime(access(gold)));
    }

    @Test
    void theClaimsParameterStepsUpTheSameWay() {
        FormLogin browser = new FormLogin();
        signInSilver(browser, APP, "carl");
        OIDCTokens gold = stepUp(browser, APP, "carl",
                Map.of("claims", "{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"" + GOLD + "\"]}}}"));
        assertThat(id(gold).getClaim("acr")).isEqualTo(GOLD);
        assertThat(amr(id(gold))).containsExactly("pwd", "otp", "mfa");
        assertThat(mfaTime(id(gold))).isNotNull();
    }

    @Test
    void maxAgeOlderThanTheAuthenticationAsksForThePasswordAgain() throws Exception {
        FormLogin browser = new FormLogin();
        OIDCTokens first = signInSilver(browser, APP, "max");
        long authTime = ((Number) id(first).getClaim("auth_time")).longValue();
        timePasses(2);

        OidcClient.Authorization again = client(APP).authorization(Map.of("max_age", "1"));
        FormLogin.Step step = browser.open(again.uri);
        assertThat(step.redirected()).as("the session is older than max_age").isFalse();
        assertThat(step.page().getElementById("kc-form-login")).as("the password page again: %s", step.page().text()).isNotNull();
        step = browser.submit(step.page(), "kc-form-login", Map.of("username", "max", "password", "max-Password-1"));
        assertThat(step.redirected()).isTrue();
        OIDCTokens second = again.exchange(again.code(step.redirect())).toOIDCTokens();
        assertThat(((Number) id(second).getClaim("auth_time")).longValue()).isGreaterThan(authTime);
        assertThat(access(second).getStringClaim("sid")).as("re-authenticated in the same session").isEqualTo(access(first).getStringClaim("sid"));

        // Within max_age nothing is asked.
        OidcClient.Authorization within = client(APP).authorization(Map.of("max_age", "3600"));
        assertThat(browser.open(within.uri).redirected()).isTrue();
    }

    @Test
    void refreshedTokensKeepAcrAmrAndMfaTime() {
        FormLogin browser = new FormLogin();
        signInSilver(browser, APP, "rita");
        OIDCTokens gold = stepUp(browser, APP, "rita", Map.of("acr_values", GOLD));
        timePasses(2);

        OIDCTokens refreshed = refresh(APP, gold);
        assertThat(access(refreshed).getIssueTime()).isAfter(access(gold).getIssueTime());
        for (JWTClaimsSet claims : List.of(access(refreshed), id(refreshed))) {
            assertThat(claims.getClaim("acr")).as("Keycloak's acr mapper after a refresh").isEqualTo(GOLD);
            assertThat(amr(claims)).containsExactly("pwd", "otp", "mfa");
            assertThat(mfaTime(claims)).isEqualTo(mfaTime(access(gold)));
        }
        OIDCTokens twice = refresh(APP, refreshed);
        assertThat(access(twice).getClaim("acr")).isEqualTo(GOLD);
        assertThat(amr(access(twice))).containsExactly("pwd", "otp", "mfa");
        assertThat(mfaTime(access(twice))).isEqualTo(mfaTime(access(gold)));
    }

    /** Keycloak's mapper in the ID token, Vigil's in the access token: the same login, the same token response. */
    @Test
    void keycloaksAmrMapperAndOursAgreeOnTheSameLogin() {
        String compare = "lsu-compare-app";
        FormLogin browser = new FormLogin();
        OIDCTokens silver = signInSilver(browser, compare, "cora");
        assertThat(amr(id(silver))).as("Keycloak's oidc-amr-mapper").containsExactly("pwd");
        assertThat(amr(access(silver))).as("oidc-vigil-auth-context").containsExactly("pwd");

        OIDCTokens gold = stepUp(browser, compare, "cora", Map.of("acr_values", GOLD));
        List<String> builtIn = amr(id(gold));
        List<String> ours = amr(access(gold));
        assertThat(new HashSet<>(builtIn)).isEqualTo(java.util.Set.of("pwd", "otp"));
        List<String> oursWithoutMfa = new ArrayList<>(ours);
        oursWithoutMfa.remove("mfa");
        assertThat(new HashSet<>(oursWithoutMfa)).as("where both apply they agree").isEqualTo(new HashSet<>(builtIn));
        assertThat(ours).as("and ours adds mfa for two factors").contains("mfa");
        assertThat(id(gold).getClaim("mfa_time")).as("the ID token carries only Keycloak's mapper").isNull();

        OIDCTokens refreshed = refresh(compare, gold);
        assertThat(new HashSet<>(amr(id(refreshed)))).as("within the steps' max age (36000 s) Keycloak keeps them too")
                .isEqualTo(new HashSet<>(builtIn));
        assertThat(amr(access(refreshed))).isEqualTo(ours);
    }

    /**
     * A step with a reference value but Keycloak's default max age (none, i.e. 0): Keycloak's mapper
     * reports it only in tokens issued within the step's own second, so a refreshed token has lost it;
     * ours counts it for the session.
     */
    @Test
    void keycloaksAmrDropsOnRefreshWithoutAMaxAgeAndOursKeepsIt() {
        String shortApp = "lsu-short-app";
        OIDCTokens tokens = signInSilver(new FormLogin(), shortApp, "sam");
        assertThat(amr(access(tokens))).containsExactly("pwd");
        long authTime = ((Number) id(tokens).getClaim("auth_time")).longValue();
        timePasses(2);

        OIDCTokens refreshed = refresh(shortApp, tokens);
        assertThat(amr(id(refreshed))).as("Keycloak's oidc-amr-mapper after the step's second").doesNotContain("pwd");
        assertThat(amr(access(refreshed))).as("oidc-vigil-auth-context").containsExactly("pwd");
    }

    /**
     * RFC 9470: the API answers a silver token with 401 {@code insufficient_user_authentication} and
     * the level it needs; the client reads the challenge, asks Keycloak again with those parameters in
     * the same browser (only the email code is asked) and retries with the new token.
     */
    @Test
    void anApiAsksForAHigherLevelWithRfc9470AndTheClientAnswers() throws Exception {
        try (StepUpApi api = new StepUpApi(keycloak.realmUrl(REALM), GOLD, 600,
                Clock.offset(Clock.systemUTC(), keycloak.timeOffset()))) {
            FormLogin browser = new FormLogin();
            OIDCTokens silver = signInSilver(browser, APP, "rex");
            HttpClient http = HttpClient.newHttpClient();

            HttpResponse<String> denied = http.send(HttpRequest.newBuilder(api.uri())
                    .header("Authorization", "Bearer " + silver.getAccessToken().getValue()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(denied.statusCode()).isEqualTo(401);
            BearerChallenge challenge = BearerChallenge.parse(denied.headers().firstValue("WWW-Authenticate").orElseThrow());
            assertThat(challenge.insufficientUserAuthentication()).isTrue();
            assertThat(challenge.param("acr_values")).contains(GOLD);
            assertThat(challenge.param("max_age")).contains("600");

            OIDCTokens gold = stepUp(browser, APP, "rex", Map.of(
                    "acr_values", challenge.param("acr_values").orElseThrow(),
                    "max_age", challenge.param("max_age").orElseThrow()));

            HttpResponse<String> paid = http.send(HttpRequest.newBuilder(api.uri())
                    .header("Authorization", "Bearer " + gold.getAccessToken().getValue()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
            assertThat(paid.body()).isEqualTo("paid");

            // A forged token (gold claimed, not signed by the realm) is refused as invalid, not as too weak.
            String[] parts = gold.getAccessToken().getValue().split("\\.");
            String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(api.uri())
                    .header("Authorization", "Bearer " + forged).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(BearerChallenge.parse(refused.headers().firstValue("WWW-Authenticate").orElseThrow()).param("error"))
                    .contains("invalid_token");
        }
    }
}
