package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.vigil.testing.TestKeycloak;
import dev.vigil.testing.client.FormLogin;
import dev.vigil.testing.client.OidcClient;
import dev.vigil.testing.junit.WithKeycloak;
import jakarta.ws.rs.BadRequestException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.ClientPolicyExecutorRepresentation;
import org.keycloak.representations.idm.ClientProfileRepresentation;
import org.keycloak.representations.idm.ClientProfilesRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;

/**
 * What an impersonation token can do, tried as a support agent with bad intentions would: the target
 * holds Keycloak's default roles (the {@code account} roles) and the support tool has full scope, so
 * without Vigil's restriction the token would carry {@code aud: account} and {@code manage-account}.
 * Every Account REST API write and every Admin REST API call is tried with it.
 */
@WithKeycloak
class ImpersonationScopeIT {

    private static final String REALM = "impersonation-scope-it";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, String> SECRETS = Map.of("support-console", "Scope-Console-Secret-3k8d1",
            "support-reader", "Scope-Reader-Secret-5n2w7", "support-admin-scope", "Scope-Admin-Secret-8p4r2");
    private static TestKeycloak keycloak;

    @BeforeAll
    static void importRealm(TestKeycloak server) {
        keycloak = server;
        keycloak.importRealm("realms/impersonation-scope-it.json");
    }

    private static String agentToken() {
        return new OidcClient(keycloak.realmUrl(REALM), "support-ui")
                .login(new FormLogin(), "agent", "agent-Password-1").getAccessToken().getValue();
    }

    static HttpResponse<String> tokenRequest(String realmUrl, String clientId, String secret, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret)
                        .getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String form(Map<String, String> values) {
        return values.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    private static HttpResponse<String> impersonate(String clientId, String target, String extra) throws Exception {
        return tokenRequest(keycloak.realmUrl(REALM), clientId, SECRETS.get(clientId), form(Map.of(
                "grant_type", "urn:ietf:params:oauth:grant-type:token-exchange",
                "subject_token", agentToken(),
                "subject_token_type", "urn:ietf:params:oauth:token-type:access_token",
                "requested_subject", target, "reason", "TICKET-77 looking around")) + extra);
    }

    private static String impersonationToken(String clientId, String target, String extra) throws Exception {
        HttpResponse<String> response = impersonate(clientId, target, extra);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    private static HttpResponse<String> call(String method, String url, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String account(String path) {
        return keycloak.realmUrl(REALM) + "/account" + path;
    }

    private static UserResource user(String username) {
        var users = keycloak.admin().realm(REALM).users();
        return users.get(users.searchByUsername(username, true).get(0).getId());
    }

    /** Every write of the Account REST API, with the status it answered; the user's data must stay as it was. */
    private static Map<String, Integer> tryAccountWrites(String token, String username) throws Exception {
        UserResource user = user(username);
        String passwordId = user.credentials().stream().filter(c -> CredentialRepresentation.PASSWORD.equals(c.getType()))
                .findFirst().orElseThrow().getId();
        Map<String, Integer> statuses = new java.util.LinkedHashMap<>();
        statuses.put("profile and email", call("POST", account("/"), token, "{\"username\":\"" + username
                + "\",\"email\":\"attacker@evil.test\",\"firstName\":\"Mallory\",\"lastName\":\"Test\"}").statusCode());
        statuses.put("credential removal", call("DELETE", account("/credentials/" + passwordId), token, null).statusCode());
        statuses.put("sign out all sessions", call("DELETE", account("/sessions"), token, null).statusCode());
        statuses.put("consent removal", call("DELETE", account("/applications/support-console/consent"), token, null).statusCode());
        statuses.put("linked account removal", call("DELETE", account("/linked-accounts/github"), token, null).statusCode());
        assertThat(user.toRepresentation().getEmail()).as("the email is unchanged").isEqualTo(username + "@example.com");
        assertThat(user.toRepresentation().getFirstName()).isNotEqualTo("Mallory");
        assertThat(user.credentials()).as("the password is still there").anyMatch(c -> passwordId.equals(c.getId()));
        return statuses;
    }

    @Test
    void byDefaultTheTokenIsForTheSupportToolAlone() throws Exception {
        String token = impersonationToken("support-console", "customer", "");
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertThat(claims.getAudience()).containsExactly("support-console");
        Map<String, Object> resourceAccess = claims.getJSONObjectClaim("resource_access");
        assertThat(resourceAccess == null ? Map.of() : resourceAccess).doesNotContainKeys("account", "realm-management");
        assertThat(claims.getStringClaim("email")).as("the support tool still sees the user's data").isEqualTo("customer@example.com");

        // Keycloak rebuilds the token from its client session at introspection and for the Account API;
        // a full-scope client's session holds every role of the user, so the rebuild is cut down too.
        String basic = Base64.getEncoder().encodeToString(("support-console:" + SECRETS.get("support-console")).getBytes());
        JsonNode introspection = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(keycloak.realmUrl(REALM)
                        + "/protocol/openid-connect/token/introspect")).header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token)).build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(introspection.path("active").asBoolean()).isTrue();
        assertThat(introspection.path("aud").toString()).doesNotContain("account");
        assertThat(introspection.path("resource_access").has("account")).isFalse();
        assertThat(call("GET", keycloak.realmUrl(REALM) + "/protocol/openid-connect/userinfo", token, null).statusCode())
                .isEqualTo(200);
    }

    @Test
    void noAccountApiCallWithTheDefaultToken() throws Exception {
        String token = impersonationToken("support-console", "customer", "");
        assertThat(call("GET", account("/"), token, null).statusCode()).as("even reading").isEqualTo(401);
        Map<String, Integer> writes = tryAccountWrites(token, "customer");
        assertThat(writes).as("every write refused: %s", writes).allSatisfy((what, status) -> assertThat(status).as(what)
                .isIn(401, 403));
    }

    @Test
    void anAllowedAccountAudienceGivesAReadOnlyView() throws Exception {
        String token = impersonationToken("support-reader", "reader-customer", "&audience=account");
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertThat(claims.getAudience()).containsExactlyInAnyOrder("support-reader", "account");
        @SuppressWarnings("unchecked")
        List<String> accountRoles = (List<String>) ((Map<String, Object>) claims.getJSONObjectClaim("resource_access")
                .get("account")).get("roles");
        assertThat(accountRoles).contains("view-profile").doesNotContain("manage-account", "manage-account-links",
                "manage-consent", "delete-account");
        HttpResponse<String> read = call("GET", account("/"), token, null);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(JSON.readTree(read.body()).path("email").asText()).isEqualTo("reader-customer@example.com");
        Map<String, Integer> writes = tryAccountWrites(token, "reader-customer");
        assertThat(writes).as("every write refused: %s", writes).allSatisfy((what, status) -> assertThat(status).as(what)
                .isIn(401, 403));
        assertThat(writes.get("profile and email")).as("refused for the role, not for the audience").isEqualTo(403);
        assertThat(call("GET", account("/"), token, null).statusCode()).as("still readable after the refused writes").isEqualTo(200);

        // The kill switch reaches Keycloak's own Account API too (Keycloak's revoked-token check).
        String id = claims.getJWTID();
        HttpResponse<String> end = call("DELETE", keycloak.baseUrl() + "/admin/realms/" + REALM + "/vigil-impersonations/" + id,
                keycloak.admin().tokenManager().getAccessTokenString(), null);
        assertThat(end.statusCode()).as(end.body()).isEqualTo(200);
        assertThat(call("GET", account("/"), token, null).statusCode()).as("ended: the Account API").isEqualTo(401);

        HttpResponse<String> notAllowed = impersonate("support-console", "customer", "&audience=account");
        assertThat(notAllowed.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notAllowed.body()).path("error").asText()).as("a policy without it").isEqualTo("invalid_target");
    }

    @Test
    void noAdminApiCall() throws Exception {
        String token = impersonationToken("support-console", "customer", "");
        String admin = keycloak.baseUrl() + "/admin/realms/" + REALM;
        for (String path : List.of("", "/users", "/clients", "/roles", "/groups", "/vigil-impersonations")) {
            assertThat(call("GET", admin + path, token, null).statusCode()).as("GET %s", path).isIn(401, 403);
        }
        assertThat(call("DELETE", admin + "/vigil-impersonations", token, null).statusCode()).isIn(401, 403);
        assertThat(call("POST", admin + "/users", token, "{\"username\":\"planted\",\"enabled\":true}").statusCode())
                .isIn(401, 403);
        assertThat(keycloak.admin().realm(REALM).users().searchByUsername("planted", true)).isEmpty();
    }

    @Test
    void aSupportToolWhoseScopeHoldsAnAdminRoleMayNotImpersonate() throws Exception {
        HttpResponse<String> response = impersonate("support-admin-scope", "customer", "");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").asText()).isEqualTo("unauthorized_client");
        keycloak.log().awaitAudit("the client refusal", r -> "IMPERSONATION".equals(r.path("type").asText())
                && REALM.equals(r.path("realm").asText())
                && "client-scope-admin-role".equals(r.path("details").path("denial").asText()));
    }

    @Test
    void furtherAudiencesAreValidatedWhenTheProfileIsSaved() {
        var policies = keycloak.admin().realm(REALM).clientPoliciesProfilesResource();
        ClientProfilesRepresentation profiles = policies.getProfiles(false);
        ClientProfileRepresentation reader = profiles.getProfiles().stream().filter(p -> "reader".equals(p.getName()))
                .findFirst().orElseThrow();
        ClientPolicyExecutorRepresentation executor = reader.getExecutors().get(0);
        var original = executor.getConfiguration();
        var bad = original.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) bad).put("allowed-audiences", "account realm-management");
        executor.setConfiguration(bad);
        assertThatThrownBy(() -> policies.updateProfiles(profiles)).isInstanceOf(BadRequestException.class);
        assertThat(policies.getProfiles(false).getProfiles().stream().filter(p -> "reader".equals(p.getName())).findFirst()
                .orElseThrow().getExecutors().get(0).getConfiguration().path("allowed-audiences").asText()).isEqualTo("account");
    }
}
