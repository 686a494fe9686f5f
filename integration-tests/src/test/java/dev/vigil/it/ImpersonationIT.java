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
        String basic = Base64.getEncoder().encodeToString((CONSOLE + ":" + CONSOLE_SECRET).getBytes());
        return JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(keycloak.realmUrl(REALM)
                        + "/protocol/openid-connect/token/introspect"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void anImpersonatorGetsAShortNonRenewableTokenOfTheTarget() throws Exception {
        String agentToken = signIn("agent");
        int mailsBefore = keycloak.mailbox().to("customer@example.com").size();
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
        String sid = SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("sid");
        String adminToken = keycloak.admin().tokenManager().getAccessTokenString();

        HttpResponse<String> list = admin("GET", "", adminToken);
        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode entry = null;
        for (JsonNode e : JSON.readTree(list.body())) {
            if (sid.equals(e.path("sessionId").asText())) {
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
        assertThat(admin("DELETE", "/" + sid, agentToken).statusCode()).isEqualTo(403);
        assertThat(admin("GET", "", "garbage").statusCode()).isEqualTo(401);
        assertThat(userinfo(token)).as("still running after the refused calls").isEqualTo(200);

        HttpResponse<String> end = admin("DELETE", "/" + sid, adminToken);
        assertThat(end.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(end.body()).path("ended").asInt()).isEqualTo(1);
        assertThat(userinfo(token)).as("ended: userinfo").isEqualTo(401);
        assertThat(introspect(token).path("active").asBoolean()).as("ended: introspection").isFalse();
        assertThat(admin("DELETE", "/" + sid, adminToken).statusCode()).as("gone from the list").isEqualTo(404);
        keycloak.log().awaitAudit("the end", r -> "IMPERSONATION".equals(r.path("type").asText())
                && "ended".equals(r.path("details").path("decision").asText()) && sid.equals(r.path("sessionId").asText()));
    }

    @Test
    void theImpersonationSessionEndsWhenItsTokenExpires() throws Exception {
        // support-brief's profile gives the shortest lifetime allowed, 60 s.
        HTTPResponse response = exchange("support-brief", "Support-Brief-Secret-6t1w5", signIn("agent3"),
                Map.of("requested_subject", "customer2", "reason", "TICKET-60 a quick look"));
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        String token = body(response).path("access_token").asText();
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        String sid = claims.getStringClaim("sid");
        long expires = claims.getExpirationTime().toInstant().getEpochSecond();
        assertThat(expires - claims.getIssueTime().toInstant().getEpochSecond()).isEqualTo(60);
        var customer2 = keycloak.admin().realm(REALM).users().get(userId("customer2"));
        assertThat(customer2.getUserSessions()).as("the impersonation's session is there while its token lives")
                .anyMatch(s -> sid.equals(s.getId()));
        assertThat(userinfo(token)).isEqualTo(200);

        dev.vigil.testing.Deadline.awaitTrue("the session to end after its token expired", java.time.Duration.ofSeconds(120),
                () -> customer2.getUserSessions().stream().noneMatch(s -> sid.equals(s.getId())));
        assertThat(java.time.Instant.now().getEpochSecond()).as("not ended before its token expired")
                .isGreaterThanOrEqualTo(expires);
        assertThat(introspect(token).path("active").asBoolean()).isFalse();
    }

    @Test
    void everyPolicyRefusalIsTheSameAccessDenied() throws Exception {
        String agent = signIn("agent");
        Map<String, String> targets = Map.of("nobody-at-all", "unknown-target", "agent", "self", "sleeper", "target-disabled",
                "service-account-support-console", "target-service-account", "agent2", "target-impersonator",
                "vip", "target-protected", "boss", "target-realm-admin");
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

        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(keycloak.server().managementUrl()
                + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
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
}
