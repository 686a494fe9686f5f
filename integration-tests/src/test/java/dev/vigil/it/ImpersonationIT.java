package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.TokenTypeURI;
import com.nimbusds.oauth2.sdk.tokenexchange.TokenExchangeGrant;
import dev.vigil.testing.TestKeycloak;
import dev.vigil.testing.client.FormLogin;
import dev.vigil.testing.client.Mails;
import dev.vigil.testing.client.OidcClient;
import dev.vigil.testing.junit.WithKeycloak;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Audited impersonation by token exchange, through the Nimbus SDK's token-exchange grant, on a real Keycloak. */
@WithKeycloak
class ImpersonationIT {

    private static final String REALM = "impersonation-it";
    private static final String CONSOLE = "support-console";
    private static final String CONSOLE_SECRET = "Support-Console-Secret-7f3k9";
    private static final String BRIEF_SECRET = "Support-Brief-Secret-6t1w5";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestKeycloak keycloak;

    @BeforeAll
    static void importRealm(TestKeycloak server) {
        keycloak = server;
        keycloak.importRealm("realms/impersonation-it.json");
    }

    /** The acting person's access token: they sign in normally at the support UI. */
    private static String signIn(String username) {
        return new OidcClient(keycloak.realmUrl(REALM), "support-ui")
                .login(new FormLogin(), username, username + "-Password-1").getAccessToken().getValue();
    }

    private static HTTPResponse exchange(String clientId, String secret, String subjectToken, Map<String, String> extra) throws Exception {
        Map<String, List<String>> params = new HashMap<>();
        extra.forEach((k, v) -> params.put(k, List.of(v)));
        TokenRequest request = new TokenRequest(URI.create(keycloak.realmUrl(REALM) + "/protocol/openid-connect/token"),
                new ClientSecretBasic(new ClientID(clientId), new Secret(secret)),
                new TokenExchangeGrant(new BearerAccessToken(subjectToken), TokenTypeURI.ACCESS_TOKEN),
                null, null, params);
        return request.toHTTPRequest().send();
    }

    private static HTTPResponse impersonate(String subjectToken, String target, String reason) throws Exception {
        Map<String, String> extra = new HashMap<>();
        extra.put("requested_subject", target);
        if (reason != null) {
            extra.put("reason", reason);
        }
        return exchange(CONSOLE, CONSOLE_SECRET, subjectToken, extra);
    }

    private static JsonNode body(HTTPResponse response) throws Exception {
        return JSON.readTree(response.getBody());
    }

    private static String userId(String username) {
        return keycloak.admin().realm(REALM).users().searchByUsername(username, true).get(0).getId();
    }

    private static int userinfo(String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(keycloak.realmUrl(REALM)
                        + "/protocol/openid-connect/userinfo")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static JsonNode introspect(String token) throws Exception {
        return introspect(token, CONSOLE, CONSOLE_SECRET);
    }

    /** Introspection by {@code clientId}: only the token's own audience may introspect an impersonation token. */
    private static JsonNode introspect(String token, String clientId, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes());
        return JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(keycloak.realmUrl(REALM)
                        + "/protocol/openid-connect/token/introspect"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void anImpersonatorGetsAShortNonRenewableTokenOfTheTarget() throws Exception {
        String agentToken = signIn("agent");
        int mailsBefore = keycloak.mailbox().to("customer@example.com").size();
        int customerSessionsBefore = keycloak.admin().realm(REALM).users().get(userId("customer")).getUserSessions().size();
        HTTPResponse response = impersonate(agentToken, "customer", "TICKET-4711 cannot see invoices");
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        JsonNode body = body(response);
        assertThat(body.path("issued_token_type").asText()).isEqualTo("urn:ietf:params:oauth:token-type:access_token");
        assertThat(body.has("refresh_token")).as("never a refresh token").isFalse();
        assertThat(body.path("expires_in").asLong()).isBetween(590L, 600L);
        String token = body.path("access_token").asText();
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(userId("customer"));
        assertThat(claims.getStringClaim("azp")).isEqualTo(CONSOLE);
        assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime()).isLessThanOrEqualTo(600_000L);

        Map<String, Object> act = claims.getJSONObjectClaim("act");
        assertThat(act).as("RFC 8693 act: who really acts").containsEntry("sub", userId("agent"))
                .containsEntry("preferred_username", "agent").containsEntry("client_id", CONSOLE);

        // No stored session (docs: "What a grant reads and writes"): the token names none, the user has none more,
        // and userinfo and introspection accept it all the same.
        assertThat(claims.getStringClaim("sid")).as("no session to name").isNull();
        assertThat(keycloak.admin().realm(REALM).users().get(userId("customer")).getUserSessions())
                .as("the grant stored no session of the user").hasSize(customerSessionsBefore);
        assertThat(userinfo(token)).as("userinfo").isEqualTo(200);
        JsonNode introspection = introspect(token);
        assertThat(introspection.path("active").asBoolean()).as("introspection: %s", introspection).isTrue();
        assertThat(introspection.path("sub").asText()).isEqualTo(userId("customer"));
        assertThat(introspection.path("act").path("sub").asText()).as("the same actor at introspection").isEqualTo(userId("agent"));
        assertThat(introspection.path("act").path("client_id").asText()).isEqualTo(CONSOLE);

        OidcClient console = new OidcClient(keycloak.realmUrl(REALM), CONSOLE);
        assertThat(console.refresh(new RefreshToken(token)).indicatesSuccess()).as("nothing to refresh with").isFalse();

        JsonNode audit = keycloak.log().awaitAudit("the grant", r -> "IMPERSONATION".equals(r.path("type").asText())
                && "granted".equals(r.path("details").path("decision").asText())
                && "customer".equals(r.path("username").asText())
                && "TICKET-4711 cannot see invoices".equals(r.path("details").path("reason").asText()));
        assertThat(audit.path("details").path("impersonator").asText()).isEqualTo("agent");
        assertThat(audit.path("details").path("reason").asText()).isEqualTo("TICKET-4711 cannot see invoices");
        assertThat(audit.path("details").path("expires").asText()).isNotBlank();
        String customerId = userId("customer");
        JsonNode event = keycloak.log().awaitAudit("the IMPERSONATE event", r -> "IMPERSONATE".equals(r.path("type").asText())
                && REALM.equals(r.path("realm").asText()) && customerId.equals(r.path("userId").asText())
                && "agent".equals(r.path("details").path("impersonator").asText()));
        assertThat(event.path("details").path("reason").asText()).isEqualTo("TICKET-4711 cannot see invoices");
        assertThat(audit.toString()).doesNotContain(token).doesNotContain(agentToken.split("\\.")[1]);

        // Other tests here impersonate the customer too: pick the notice with this reason.
        MimeMessage mail = dev.vigil.testing.Deadline.await("the notice mail", java.time.Duration.ofSeconds(20),
                () -> keycloak.mailbox().to("customer@example.com").stream().skip(mailsBefore)
                        .filter(m -> Mails.text(m).contains("TICKET-4711 cannot see invoices")).findFirst().orElse(null));
        assertThat(Mails.text(mail)).contains("Agent");
    }

    private static HttpResponse<String> admin(String method, String path, String bearer) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + "/admin/realms/" + REALM
                        + "/vigil-impersonations" + path)).header("Authorization", "Bearer " + bearer)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void adminsListRunningImpersonationsAndEndOneAtOnce() throws Exception {
        String agentToken = signIn("agent3");
        String token = body(impersonate(agentToken, "customer3", "TICKET-1 billing question")).path("access_token").asText();
        assertThat(userinfo(token)).isEqualTo(200);
        // The impersonation's id is its token's jti.
        String id = SignedJWT.parse(token).getJWTClaimsSet().getJWTID();
        String adminToken = keycloak.admin().tokenManager().getAccessTokenString();

        HttpResponse<String> list = admin("GET", "", adminToken);
        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode entry = null;
        for (JsonNode e : JSON.readTree(list.body())) {
            if (id.equals(e.path("id").asText())) {
                entry = e;
            }
        }
        assertThat(entry).as("the running impersonation is listed: %s", list.body()).isNotNull();
        assertThat(entry.path("impersonator").asText()).isEqualTo("agent3");
        assertThat(entry.path("username").asText()).isEqualTo("customer3");
        assertThat(entry.path("reason").asText()).isEqualTo("TICKET-1 billing question");
        assertThat(entry.path("clientId").asText()).isEqualTo(CONSOLE);
        assertThat(entry.path("expires").asText()).isNotBlank();

        assertThat(admin("GET", "", agentToken).statusCode()).as("a user without admin roles").isEqualTo(403);
        assertThat(admin("DELETE", "/" + id, agentToken).statusCode()).isEqualTo(403);
        assertThat(admin("GET", "", "garbage").statusCode()).isEqualTo(401);
        assertThat(userinfo(token)).as("still running after the refused calls").isEqualTo(200);

        HttpResponse<String> end = admin("DELETE", "/" + id, adminToken);
        assertThat(end.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(end.body()).path("ended").asInt()).isEqualTo(1);
        assertThat(userinfo(token)).as("ended: userinfo").isEqualTo(401);
        assertThat(introspect(token).path("active").asBoolean()).as("ended: introspection").isFalse();
        assertThat(admin("DELETE", "/" + id, adminToken).statusCode()).as("gone from the list").isEqualTo(404);
        keycloak.log().awaitAudit("the end", r -> "IMPERSONATION".equals(r.path("type").asText())
                && "ended".equals(r.path("details").path("decision").asText())
                && id.equals(r.path("details").path("impersonation_id").asText()));
    }

    @Test
    void theImpersonationEndsWithItsTokenAndLeavesTheList() throws Exception {
        // support-brief's profile gives the shortest lifetime allowed, 60 s.
        HTTPResponse response = exchange("support-brief", BRIEF_SECRET, signIn("agent3"),
                Map.of("requested_subject", "customer2", "reason", "TICKET-60 a quick look"));
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        String token = body(response).path("access_token").asText();
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        String id = claims.getJWTID();
        assertThat(claims.getExpirationTime().toInstant().getEpochSecond() - claims.getIssueTime().toInstant().getEpochSecond())
                .isEqualTo(60);
        String adminToken = keycloak.admin().tokenManager().getAccessTokenString();
        assertThat(JSON.readTree(admin("GET", "", adminToken).body()).findValuesAsText("id")).contains(id);
        assertThat(userinfo(token)).isEqualTo(200);

        // Keycloak's time moves instead of the test waiting: 45 s on, the token lives and is listed.
        keycloak.timeTravel(java.time.Duration.ofSeconds(45));
        assertThat(introspect(token, "support-brief", BRIEF_SECRET).path("active").asBoolean()).isTrue();
        assertThat(introspect(token).path("active").asBoolean()).as("the console is not this token's audience").isFalse();
        adminToken = keycloak.admin().tokenManager().getAccessTokenString();
        assertThat(JSON.readTree(admin("GET", "", adminToken).body()).findValuesAsText("id")).as("listed while it lives").contains(id);
        keycloak.timeTravel(java.time.Duration.ofSeconds(17));
        assertThat(introspect(token, "support-brief", BRIEF_SECRET).path("active").asBoolean()).as("expired by Keycloak's time")
                .isFalse();
        assertThat(userinfo(token)).as("expired: userinfo").isEqualTo(401);
        adminToken = keycloak.admin().tokenManager().getAccessTokenString();
        assertThat(JSON.readTree(admin("GET", "", adminToken).body()).findValuesAsText("id")).as("gone from the list at its expiry")
                .doesNotContain(id);
    }

    @Test
    void whereNoReasonIsRequiredAGrantWithoutOneIsListedWithout() throws Exception {
        HTTPResponse response = exchange("support-brief", BRIEF_SECRET, signIn("agent3"), Map.of("requested_subject", "customer3"));
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        String id = SignedJWT.parse(body(response).path("access_token").asText()).getJWTClaimsSet().getJWTID();
        JsonNode listed = null;
        for (JsonNode e : JSON.readTree(admin("GET", "", keycloak.admin().tokenManager().getAccessTokenString()).body())) {
            if (id.equals(e.path("id").asText())) {
                listed = e;
            }
        }
        assertThat(listed).as("listed").isNotNull();
        assertThat(listed.hasNonNull("reason")).as("no reason: %s", listed).isFalse();
        assertThat(listed.path("username").asText()).isEqualTo("customer3");
    }

    @Test
    void signingTheUserOutInTheAdminConsoleEndsTheImpersonation() throws Exception {
        HTTPResponse response = impersonate(signIn("agent6"), "nosy", "TICKET-62 sign-out check");
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        String token = body(response).path("access_token").asText();
        assertThat(userinfo(token)).isEqualTo(200);
        // Keycloak's "Sign out" of a user sets the user's not-before to now; a token issued in the same second
        // would still pass, so the sign-out happens a little later by Keycloak's clock.
        keycloak.timeTravel(java.time.Duration.ofSeconds(2));
        keycloak.admin().realm(REALM).users().get(userId("nosy")).logout();
        assertThat(userinfo(token)).as("userinfo after the user was signed out").isEqualTo(401);
        assertThat(introspect(token).path("active").asBoolean()).as("introspection after the sign-out").isFalse();
    }

    @Test
    void everyPolicyRefusalIsTheSameAccessDenied() throws Exception {
        String agent = signIn("agent");
        Map<String, String> targets = Map.of("nobody-at-all", "unknown-target", "agent", "self", "sleeper", "target-disabled",
                "service-account-support-console", "target-service-account", "agent2", "target-impersonator",
                "vip", "target-protected", "boss", "target-administrator");
        String firstBody = null;
        for (Map.Entry<String, String> target : targets.entrySet()) {
            HTTPResponse response = impersonate(agent, target.getKey(), "TICKET-9 checking access");
            assertThat(response.getStatusCode()).as(target.getKey()).isEqualTo(403);
            assertThat(body(response).path("error").asText()).isEqualTo("access_denied");
            if (firstBody == null) {
                firstBody = response.getBody();
            }
            assertThat(response.getBody()).as("the same answer for %s", target.getKey()).isEqualTo(firstBody);
            String reason = target.getValue();
            keycloak.log().awaitAudit("denial " + reason, r -> "IMPERSONATION".equals(r.path("type").asText())
                    && reason.equals(r.path("details").path("denial").asText()));
        }
        HTTPResponse nosy = impersonate(signIn("nosy"), "customer", "TICKET-9 checking access");
        assertThat(nosy.getStatusCode()).isEqualTo(403);
        assertThat(nosy.getBody()).as("an outsider learns nothing about the target").isEqualTo(firstBody);
        HTTPResponse nosyUnknown = impersonate(signIn("nosy"), "nobody-at-all", "TICKET-9 checking access");
        assertThat(nosyUnknown.getBody()).isEqualTo(firstBody);
    }

    @Test
    void theProtectedRoleProtectsWhenHeldThroughAParentGroupOrAComposite() throws Exception {
        // The way admins usually hand out roles: a group (here the parent of the user's group) or a composite role.
        String agent = signIn("agent");
        for (String target : List.of("vip-by-group", "vip-by-composite")) {
            HTTPResponse response = impersonate(agent, target, "TICKET-9 checking access");
            assertThat(response.getStatusCode()).as(target).isEqualTo(403);
            keycloak.log().awaitAudit("denial of " + target, r -> "IMPERSONATION".equals(r.path("type").asText())
                    && target.equals(r.path("details").path("requested_subject").asText())
                    && "target-protected".equals(r.path("details").path("denial").asText()));
        }
    }

    @Test
    void noChainsAndACapOnActiveImpersonations() throws Exception {
        String agent2 = signIn("agent2");
        String first = body(impersonate(agent2, "customer", "TICKET-2 first")).path("access_token").asText();
        assertThat(body(impersonate(first, "customer2", "TICKET-2 chained")).path("error").asText())
                .as("an impersonation token as the subject token").isEqualTo("access_denied");
        assertThat(impersonate(agent2, "customer2", "TICKET-2 second").getStatusCode()).isEqualTo(200);
        HTTPResponse third = impersonate(agent2, "customer3", "TICKET-2 third");
        assertThat(third.getStatusCode()).as("the cap of 2 active impersonations").isEqualTo(403);
        keycloak.log().awaitAudit("cap", r -> "IMPERSONATION".equals(r.path("type").asText())
                && "too-many-active".equals(r.path("details").path("denial").asText()));
    }

    @Test
    void malformedRequestsAndUnauthorizedClientsGetOAuthErrors() throws Exception {
        String agent = signIn("agent");
        assertThat(body(impersonate(agent, "customer", null)).path("error").asText()).as("no reason").isEqualTo("invalid_request");
        assertThat(body(impersonate(agent, "customer", "abc")).path("error").asText()).as("short reason").isEqualTo("invalid_request");
        assertThat(body(impersonate("not.a.token", "customer", "TICKET-3 x")).path("error").asText()).isEqualTo("invalid_grant");
        assertThat(body(exchange(CONSOLE, CONSOLE_SECRET, agent, Map.of("requested_subject", "customer", "reason", "TICKET-3 x",
                "requested_token_type", "urn:ietf:params:oauth:token-type:refresh_token"))).path("error").asText())
                .isEqualTo("invalid_request");
        assertThat(body(exchange(CONSOLE, CONSOLE_SECRET, agent, Map.of("requested_subject", "customer", "reason", "TICKET-3 x",
                "audience", "other-console"))).path("error").asText()).isEqualTo("invalid_target");
        HTTPResponse other = exchange("other-console", "Other-Console-Secret-2m8q4", agent,
                Map.of("requested_subject", "customer", "reason", "TICKET-3 x"));
        assertThat(body(other).path("error").asText()).as("a client no policy enables").isEqualTo("unauthorized_client");
        for (HTTPResponse response : List.of(other)) {
            assertThat(response.getStatusCode()).isLessThan(500);
        }
        assertThat(keycloak.log().text()).doesNotContain(agent.split("\\.")[2]);

        String metrics = keycloak.server().metricsText();
        assertThat(metrics.lines().filter(l -> l.startsWith("vigil_impersonation_denied_total{")
                && l.contains("reason=\"client-not-enabled\""))).as("denials by reason").isNotEmpty();
    }

    @Test
    void withoutTheActorMapperTheTokenStillNamesTheActor() throws Exception {
        HTTPResponse response = exchange("support-lite", "Support-Lite-Secret-4k2p8", signIn("agent"),
                Map.of("requested_subject", "customer2", "reason", "TICKET-5 lite console"));
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        Map<String, Object> act = SignedJWT.parse(body(response).path("access_token").asText()).getJWTClaimsSet()
                .getJSONObjectClaim("act");
        assertThat(act).containsEntry("sub", userId("agent")).containsEntry("preferred_username", "agent")
                .containsEntry("client_id", "support-lite");
    }

    @Test
    void aTeamPolicyAllowsOnlyTargetsInTheActorsGroups() throws Exception {
        String agent3 = signIn("agent3");
        Map<String, String> emea = Map.of("requested_subject", "customer3", "reason", "TICKET-6 team member");
        HTTPResponse inSubgroup = exchange("support-team", "Support-Team-Secret-9v3h1", agent3, emea);
        assertThat(inSubgroup.getStatusCode()).as("a target in a subgroup of the actor's group: %s", inSubgroup.getBody())
                .isEqualTo(200);
        HTTPResponse otherTeam = exchange("support-team", "Support-Team-Secret-9v3h1", agent3,
                Map.of("requested_subject", "customer2", "reason", "TICKET-6 other team"));
        assertThat(otherTeam.getStatusCode()).isEqualTo(403);
        keycloak.log().awaitAudit("outside the groups", r -> "IMPERSONATION".equals(r.path("type").asText())
                && "target-outside-actor-groups".equals(r.path("details").path("denial").asText()));
    }

    @Test
    void ordinaryStandardTokenExchangesStillWork() throws Exception {
        HTTPResponse response = exchange(CONSOLE, CONSOLE_SECRET, signIn("agent"), Map.of());
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        assertThat(SignedJWT.parse(body(response).path("access_token").asText()).getJWTClaimsSet().getSubject())
                .isEqualTo(userId("agent"));
    }

    private static HttpResponse<String> rawExchange(String clientId, String secret, String form, String dpop) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(keycloak.realmUrl(REALM) + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes()));
        if (dpop != null) {
            request.header("DPoP", dpop);
        }
        return HttpClient.newHttpClient().send(request.POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String impersonationForm(String subjectToken, String target) {
        return ImpersonationScopeIT.form(Map.of("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
                "subject_token", subjectToken, "subject_token_type", "urn:ietf:params:oauth:token-type:access_token",
                "requested_subject", target, "reason", "TICKET-8 binding"));
    }

    private static com.nimbusds.jwt.SignedJWT dpopProof(com.nimbusds.jose.jwk.ECKey key) throws Exception {
        // Issued at Keycloak's time: another test of this class may have moved it ahead of the wall clock.
        return new com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory(key, com.nimbusds.jose.JWSAlgorithm.ES256)
                .createDPoPJWT(new com.nimbusds.oauth2.sdk.id.JWTID(), "POST",
                        URI.create(keycloak.realmUrl(REALM) + "/protocol/openid-connect/token"),
                        new java.util.Date(System.currentTimeMillis() + keycloak.timeOffset().toMillis()), null);
    }

    @Test
    void aSubjectTokenOfAnotherClientIsRefused() throws Exception {
        // support-public's tokens do not name the console in their audience.
        String foreign = new OidcClient(keycloak.realmUrl(REALM), "support-public")
                .login(new FormLogin(), "agent", "agent-Password-1").getAccessToken().getValue();
        HTTPResponse response = impersonate(foreign, "customer", "TICKET-8 foreign token");
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(400);
        assertThat(body(response).path("error").asText()).isEqualTo("invalid_request");
        keycloak.log().awaitAudit("other client", r -> "IMPERSONATION".equals(r.path("type").asText())
                && "subject-token-other-client".equals(r.path("details").path("denial").asText()));
    }

    @Test
    void aDpopBoundSubjectTokenNeedsItsProof() throws Exception {
        // The agent signs in at the console itself, which binds its token to a DPoP key.
        com.nimbusds.jose.jwk.ECKey key = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256).generate();
        OidcClient.Authorization authorization = new OidcClient(keycloak.realmUrl(REALM), CONSOLE).authorization();
        FormLogin.Step step = new FormLogin().login(authorization.uri, "agent5", "agent5-Password-1");
        String code = authorization.code(step.redirect()).getValue();
        HttpResponse<String> tokens = rawExchange(CONSOLE, CONSOLE_SECRET, ImpersonationScopeIT.form(Map.of(
                "grant_type", "authorization_code", "code", code, "redirect_uri", OidcClient.REDIRECT.toString(),
                "code_verifier", authorization.verifier.getValue())), dpopProof(key).serialize());
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        String bound = JSON.readTree(tokens.body()).path("access_token").asText();
        assertThat(SignedJWT.parse(bound).getJWTClaimsSet().getJSONObjectClaim("cnf")).as("DPoP-bound").containsKey("jkt");

        HttpResponse<String> withoutProof = rawExchange(CONSOLE, CONSOLE_SECRET, impersonationForm(bound, "customer2"), null);
        assertThat(withoutProof.statusCode()).as(withoutProof.body()).isEqualTo(400);
        assertThat(JSON.readTree(withoutProof.body()).path("error").asText()).isEqualTo("invalid_request");
        com.nimbusds.jose.jwk.ECKey otherKey = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256).generate();
        HttpResponse<String> wrongKey = rawExchange(CONSOLE, CONSOLE_SECRET, impersonationForm(bound, "customer2"),
                dpopProof(otherKey).serialize());
        assertThat(wrongKey.statusCode()).as(wrongKey.body()).isEqualTo(400);
        assertThat(JSON.readTree(wrongKey.body()).path("error").asText()).isEqualTo("invalid_request");
        keycloak.log().awaitAudit("no proof", r -> "dpop-proof-missing".equals(r.path("details").path("denial").asText()));
        keycloak.log().awaitAudit("wrong key", r -> "dpop-proof-mismatch".equals(r.path("details").path("denial").asText()));

        HttpResponse<String> withProof = rawExchange(CONSOLE, CONSOLE_SECRET, impersonationForm(bound, "customer2"),
                dpopProof(key).serialize());
        assertThat(withProof.statusCode()).as("with its proof: %s", withProof.body()).isEqualTo(200);
    }

    @Test
    void requestedSubjectIsAUsernameOrAnExplicitId() throws Exception {
        String agent = signIn("agent6");
        String customer2 = userId("customer2");
        HTTPResponse byPlainId = impersonate(agent, customer2, "TICKET-10 by id");
        assertThat(byPlainId.getStatusCode()).as("a plain value is a username only").isEqualTo(403);
        HTTPResponse byId = impersonate(agent, "id:" + customer2, "TICKET-10 by id");
        assertThat(byId.getStatusCode()).as(byId.getBody()).isEqualTo(200);
        assertThat(SignedJWT.parse(body(byId).path("access_token").asText()).getJWTClaimsSet().getSubject()).isEqualTo(customer2);

        // A user registers another user's id as username: every form that could mean either is refused.
        org.keycloak.representations.idm.UserRepresentation squatter = new org.keycloak.representations.idm.UserRepresentation();
        squatter.setUsername(customer2);
        squatter.setEnabled(true);
        keycloak.admin().realm(REALM).users().create(squatter).close();
        try {
            HTTPResponse plain = impersonate(agent, customer2, "TICKET-10 by id");
            assertThat(plain.getStatusCode()).isEqualTo(403);
            assertThat(body(plain).path("error").asText()).isEqualTo("access_denied");
            HTTPResponse explicit = impersonate(agent, "id:" + customer2, "TICKET-10 by id");
            assertThat(explicit.getStatusCode()).isEqualTo(403);
            assertThat(explicit.getBody()).as("the same answer as any refusal").isEqualTo(plain.getBody());
            keycloak.log().awaitAudit("ambiguous", r -> "ambiguous-subject".equals(r.path("details").path("denial").asText()));
        } finally {
            keycloak.admin().realm(REALM).users().delete(userId(customer2)).close();
        }
    }

    @Test
    void keycloaksStandardExchangeOfAnImpersonationTokenIsRefused() throws Exception {
        String token = body(impersonate(signIn("agent7"), "customer2", "TICKET-11 standard exchange")).path("access_token").asText();
        // support-console has the act mapper, support-lite has not: refused either way, since Keycloak's
        // provider would give the realm's lifetime (past the impersonation's end) and maybe a refresh token.
        for (String[] client : List.of(new String[] {CONSOLE, CONSOLE_SECRET}, new String[] {"support-lite", "Support-Lite-Secret-4k2p8"})) {
            HTTPResponse response = exchange(client[0], client[1], token, Map.of());
            assertThat(response.getStatusCode()).as("%s: %s", client[0], response.getBody()).isEqualTo(400);
            assertThat(body(response).path("error").asText()).isEqualTo("invalid_request");
            assertThat(body(response).has("access_token")).isFalse();
            HTTPResponse refresh = exchange(client[0], client[1], token,
                    Map.of("requested_token_type", "urn:ietf:params:oauth:token-type:refresh_token"));
            assertThat(refresh.getStatusCode()).isEqualTo(400);
            assertThat(body(refresh).has("refresh_token")).isFalse();
        }
        keycloak.log().awaitAudit("standard exchange refused", r -> "standard-exchange-of-impersonation"
                .equals(r.path("details").path("denial").asText()));
    }

    @Test
    void endingAnImpersonationFreesItsSlotOnceCommitted() throws Exception {
        String agent4 = signIn("agent4");
        String first = body(impersonate(agent4, "customer", "TICKET-12 first")).path("access_token").asText();
        assertThat(impersonate(agent4, "customer2", "TICKET-12 second").getStatusCode()).isEqualTo(200);
        assertThat(impersonate(agent4, "customer3", "TICKET-12 third").getStatusCode()).as("the cap of 2").isEqualTo(403);
        String id = SignedJWT.parse(first).getJWTClaimsSet().getJWTID();
        HttpResponse<String> end = admin("DELETE", "/" + id, keycloak.admin().tokenManager().getAccessTokenString());
        assertThat(end.statusCode()).isEqualTo(200);
        keycloak.log().awaitAudit("the end", r -> "ended".equals(r.path("details").path("decision").asText())
                && id.equals(r.path("details").path("impersonation_id").asText()));
        assertThat(impersonate(agent4, "customer3", "TICKET-12 third again").getStatusCode()).as("the slot is free").isEqualTo(200);
    }

    @Test
    void noInputGetsA500() throws Exception {
        String agent = signIn("agent");
        String base = impersonationForm(agent, "customer");
        String huge = "x".repeat(1_000_000);
        Map<String, String> bodies = new java.util.LinkedHashMap<>();
        bodies.put("duplicated requested_subject", base + "&requested_subject=customer2");
        bodies.put("duplicated reason", base + "&reason=TICKET-9+again");
        bodies.put("duplicated subject_token", base + "&subject_token=" + agent);
        bodies.put("1 MB reason", base.replace("reason=TICKET-8+binding", "reason=" + huge));
        bodies.put("1 MB requested_subject", base.replace("requested_subject=customer", "requested_subject=" + huge));
        bodies.put("1 MB subject_token", base.replace("subject_token=" + agent, "subject_token=" + huge));
        bodies.put("non-UTF-8 requested_subject", base.replace("requested_subject=customer", "requested_subject=%FF%FE%C0"));
        bodies.put("non-UTF-8 reason", base.replace("reason=TICKET-8+binding", "reason=TICKET%FF%FE%C0xx"));
        bodies.put("control characters", base.replace("requested_subject=customer", "requested_subject=cust%00omer"));
        bodies.put("id: of garbage", base.replace("requested_subject=customer", "requested_subject=id%3A%FF%27%22"));
        bodies.put("garbage subject_token with act", base.replace("subject_token=" + agent, "subject_token=e30.eyJhY3QiOnt9fQ.x"));
        for (Map.Entry<String, String> body : bodies.entrySet()) {
            HttpResponse<String> response = rawExchange(CONSOLE, CONSOLE_SECRET, body.getValue(), null);
            assertThat(response.statusCode()).as("%s: %s", body.getKey(), response.body()).isBetween(400, 499);
            if (body.getKey().startsWith("duplicated")) {
                assertThat(JSON.readTree(response.body()).path("error").asText()).as(body.getKey()).isEqualTo("invalid_request");
            }
        }
        String adminToken = keycloak.admin().tokenManager().getAccessTokenString();
        for (String path : List.of("/%FF%FE", "/" + "a".repeat(10_000), "/..%2F..%2Fusers", "/%00")) {
            assertThat(admin("DELETE", path, adminToken).statusCode()).as(path).isBetween(400, 499);
        }
    }
}
