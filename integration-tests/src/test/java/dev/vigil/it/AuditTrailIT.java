package dev.vigil.it;

import static dev.vigil.testing.ServerLog.type;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import dev.vigil.testing.client.FormLogin;
import dev.vigil.testing.client.OidcClient;
import dev.vigil.it.support.SecretScan;
import dev.vigil.testing.TestKeycloak;
import dev.vigil.testing.junit.WithKeycloak;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientRepresentation;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The vigil-audit listener on a real Keycloak: real logins, grants and admin changes produce
 * complete audit records, and no token, code, password or secret reaches the server log.
 */
@WithKeycloak
class AuditTrailIT {

    private static final String REALM = "audit-it";
    private static final String PASSWORD = "alice-Password-1";
    private static final String WRONG_PASSWORD = "wrong-Password-42";
    private static final String BOB_PASSWORD = "bob-Fresh-Password-7";
    private static final String SERVICE_SECRET = "Zq8v-K2mX7pR4tLw9nB3cD6f";

    private static TestKeycloak keycloak;
    private static final SecretScan secrets = new SecretScan();
    private static String aliceId;
    private static OIDCTokens loginTokens;
    private static Tokens refreshed;
    private static String sessionId;

    @BeforeAll
    static void runFlows(TestKeycloak server) throws Exception {
        keycloak = server;
        keycloak.importRealm("realms/audit-it.json");
        keycloak.importRealm("realms/audit-off-it.json");
        RealmResource realm = keycloak.admin().realm(REALM);
        aliceId = realm.users().searchByUsername("alice", true).get(0).getId();
        OidcClient app = new OidcClient(keycloak.realmUrl(REALM), "test-app");

        // A wrong password, then a real login with PKCE, code exchange, refresh, a bad refresh, logout.
        FormLogin agent = new FormLogin();
        OidcClient.Authorization authorization = app.authorization();
        FormLogin.Step failed = agent.login(authorization.uri, "alice", WRONG_PASSWORD);
        assertThat(failed.redirected()).as("a wrong password keeps the user on the login page").isFalse();
        FormLogin.Step ok = agent.submit(failed.page(), "kc-form-login", Map.of("username", "alice", "password", PASSWORD));
        assertThat(ok.redirected()).isTrue();
        AuthorizationCode code = authorization.code(ok.redirect());
        loginTokens = authorization.exchange(code).toOIDCTokens();
        TokenResponse refresh = app.refresh(loginTokens.getRefreshToken());
        assertThat(refresh.indicatesSuccess()).isTrue();
        refreshed = refresh.toSuccessResponse().getTokens();
        TokenResponse garbage = app.refresh(new RefreshToken("not-a-refresh-token-at-all"));
        assertThat(OidcClient.error(garbage).getCode()).isEqualTo("invalid_grant");
        sessionId = loginTokens.getIDToken().getJWTClaimsSet().getStringClaim("sid");
        logout(refreshed.getRefreshToken().getValue());

        Tokens service = new OidcClient(keycloak.realmUrl(REALM), "test-service").clientCredentials(SERVICE_SECRET);

        // Admin changes: a user with a password, a client update, a role.
        UserRepresentation bob = new UserRepresentation();
        bob.setUsername("bob");
        bob.setEnabled(true);
        String bobId;
        try (Response created = realm.users().create(bob)) {
            bobId = CreatedResponseUtil.getCreatedId(created);
        }
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(BOB_PASSWORD);
        password.setTemporary(false);
        realm.users().get(bobId).resetPassword(password);
        ClientRepresentation client = realm.clients().findByClientId("test-service").get(0);
        client.setDescription("updated by AuditTrailIT");
        realm.clients().get(client.getId()).update(client);
        realm.roles().create(new RoleRepresentation("auditor", "reads the trail", false));

        // A login in a realm without the listener.
        new OidcClient(keycloak.realmUrl("audit-off-it"), "test-app").login(new FormLogin(), "alice", PASSWORD);

        secrets.add("password", PASSWORD).add("wrong password", WRONG_PASSWORD).add("bob's password", BOB_PASSWORD)
                .add("client secret", SERVICE_SECRET)
                // A Keycloak code is "<secret>.<session id>.<client id>": only the first part is secret.
                .add("authorization code", code.getValue().split("\\.")[0])
                .add("PKCE verifier", authorization.verifier.getValue())
                .add("access token", loginTokens.getAccessToken().getValue())
                .add("id token", loginTokens.getIDTokenString())
                .add("refresh token", loginTokens.getRefreshToken().getValue())
                .add("rotated refresh token", refreshed.getRefreshToken().getValue())
                .add("refreshed access token", refreshed.getAccessToken().getValue())
                .add("service access token", service.getAccessToken().getValue())
                .add("admin password", dev.vigil.testing.KeycloakServer.ADMIN_PASSWORD)
                .add("admin access token", keycloak.admin().tokenManager().getAccessTokenString());

        // The last action's record is written at its commit; wait for it before reading the log.
        keycloak.log().awaitAudit("role created", type(REALM, "REALM_ROLE_CREATE"));
    }

    private static void logout(String refreshToken) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(keycloak.realmUrl(REALM) + "/protocol/openid-connect/logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("client_id=test-app&refresh_token=" + refreshToken))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(204);
    }

    @Test
    void aLoginRecordNamesUserClientSessionAndAddress() {
        JsonNode login = keycloak.log().awaitAudit("LOGIN", type(REALM, "LOGIN"));

        assertThat(login.path("source").asText()).isEqualTo("event");
        assertThat(login.path("userId").asText()).isEqualTo(aliceId);
        assertThat(login.path("username").asText()).isEqualTo("alice");
        assertThat(login.path("clientId").asText()).isEqualTo("test-app");
        assertThat(login.path("sessionId").asText()).isEqualTo(sessionId);
        assertThat(login.path("ipAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(login.path("outcome").asText()).isEqualTo("success");
        assertThat(login.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        assertThat(login.path("details").path("redirect_uri").asText()).isEqualTo(OidcClient.REDIRECT.toString());
        assertThat(login.path("details").path("auth_method").asText()).isEqualTo("openid-connect");
    }

    @Test
    void aWrongPasswordIsAFailureWithKeycloaksErrorCode() {
        JsonNode error = keycloak.log().awaitAudit("LOGIN_ERROR", type(REALM, "LOGIN_ERROR"));

        assertThat(error.path("outcome").asText()).isEqualTo("failure");
        assertThat(error.path("error").asText()).isEqualTo("invalid_user_credentials");
        assertThat(error.path("userId").asText()).isEqualTo(aliceId);
        assertThat(error.path("username").asText()).isEqualTo("alice");
    }

    @Test
    void codeExchangeRefreshAndLogoutAreRecorded() {
        JsonNode codeToToken = keycloak.log().awaitAudit("CODE_TO_TOKEN", type(REALM, "CODE_TO_TOKEN"));
        assertThat(codeToToken.path("username").asText()).as("resolved from the user id").isEqualTo("alice");
        assertThat(codeToToken.path("details").path("code_id").asText()).isEqualTo(sessionId);

        JsonNode refresh = keycloak.log().awaitAudit("REFRESH_TOKEN", type(REALM, "REFRESH_TOKEN"));
        assertThat(refresh.path("username").asText()).isEqualTo("alice");
        assertThat(refresh.path("sessionId").asText()).isEqualTo(sessionId);
        assertThat(refresh.path("details").path("refresh_token_id").asText()).isNotBlank();
        assertThat(refresh.path("details").path("updated_refresh_token_id").asText()).isNotBlank();

        JsonNode refreshError = keycloak.log().awaitAudit("REFRESH_TOKEN_ERROR", type(REALM, "REFRESH_TOKEN_ERROR"));
        assertThat(refreshError.path("outcome").asText()).isEqualTo("failure");
        assertThat(refreshError.path("error").asText()).isEqualTo("invalid_token");

        JsonNode logout = keycloak.log().awaitAudit("LOGOUT", type(REALM, "LOGOUT"));
        assertThat(logout.path("userId").asText()).isEqualTo(aliceId);
        assertThat(logout.path("sessionId").asText()).isEqualTo(sessionId);

        JsonNode clientLogin = keycloak.log().awaitAudit("CLIENT_LOGIN", type(REALM, "CLIENT_LOGIN"));
        assertThat(clientLogin.path("clientId").asText()).isEqualTo("test-service");
    }

    @Test
    void adminChangesAreRecordedWithoutTheirRepresentation() {
        JsonNode created = keycloak.log().awaitAudit("USER_CREATE", type(REALM, "USER_CREATE"));
        assertThat(created.path("source").asText()).isEqualTo("admin-event");
        assertThat(created.path("details").path("resource_path").asText()).startsWith("users/");
        assertThat(created.path("details").path("auth_realm").asText()).isEqualTo("master");
        assertThat(created.path("ipAddress").asText()).isEqualTo("127.0.0.1");

        JsonNode reset = keycloak.log().awaitAudit("reset password", r -> type(REALM, "USER_ACTION").test(r)
                && r.path("details").path("resource_path").asText().endsWith("/reset-password"));
        assertThat(reset.toString()).doesNotContain(BOB_PASSWORD);

        keycloak.log().awaitAudit("CLIENT_UPDATE", type(REALM, "CLIENT_UPDATE"));
    }

    @Test
    void aRealmWithoutTheListenerWritesNothing() {
        keycloak.log().awaitAudit("role created", type(REALM, "REALM_ROLE_CREATE"));
        List<JsonNode> offRealm = keycloak.log().auditRecords().stream()
                .filter(r -> "audit-off-it".equals(r.path("realm").asText()))
                .filter(r -> "event".equals(r.path("source").asText()))
                .toList();
        assertThat(offRealm).isEmpty();
    }

    @Test
    void noTokenCodePasswordOrSecretReachesTheLogNotEvenInPart() {
        String log = keycloak.log().text();
        assertThat(keycloak.log().auditRecords()).hasSizeGreaterThan(8);
        assertThat(secrets.findIn(log)).isEmpty();
    }
}
