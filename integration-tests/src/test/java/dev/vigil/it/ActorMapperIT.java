package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.openid.connect.sdk.token.OIDCTokens;
import dev.vigil.it.support.TokenEndpoints;
import dev.vigil.testing.KeycloakServer;
import dev.vigil.testing.TestKeycloak;
import dev.vigil.testing.client.FormLogin;
import dev.vigil.testing.client.OidcClient;
import dev.vigil.testing.junit.WithKeycloak;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.info.ProviderRepresentation;
import org.keycloak.representations.info.ServerInfoRepresentation;

/**
 * The {@code oidc-vigil-actor} mapper on a real Keycloak: a session started by the admin console's
 * impersonation carries the admin as RFC 8693 actor in the access token, ID token, userinfo and
 * introspection (the same actor everywhere); a normal login of the same user carries none.
 */
@WithKeycloak
class ActorMapperIT {

    private static final String REALM = "actor-mapper-it";
    private static final String API = "actor-api";
    private static final String API_SECRET = "Act-api-7Qm2xV9pL4wN8sK3";
    private static final String PASSWORD = "alice-Password-1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestKeycloak keycloak;

    @BeforeAll
    static void importRealm(TestKeycloak server) {
        keycloak = server;
        keycloak.importRealm("realms/actor-mapper-it.json");
    }

    private static String aliceId() {
        return keycloak.admin().realm(REALM).users().searchByUsername("alice", true).get(0).getId();
    }

    private static String adminId() {
        return keycloak.admin().realm("master").users().searchByUsername(KeycloakServer.ADMIN_USER, true).get(0).getId();
    }

    /**
     * What the admin console does on "Impersonate": the harness admin (master realm) calls Keycloak's
     * impersonation endpoint, and the identity cookies of its answer go into a fresh browser.
     */
    private static FormLogin impersonatingBrowser(String userId) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        keycloak.baseUrl() + "/admin/realms/" + REALM + "/users/" + userId + "/impersonation"))
                .header("Authorization", "Bearer " + keycloak.admin().tokenManager().getAccessTokenString())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("redirect").asText()).contains("/realms/" + REALM + "/account");
        assertThat(body.path("sameRealm").asBoolean()).as("the admin lives in master").isFalse();

        FormLogin browser = new FormLogin();
        for (String header : response.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String value = pair.substring(eq + 1).trim();
            if (!value.isEmpty() && !header.toLowerCase().contains("max-age=0")) {
                browser.cookies().put(pair.substring(0, eq).trim(), value);
            }
        }
        assertThat(browser.cookies()).as("Set-Cookie: %s", response.headers().allValues("Set-Cookie"))
                .containsKey("KEYCLOAK_IDENTITY");
        return browser;
    }

    /** An authorization-code flow in a browser that already has a session: no login page, straight back with a code. */
    private static OIDCTokens signOn(FormLogin browser, String clientId) {
        OidcClient client = new OidcClient(keycloak.realmUrl(REALM), clientId);
        OidcClient.Authorization authorization = client.authorization();
        FormLogin.Step step = browser.open(authorization.uri);
        assertThat(step.redirected()).as("single sign-on with the impersonation session: %s",
                step.page() == null ? "" : step.page().title()).isTrue();
        return authorization.exchange(authorization.code(step.redirect())).toOIDCTokens();
    }

    private static JWTClaimsSet claims(String jwt) throws Exception {
        return SignedJWT.parse(jwt).getJWTClaimsSet();
    }

    private static JsonNode userinfo(String accessToken) throws Exception {
        return TokenEndpoints.userinfo(keycloak.realmUrl(REALM), accessToken);
    }

    private static JsonNode introspect(String accessToken) throws Exception {
        return TokenEndpoints.introspectActive(keycloak.realmUrl(REALM), API, API_SECRET, accessToken);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(JsonNode node) {
        return JSON.convertValue(node, Map.class);
    }

    @Test
    void anAdminConsoleImpersonationNamesTheAdminAsActorInEveryToken() throws Exception {
        String aliceId = aliceId();
        Map<String, Object> actor = Map.of("sub", adminId(), "preferred_username", KeycloakServer.ADMIN_USER);

        OIDCTokens tokens = signOn(impersonatingBrowser(aliceId), "actor-app");
        JWTClaimsSet access = claims(tokens.getAccessToken().getValue());
        assertThat(access.getSubject()).isEqualTo(aliceId);
        assertThat(access.getJSONObjectClaim("act")).as("access token").isEqualTo(actor);
        JWTClaimsSet id = tokens.getIDToken().getJWTClaimsSet();
        assertThat(id.getSubject()).isEqualTo(aliceId);
        assertThat(id.getJSONObjectClaim("act")).as("ID token").isEqualTo(actor);

        JsonNode userinfo = userinfo(tokens.getAccessToken().getValue());
        assertThat(userinfo.path("sub").asText()).isEqualTo(aliceId);
        assertThat(map(userinfo.path("act"))).as("userinfo: %s", userinfo).isEqualTo(actor);

        JsonNode introspection = introspect(tokens.getAccessToken().getValue());
        assertThat(introspection.path("sub").asText()).isEqualTo(aliceId);
        assertThat(map(introspection.path("act"))).as("introspection, the same actor as the JWT: %s", introspection)
                .isEqualTo(access.getJSONObjectClaim("act"));

        TokenResponse refresh = new OidcClient(keycloak.realmUrl(REALM), "actor-app").refresh(tokens.getRefreshToken());
        assertThat(refresh.indicatesSuccess()).isTrue();
        assertThat(claims(refresh.toSuccessResponse().getTokens().getAccessToken().getValue()).getJSONObjectClaim("act"))
                .as("a refreshed access token").isEqualTo(actor);
    }

    @Test
    void withoutTheMapperOnlyKeycloaksOwnIntrospectionNamesTheActorByUsername() throws Exception {
        String aliceId = aliceId();
        OIDCTokens tokens = signOn(impersonatingBrowser(aliceId), "plain-app");
        assertThat(claims(tokens.getAccessToken().getValue()).getClaim("act")).as("access token").isNull();
        assertThat(tokens.getIDToken().getJWTClaimsSet().getClaim("act")).as("ID token").isNull();
        assertThat(userinfo(tokens.getAccessToken().getValue()).has("act")).as("userinfo").isFalse();

        // Keycloak 26.7's introspection writes {"sub": IMPERSONATOR_USERNAME} over "act" for any impersonation
        // session: with the mapper, Vigil answers the mapper's claim instead (test above); without, Keycloak's stands.
        JsonNode introspection = introspect(tokens.getAccessToken().getValue());
        assertThat(introspection.path("sub").asText()).isEqualTo(aliceId);
        assertThat(map(introspection.path("act"))).as("introspection: %s", introspection)
                .isEqualTo(Map.of("sub", KeycloakServer.ADMIN_USER));
    }

    @Test
    void aNormalLoginOfTheSameUserHasNoActor() throws Exception {
        String aliceId = aliceId();
        OIDCTokens tokens = new OidcClient(keycloak.realmUrl(REALM), "actor-app")
                .login(new FormLogin(), "alice", PASSWORD).toOIDCTokens();
        JWTClaimsSet access = claims(tokens.getAccessToken().getValue());
        assertThat(access.getSubject()).isEqualTo(aliceId);
        assertThat(access.getClaim("act")).as("access token").isNull();
        assertThat(tokens.getIDToken().getJWTClaimsSet().getClaim("act")).as("ID token").isNull();
        JsonNode userinfo = userinfo(tokens.getAccessToken().getValue());
        assertThat(userinfo.path("sub").asText()).isEqualTo(aliceId);
        assertThat(userinfo.has("act")).as("userinfo: %s", userinfo).isFalse();
        JsonNode introspection = introspect(tokens.getAccessToken().getValue());
        assertThat(introspection.path("sub").asText()).isEqualTo(aliceId);
        assertThat(introspection.has("act")).as("introspection: %s", introspection).isFalse();
    }

    @Test
    void theMapperAndTheIntrospectionInUseReportThePackVersion() {
        ServerInfoRepresentation info = keycloak.admin().serverInfo().getInfo();
        ProviderRepresentation mapper = info.getProviders().get("protocol-mapper").getProviders().get("oidc-vigil-actor");
        assertThat(mapper).as("oidc-vigil-actor is installed").isNotNull();
        assertThat(mapper.getOperationalInfo())
                .containsEntry("version", System.getProperty("vigil.version"))
                .containsEntry("built-for-keycloak", System.getProperty("vigil.keycloak.version"))
                .containsEntry("claim", "act");
        ProviderRepresentation introspection = info.getProviders().get("oauth2-token-introspection").getProviders()
                .get("access_token");
        assertThat(introspection.getOperationalInfo()).as("Vigil's access_token introspection is the one in use")
                .containsEntry("version", System.getProperty("vigil.version"));
    }

    @Test
    void anAdminConsoleImpersonationTokenWithActIsStillKeycloaksToExchange() throws Exception {
        // Vigil's provider looks at every standard exchange whose subject token carries act; one that is
        // no Vigil impersonation goes on to Keycloak's standard provider unchanged.
        String token = signOn(impersonatingBrowser(aliceId()), "actor-app").getAccessToken().getValue();
        assertThat(claims(token).getJSONObjectClaim("act")).isNotNull();
        String basic = Base64.getEncoder().encodeToString((API + ":" + API_SECRET).getBytes());
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        keycloak.realmUrl(REALM) + "/protocol/openid-connect/token"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange"
                        + "&subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Aaccess_token&subject_token=" + token))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(claims(JSON.readTree(response.body()).path("access_token").asText()).getSubject()).isEqualTo(aliceId());
    }
}
