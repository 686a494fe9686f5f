package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.token.Tokens;
import dev.vigil.testing.HarnessPaths;
import dev.vigil.testing.RealmFixtures;
import dev.vigil.testing.TestKeycloak;
import dev.vigil.testing.client.FormLogin;
import dev.vigil.testing.client.Mails;
import dev.vigil.testing.client.OidcClient;
import dev.vigil.testing.junit.WithKeycloak;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * The demo realm as shipped ({@code demo/vigil-demo-realm.json}) imports into a real Keycloak and the
 * README's walkthrough works: sign in with password and email code, replay a refresh token the way
 * the curl command on the demo app does, and see the session end, the audit line and the mail.
 */
@WithKeycloak
class DemoRealmIT {

    private static final String REALM = "vigil-demo";
    private static TestKeycloak keycloak;

    @BeforeAll
    static void importDemoRealm(TestKeycloak server) {
        keycloak = server;
        RealmRepresentation realm = RealmFixtures.read(RealmFixtures.file(HarnessPaths.repoDir().resolve(
                "demo/vigil-demo-realm.json")), keycloak.placeholders());
        // The test's OIDC client receives the code on its own redirect URI.
        for (ClientRepresentation client : realm.getClients()) {
            if ("demo-app".equals(client.getClientId()) || "support-console".equals(client.getClientId())) {
                List<String> uris = new ArrayList<>(client.getRedirectUris());
                uris.add(OidcClient.REDIRECT.toString());
                client.setRedirectUris(uris);
            }
        }
        // The harness's trusted proxy forwards public client IPs over plain HTTP: Keycloak's default
        // sslRequired=external would answer those with ssl_required.
        realm.setSslRequired("none");
        RealmFixtures.importFresh(keycloak.admin(), realm);
    }

    private static HttpResponse<String> curlRefresh(String refreshToken) throws Exception {
        String form = "grant_type=refresh_token&client_id=demo-app&refresh_token="
                + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(keycloak.realmUrl(REALM)
                        + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", "curl/8.5.0")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Password, then the email code from the mail sink when the demo's step-up rules ask for it (the
     * first login of a user: no second factor on record yet).
     */
    private static Tokens signIn(String username, String password) {
        return signIn(new FormLogin(), username, password, "");
    }

    private static Tokens signIn(FormLogin agent, String username, String password, String extraParameters) {
        OidcClient.Authorization authorization = new OidcClient(keycloak.realmUrl(REALM), "demo-app").authorization();
        return authorization.exchange(authorization.code(signInRedirect(agent, authorization, username, password, extraParameters)));
    }

    /** Password, then the email code when the rules ask for it; the redirect back with the code. */
    private static URI signInRedirect(FormLogin agent, OidcClient.Authorization authorization, String username, String password,
                                      String extraParameters) {
        String address = username + "@example.com";
        int before = keycloak.mailbox().to(address).size();
        FormLogin.Step step = agent.open(URI.create(authorization.uri + extraParameters));
        if (!step.redirected() && step.page().getElementById("kc-form-login") != null) {
            step = agent.submit(step.page(), "kc-form-login", Map.of("username", username, "password", password));
        }
        if (!step.redirected() && step.page().getElementById(EmailOtpIT.CODE_FORM) == null) {
            // Reached by a page load (a step-up on a live session): the page offers to send the code.
            step = agent.submit(step.page(), "vigil-email-otp-resend-form", Map.of());
        }
        if (!step.redirected()) {
            String code = Mails.code(keycloak.mailbox().awaitTo(address, before + 1).get(before));
            step = agent.submit(step.page(), EmailOtpIT.CODE_FORM, Map.of("code", code));
        }
        assertThat(step.redirected()).as("signed in; page: %s", step.page() == null ? "" : step.page().text()).isTrue();
        return step.redirect();
    }

    /** The support agent signs in at the support console (confidential, code flow): the console's own token of the agent. */
    private static String signInAtConsole(String username, String password) throws Exception {
        OidcClient.Authorization authorization = new OidcClient(keycloak.realmUrl(REALM), "support-console").authorization();
        String code = authorization.code(signInRedirect(new FormLogin(), authorization, username, password, "")).getValue();
        HttpResponse<String> tokens = ImpersonationScopeIT.tokenRequest(keycloak.realmUrl(REALM), "support-console",
                "demo-support-secret", ImpersonationScopeIT.form(Map.of("grant_type", "authorization_code", "code", code,
                        "redirect_uri", OidcClient.REDIRECT.toString(), "code_verifier", authorization.verifier.getValue())));
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        return new ObjectMapper().readTree(tokens.body()).path("access_token").asText();
    }

    /** What the login page asks for: "password", "code" or "nothing" (the login completed). */
    private static String asks(FormLogin agent, String extraParameters) {
        FormLogin.Step step = agent.open(URI.create(new OidcClient(keycloak.realmUrl(REALM), "demo-app").authorization().uri
                + extraParameters));
        if (step.redirected()) {
            return "nothing";
        }
        return step.page().getElementById("kc-form-login") != null ? "password"
                : step.page().getElementById("vigil-email-otp-resend-form") != null ? "code" : step.page().text();
    }

    private static String acr(Tokens tokens) throws Exception {
        return tokens.toOIDCTokens().getIDToken().getJWTClaimsSet().getStringClaim("acr");
    }

    /** The README's rule set: admins always, outside 127.0.0.0/8 or after 12 hours, and the demo client's step-up link. */
    @Test
    void theDemoRuleSetAndAStepUpOnALiveSession() throws Exception {
        Tokens firstLogin = signIn("bob", "bob");
        assertThat(acr(firstLogin)).as("bob's first login: no code on record, so the code, and level 2").isEqualTo("email-code");
        com.nimbusds.jwt.JWTClaimsSet firstClaims = firstLogin.toOIDCTokens().getIDToken().getJWTClaimsSet();
        assertThat(firstClaims.getStringListClaim("amr")).containsExactly("pwd", "otp", "mfa");
        assertThat(firstClaims.getLongClaim("mfa_time")).isNotNull();
        FormLogin laptop = new FormLogin();
        Tokens withinTwelveHours = signIn(laptop, "bob", "bob", "");
        assertThat(acr(withinTwelveHours)).as("a new browser on 127.0.0.1 within 12 hours: the password only").isEqualTo("password");
        assertThat(withinTwelveHours.toOIDCTokens().getIDToken().getJWTClaimsSet().getStringListClaim("amr")).containsExactly("pwd");
        assertThat(keycloak.mailbox().to("bob@example.com")).hasSize(1);

        assertThat(asks(laptop, "&acr_values=email-code")).as("a client asks for more on the live session").isEqualTo("code");
        Tokens stepped = signIn(laptop, "bob", "bob", "&acr_values=email-code");
        assertThat(acr(stepped)).isEqualTo("email-code");
        assertThat(stepped.toOIDCTokens().getIDToken().getJWTClaimsSet().getStringListClaim("amr")).containsExactly("pwd", "otp", "mfa");
        assertThat(keycloak.mailbox().to("bob@example.com")).as("only the code was asked, once").hasSize(2);

        signIn("root-admin", "root-admin");
        FormLogin admin = new FormLogin();
        FormLogin.Step step = admin.login(new OidcClient(keycloak.realmUrl(REALM), "demo-app").authorization().uri,
                "root-admin", "root-admin");
        assertThat(step.redirected()).as("an admin gives the code every time").isFalse();
        assertThat(step.page().getElementById(EmailOtpIT.CODE_FORM)).isNotNull();
    }


    /**
     * Issue #15 on the demo's own flow, Keycloak behind a proxy: alice signs in from 127.0.0.9 (inside the
     * trusted range), then the same browser session comes from 203.0.113.9 and is asked for the code.
     */
    @Test
    void anSsoSignOnFromOutsideTheTrustedRangeAsksForTheCode() throws Exception {
        try (dev.vigil.testing.TrustedProxy proxy = dev.vigil.testing.TrustedProxy.start(keycloak.baseUrl())) {
            FormLogin browser = new FormLogin().routeTo(proxy.baseUrl()).header("X-Forwarded-Host", proxy.forwardedHost())
                    .header("X-Forwarded-For", "127.0.0.9");
            signIn(browser, "alice", "alice", "");
            assertThat(asks(browser, "")).as("SSO again from 127.0.0.9").isEqualTo("nothing");
            browser.header("X-Forwarded-For", "203.0.113.9");
            assertThat(asks(browser, "")).as("the same browser session from 203.0.113.9").isEqualTo("code");
            int mails = keycloak.mailbox().to("alice@example.com").size();
            assertThat(acr(signIn(browser, "alice", "alice", ""))).isEqualTo("email-code");
            assertThat(keycloak.mailbox().to("alice@example.com")).hasSize(mails + 1);
            assertThat(asks(browser, "")).as("answered for 203.0.113.9 in this session").isEqualTo("nothing");
        }
    }

    private static HttpResponse<String> curlImpersonate(String subjectToken, String target) throws Exception {
        String form = "grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:token-exchange", StandardCharsets.UTF_8)
                + "&subject_token_type=" + URLEncoder.encode("urn:ietf:params:oauth:token-type:access_token", StandardCharsets.UTF_8)
                + "&requested_subject=" + target + "&reason=" + URLEncoder.encode("DEMO-1 alice cannot see her invoices", StandardCharsets.UTF_8)
                + "&subject_token=" + URLEncoder.encode(subjectToken, StandardCharsets.UTF_8);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(keycloak.realmUrl(REALM)
                        + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        "support-console:demo-support-secret".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> bearer(String url, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The first mail to {@code address} after the first {@code skip} whose subject starts with {@code subject}. */
    private static MimeMessage mailTo(String address, int skip, String subject) {
        return dev.vigil.testing.Deadline.await("a mail '" + subject + "' to " + address, java.time.Duration.ofSeconds(20),
                () -> keycloak.mailbox().to(address).stream().skip(skip).filter(m -> {
                    try {
                        return m.getSubject() != null && m.getSubject().startsWith(subject);
                    } catch (jakarta.mail.MessagingException e) {
                        return false;
                    }
                }).findFirst().orElse(null));
    }

    @Test
    void theReadmeWalkthroughOfImpersonation() throws Exception {
        int before = keycloak.mailbox().to("alice@example.com").size();
        String agentToken = signInAtConsole("support-agent", "support");
        HttpResponse<String> granted = curlImpersonate(agentToken, "alice");
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        String token = new ObjectMapper().readTree(granted.body()).path("access_token").asText();
        com.nimbusds.jwt.JWTClaimsSet claims = com.nimbusds.jwt.SignedJWT.parse(token).getJWTClaimsSet();
        assertThat(claims.getStringClaim("preferred_username")).isEqualTo("alice");
        assertThat(claims.getAudience()).as("the console's own audience").containsExactly("support-console");
        // What the demo's support console shows: alice's data from userinfo; the Account API refuses the token.
        HttpResponse<String> userinfo = bearer(keycloak.realmUrl(REALM) + "/protocol/openid-connect/userinfo", token);
        assertThat(userinfo.statusCode()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(userinfo.body()).path("email").asText()).isEqualTo("alice@example.com");
        assertThat(bearer(keycloak.realmUrl(REALM) + "/account/", token).statusCode()).isEqualTo(401);
        String appToken = signIn("support-agent", "support").getAccessToken().getValue();
        HttpResponse<String> foreign = curlImpersonate(appToken, "alice");
        assertThat(foreign.statusCode()).as("a token of the demo app is not the console's").isEqualTo(400);
        MimeMessage notice = mailTo("alice@example.com", before, "Support accessed your");
        assertThat(Mails.text(notice)).contains("DEMO-1 alice cannot see her invoices");
        HttpResponse<String> refused = curlImpersonate(agentToken, "root-admin");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(new ObjectMapper().readTree(refused.body()).path("error").asText()).isEqualTo("access_denied");
    }

    @Test
    void theReadmeWalkthroughOfARefreshTokenReplay() throws Exception {
        int before = keycloak.mailbox().to("alice@example.com").size();
        Tokens tokens = signIn("alice", "alice");

        HttpResponse<String> first = curlRefresh(tokens.getRefreshToken().getValue());
        assertThat(first.statusCode()).as("the first run rotates: %s", first.body()).isEqualTo(200);
        HttpResponse<String> replay = curlRefresh(tokens.getRefreshToken().getValue());
        assertThat(replay.statusCode()).isEqualTo(400);
        assertThat(new ObjectMapper().readTree(replay.body()).path("error").asText()).isEqualTo("invalid_grant");

        JsonNode detection = keycloak.log().awaitAudit("the demo's detection", r -> REALM.equals(r.path("realm").asText())
                && "REFRESH_TOKEN_REUSE".equals(r.path("type").asText()));
        assertThat(detection.path("details").path("action").asText()).isEqualTo("session");
        assertThat(detection.path("details").path("reuse_user_agent").asText()).isEqualTo("curl/8.5.0");
        String rotated = new ObjectMapper().readTree(first.body()).path("refresh_token").asText();
        assertThat(curlRefresh(rotated).statusCode()).as("the session is gone").isEqualTo(400);
        assertThat(keycloak.admin().realm(REALM).users().get(keycloak.admin().realm(REALM).users()
                .searchByUsername("alice", true).get(0).getId()).getUserSessions()).isEmpty();

        mailTo("alice@example.com", before, "You were signed out of");
    }
}
