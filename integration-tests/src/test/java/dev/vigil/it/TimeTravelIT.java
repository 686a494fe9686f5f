package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.token.Tokens;
import dev.vigil.testing.TestKeycloak;
import dev.vigil.testing.client.FormLogin;
import dev.vigil.testing.client.OidcClient;
import dev.vigil.testing.junit.WithKeycloak;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The harness moves the test server's time instead of waiting: Keycloak's own expiry (tokens) and the
 * cache layer's (entries Vigil writes to the single-use store) follow it, and only a master-realm admin
 * can move it.
 */
@WithKeycloak
class TimeTravelIT {

    static final String REALM = "time-travel-it";
    static final String PASSWORD = "alice-Password-1";
    /**
     * The refresh-reuse ledger keeps one entry per refresh family in the single-use store; it lives as long as the
     * newest refresh token can (time-travel-it.json: ssoSessionIdleTimeout 1800 s), not as long as the session.
     */
    static final long LEDGER_LIFESPAN_SECONDS = 1800;
    private static final String MASTER_USER = "time-travel-it-user";
    private static final String MASTER_PASSWORD = "Time-travel-it-1";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestKeycloak keycloak;
    private static String realmId;

    @BeforeAll
    static void importRealm(TestKeycloak server) {
        keycloak = server;
        keycloak.importRealm("realms/time-travel-it.json");
        realmId = keycloak.admin().realm(REALM).toRepresentation().getId();
    }

    @AfterEach
    void backToTheWallClock() {
        keycloak.resetTime();
    }

    @Test
    void anAccessTokenIsInactiveAtIntrospectionOnceTimeMovesPastItsLifespan() throws Exception {
        Tokens tokens = new OidcClient(keycloak.realmUrl(REALM), "tt-app").login(new FormLogin(), "alice", PASSWORD);
        assertThat(introspect(tokens).path("active").asBoolean()).isTrue();

        keycloak.timeTravel(Duration.ofSeconds(180));
        assertThat(introspect(tokens).path("active").asBoolean()).as("3 of its 5 minutes later").isTrue();

        keycloak.timeTravel(Duration.ofSeconds(180));
        assertThat(keycloak.timeOffset()).isEqualTo(Duration.ofSeconds(360));
        assertThat(introspect(tokens).path("active").asBoolean()).as("6 minutes later").isFalse();

        keycloak.resetTime();
        assertThat(introspect(tokens).path("active").asBoolean()).as("back on the wall clock").isTrue();
    }

    @Test
    void anEntryVigilWroteToTheSingleUseStoreExpiresWhenTimeMovesPastItsLifespan() throws Exception {
        String ledgerEntry = refreshOnce(keycloak.realmUrl(REALM), realmId);
        assertThat(keycloak.singleUseEntryExists(ledgerEntry)).isTrue();

        keycloak.timeTravel(Duration.ofSeconds(LEDGER_LIFESPAN_SECONDS - 600));
        assertThat(keycloak.singleUseEntryExists(ledgerEntry)).as("10 minutes before its end").isTrue();

        keycloak.timeTravel(Duration.ofSeconds(1200));
        assertThat(keycloak.singleUseEntryExists(ledgerEntry)).as("10 minutes after its end").isFalse();
    }

    @Test
    void onlyAMasterRealmAdminCanMoveTheTime() throws Exception {
        String url = keycloak.baseUrl() + "/admin/realms/master/vigil-test-time";
        String admin = keycloak.admin().tokenManager().getAccessTokenString();
        Tokens alice = new OidcClient(keycloak.realmUrl(REALM), "tt-app").login(new FormLogin(), "alice", PASSWORD);
        createMasterUserWhoMayOnlyViewTheRealm();
        // Closing an admin client logs its session out, so it stays open while its token is used.
        try (Keycloak viewer = Keycloak.getInstance(keycloak.baseUrl(), "master", MASTER_USER, MASTER_PASSWORD, "admin-cli")) {
            refusals(url, admin, alice, viewer.tokenManager().getAccessTokenString());
        } finally {
            var users = keycloak.admin().realm("master").users();
            users.searchByUsername(MASTER_USER, true).forEach(u -> users.delete(u.getId()).close());
        }
    }

    private static void refusals(String url, String admin, Tokens alice, String masterUser) throws Exception {
        assertThat(put(url, null, "{\"offset\":3600}").statusCode()).as("no token").isEqualTo(401);
        assertThat(put(url, "not-a-token", "{\"offset\":3600}").statusCode()).as("garbage token").isEqualTo(401);
        assertThat(put(url, alice.getAccessToken().getValue(), "{\"offset\":3600}").statusCode())
                .as("a user of another realm").isEqualTo(403);
        assertThat(put(url, masterUser, "{\"offset\":3600}").statusCode()).as("a master-realm admin who may only view it")
                .isEqualTo(403);
        assertThat(put(keycloak.baseUrl() + "/admin/realms/" + REALM + "/vigil-test-time", admin, "{\"offset\":3600}")
                .statusCode()).as("under another realm").isEqualTo(404);
        assertThat(offset(admin)).as("nothing moved").isZero();

        for (String body : List.of("{\"offset\":\"soon\"}", "{\"offset\":1.5}", "{}", "{\"offset\":999999999999}")) {
            HttpResponse<String> refused = put(url, admin, body);
            assertThat(refused.statusCode()).as(body).isEqualTo(400);
            assertThat(JSON.readTree(refused.body()).path("errorMessage").asText()).as(body).contains("'offset'");
        }
        HttpResponse<String> notJson = put(url, admin, "offset=3600");
        assertThat(notJson.statusCode()).as("not JSON").isBetween(400, 499);
        assertThat(offset(admin)).as("nothing moved").isZero();
    }

    /** A master-realm user with one admin role, {@code master-realm/view-realm}: an admin, but not the admin. */
    private static void createMasterUserWhoMayOnlyViewTheRealm() {
        var users = keycloak.admin().realm("master").users();
        UserRepresentation user = new UserRepresentation();
        user.setUsername(MASTER_USER);
        user.setEnabled(true);
        user.setEmail("time-travel-it-user@example.com");
        user.setEmailVerified(true);
        user.setFirstName("Time");
        user.setLastName("Travel");
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(MASTER_PASSWORD);
        password.setTemporary(false);
        user.setCredentials(List.of(password));
        users.create(user).close();
        var master = keycloak.admin().realm("master");
        String userId = users.searchByUsername(MASTER_USER, true).get(0).getId();
        String masterRealmClient = master.clients().findByClientId("master-realm").get(0).getId();
        users.get(userId).roles().clientLevel(masterRealmClient).add(
                List.of(master.clients().get(masterRealmClient).roles().get("view-realm").toRepresentation()));
    }

    private static long offset(String adminToken) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(keycloak.baseUrl() + "/admin/realms/master/vigil-test-time"))
                .header("Authorization", "Bearer " + adminToken).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body()).path("offset").asLong(Long.MIN_VALUE);
    }

    private static HttpResponse<String> put(String url, String bearer, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Logs alice in at {@code realmUrl} (a realm from time-travel-it.json), refreshes once and returns the key of the
     * entry the refresh-reuse ledger wrote for that family (the client within alice's session).
     */
    static String refreshOnce(String realmUrl, String realmId) throws Exception {
        OidcClient app = new OidcClient(realmUrl, "tt-app");
        Tokens first = app.login(new FormLogin(), "alice", PASSWORD);
        assertThat(app.refresh(first.getRefreshToken()).indicatesSuccess()).isTrue();
        return "vigil-refresh-family:" + realmId + ":tt-app/"
                + SignedJWT.parse(first.getRefreshToken().getValue()).getJWTClaimsSet().getStringClaim("sid");
    }

    private static JsonNode introspect(Tokens tokens) throws Exception {
        return introspect(keycloak.realmUrl(REALM), tokens);
    }

    /** Introspects the access token of {@code tokens} as the realm's confidential client {@code tt-api}. */
    static JsonNode introspect(String realmUrl, Tokens tokens) throws Exception {
        String basic = Base64.getEncoder().encodeToString("tt-api:Tt4-api-Hw8rQ2zN6vB3kP7".getBytes(StandardCharsets.UTF_8));
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token/introspect"))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("token="
                                + URLEncoder.encode(tokens.getAccessToken().getValue(), StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return JSON.readTree(body);
    }
}
