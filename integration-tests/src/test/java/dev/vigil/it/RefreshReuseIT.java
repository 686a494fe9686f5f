package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import dev.vigil.testing.TestKeycloak;
import dev.vigil.testing.client.FormLogin;
import dev.vigil.testing.client.OidcClient;
import dev.vigil.testing.junit.WithKeycloak;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A replayed refresh token on a real Keycloak, through a real OIDC client (Nimbus). */
@WithKeycloak
class RefreshReuseIT {

    private static final String REALM = "refresh-reuse-it";
    private static final String OFF_REALM = "refresh-reuse-off-it";
    private static TestKeycloak keycloak;

    @BeforeAll
    static void importRealms(TestKeycloak server) {
        keycloak = server;
        keycloak.importRealm("realms/refresh-reuse-it.json");
        keycloak.importRealm("realms/refresh-reuse-off-it.json");
    }

    private static int userinfo(String realm, Tokens tokens) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(keycloak.realmUrl(realm)
                        + "/protocol/openid-connect/userinfo"))
                .header("Authorization", "Bearer " + tokens.getAccessToken().getValue()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String sid(Tokens tokens) throws Exception {
        return com.nimbusds.jwt.SignedJWT.parse(tokens.getAccessToken().getValue()).getJWTClaimsSet().getStringClaim("sid");
    }

    @Test
    void aReplayedRefreshTokenEndsTheWholeUserSession() throws Exception {
        FormLogin browser = new FormLogin();
        OidcClient app = new OidcClient(keycloak.realmUrl(REALM), "rt-app");
        OidcClient other = new OidcClient(keycloak.realmUrl(REALM), "rt-other");
        Tokens first = app.login(browser, "alice", "alice-Password-1");
        Tokens otherTokens = other.login(browser, "alice", "alice-Password-1");
        assertThat(sid(otherTokens)).as("single sign-on: one user session").isEqualTo(sid(first));

        Tokens rotated = app.refresh(first.getRefreshToken()).toSuccessResponse().getTokens();
        TokenResponse replay = app.refresh(first.getRefreshToken());
        assertThat(OidcClient.error(replay).getCode()).isEqualTo("invalid_grant");

        JsonNode detection = keycloak.log().awaitAudit("reuse detected", r -> REALM.equals(r.path("realm").asText())
                && "REFRESH_TOKEN_REUSE".equals(r.path("type").asText()));
        assertThat(detection.path("source").asText()).isEqualTo("refresh-reuse");
        assertThat(detection.path("username").asText()).isEqualTo("alice");
        assertThat(detection.path("clientId").asText()).isEqualTo("rt-app");
        assertThat(detection.path("sessionId").asText()).isEqualTo(sid(first));
        assertThat(detection.path("details").path("source").asText()).isEqualTo("keycloak-reuse-error");
        assertThat(detection.path("details").path("action").asText()).isEqualTo("session");
        assertThat(detection.path("details").path("sessions_revoked").asText()).isEqualTo("1");
        assertThat(detection.path("details").path("reused_token_id").asText()).isNotBlank();
        assertThat(detection.toString()).doesNotContain(first.getRefreshToken().getValue().split("\\.")[1]);

        assertThat(OidcClient.error(app.refresh(rotated.getRefreshToken())).getCode())
                .as("the newest refresh token of the family").isEqualTo("invalid_grant");
        assertThat(userinfo(REALM, rotated)).as("the newest access token at userinfo").isEqualTo(401);
        assertThat(OidcClient.error(other.refresh(otherTokens.getRefreshToken())).getCode())
                .as("another client of the same user session").isEqualTo("invalid_grant");
    }

    private static boolean introspectionActive(Tokens tokens) throws Exception {
        String basic = Base64.getEncoder().encodeToString("rt-api:Rt7-api-Xq2mN8vL4pW9sK3".getBytes());
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(keycloak.realmUrl(REALM)
                        + "/protocol/openid-connect/token/introspect"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + tokens.getAccessToken().getValue())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).path("active").asBoolean();
    }

    @Test
    void afterAReplayTheNewestAccessTokenIsInactiveAtIntrospection() throws Exception {
        OidcClient app = new OidcClient(keycloak.realmUrl(REALM), "rt-app");
        Tokens first = app.login(new FormLogin(), "alice", "alice-Password-1");
        Tokens rotated = app.refresh(first.getRefreshToken()).toSuccessResponse().getTokens();
        assertThat(introspectionActive(rotated)).isTrue();

        app.refresh(first.getRefreshToken());
        String session = sid(first);
        keycloak.log().awaitAudit("reuse of " + session, r -> "REFRESH_TOKEN_REUSE".equals(r.path("type").asText())
                && session.equals(r.path("sessionId").asText()));
        assertThat(introspectionActive(rotated)).isFalse();
    }

    @Test
    void aReplayedOfflineTokenEndsTheOfflineSession() throws Exception {
        OidcClient app = new OidcClient(keycloak.realmUrl(REALM), "rt-app");
        Tokens first = app.login(new FormLogin(), "alice", "alice-Password-1", "openid offline_access");
        assertThat(com.nimbusds.jwt.JWTParser.parse(first.getRefreshToken().getValue()).getJWTClaimsSet().getStringClaim("typ"))
                .isEqualTo("Offline");
        Tokens rotated = app.refresh(first.getRefreshToken()).toSuccessResponse().getTokens();

        assertThat(OidcClient.error(app.refresh(first.getRefreshToken())).getCode()).isEqualTo("invalid_grant");
        String session = sid(first);
        JsonNode detection = keycloak.log().awaitAudit("offline reuse", r -> "REFRESH_TOKEN_REUSE".equals(r.path("type").asText())
                && session.equals(r.path("sessionId").asText()));
        assertThat(detection.path("details").path("token_type").asText()).isEqualTo("Offline");
        assertThat(OidcClient.error(app.refresh(rotated.getRefreshToken())).getCode())
                .as("the newest offline token").isEqualTo("invalid_grant");
        String userId = keycloak.admin().realm(REALM).users().searchByUsername("alice", true).get(0).getId();
        assertThat(keycloak.admin().realm(REALM).users().get(userId).getOfflineSessions(
                keycloak.admin().realm(REALM).clients().findByClientId("rt-app").get(0).getId()))
                .noneMatch(s -> s.getId().equals(session));
    }

    @Test
    void fiftySessionsRefreshingNormallyAndConcurrentlyAreNeverTakenForThieves() throws Exception {
        OidcClient app = new OidcClient(keycloak.realmUrl(REALM), "rt-load");
        java.util.List<Tokens> sessions = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            sessions.add(app.login(new FormLogin(), "load-" + i, "load-Password-" + i));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        try {
            java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
            for (Tokens tokens : sessions) {
                results.add(pool.submit(() -> {
                    Tokens current = tokens;
                    for (int round = 0; round < 3; round++) {
                        TokenResponse response = app.refresh(current.getRefreshToken());
                        if (!response.indicatesSuccess()) {
                            return false;
                        }
                        current = response.toSuccessResponse().getTokens();
                    }
                    return true;
                }));
            }
            for (java.util.concurrent.Future<Boolean> result : results) {
                assertThat(result.get()).as("every normal refresh succeeds").isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        // A marker after the load: once its record is written, any detection from the load would be too.
        keycloak.admin().realm(REALM).roles().create(new org.keycloak.representations.idm.RoleRepresentation(
                "marker-" + System.nanoTime(), null, false));
        keycloak.log().awaitAudit("marker", r -> REALM.equals(r.path("realm").asText())
                && "REALM_ROLE_CREATE".equals(r.path("type").asText()));
        assertThat(keycloak.log().auditRecords()).noneMatch(r -> "REFRESH_TOKEN_REUSE".equals(r.path("type").asText())
                && "rt-load".equals(r.path("clientId").asText()));
    }

    @Test
    void forgedGarbageExpiredAndForeignTokensRevokeNothing() throws Exception {
        int logStart = keycloak.log().text().length();
        OidcClient app = new OidcClient(keycloak.realmUrl(REALM), "rt-app");
        Tokens tokens = app.login(new FormLogin(), "alice", "alice-Password-1");
        String[] parts = tokens.getRefreshToken().getValue().split("\\.");
        // The real token's claims (same user, session and token id) under a signature that is not Keycloak's.
        String forged = parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString("not-the-realm-signature-at-all-0123456789".getBytes());

        for (int i = 0; i < 3; i++) {
            assertThat(OidcClient.error(app.refresh(new RefreshToken(forged))).getCode()).isEqualTo("invalid_grant");
        }
        assertThat(app.refresh(new RefreshToken("garbage")).indicatesSuccess()).isFalse();
        Tokens foreign = new OidcClient(keycloak.realmUrl(OFF_REALM), "rt-app").login(new FormLogin(), "alice", "alice-Password-1");
        assertThat(OidcClient.error(app.refresh(foreign.getRefreshToken())).getCode())
                .as("another realm's token").isEqualTo("invalid_grant");

        OidcClient shortLived = new OidcClient(keycloak.realmUrl(REALM), "rt-short");
        Tokens expiring = shortLived.login(new FormLogin(), "alice", "alice-Password-1");
        java.time.Instant expiry = com.nimbusds.jwt.JWTParser.parse(expiring.getRefreshToken().getValue())
                .getJWTClaimsSet().getExpirationTime().toInstant();
        // Moves the server's time past the token's expiry instead of waiting for it.
        long untilExpired = java.time.Duration.between(java.time.Instant.now().plus(keycloak.timeOffset()), expiry)
                .getSeconds() + 2;
        keycloak.timeTravel(java.time.Duration.ofSeconds(Math.max(2, untilExpired)));
        assertThat(OidcClient.error(shortLived.refresh(expiring.getRefreshToken())).getCode())
                .as("an expired token").isEqualTo("invalid_grant");

        TokenResponse genuine = app.refresh(tokens.getRefreshToken());
        assertThat(genuine.indicatesSuccess()).as("the user's real token still works").isTrue();
        String session = sid(tokens);
        assertThat(keycloak.log().auditRecords()).noneMatch(r -> "REFRESH_TOKEN_REUSE".equals(r.path("type").asText())
                && session.equals(r.path("sessionId").asText()));
        assertThat(keycloak.log().text().substring(logStart).lines().filter(l -> l.contains(" ERROR ") && l.contains("vigil")))
                .as("the listener never failed on bad input").isEmpty();
    }

    @Test
    void withoutRotationReuseIsAllowedAndRevokesNothing() throws Exception {
        OidcClient app = new OidcClient(keycloak.realmUrl(OFF_REALM), "rt-app");
        Tokens tokens = app.login(new FormLogin(), "alice", "alice-Password-1");
        assertThat(app.refresh(tokens.getRefreshToken()).indicatesSuccess()).isTrue();
        TokenResponse again = app.refresh(tokens.getRefreshToken());
        assertThat(again.indicatesSuccess()).as("the realm allows reuse").isTrue();
        assertThat(userinfo(OFF_REALM, again.toSuccessResponse().getTokens())).isEqualTo(200);
        assertThat(keycloak.log().text()).contains("realm " + OFF_REALM + " does not rotate refresh tokens");
    }
}
