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
            if ("demo-app".equals(client.getClientId())) {
                List<String> uris = new ArrayList<>(client.getRedirectUris());
                uris.add(OidcClient.REDIRECT.toString());
                client.setRedirectUris(uris);
            }
        }
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

    @Test
    void theReadmeWalkthroughOfARefreshTokenReplay() throws Exception {
        OidcClient app = new OidcClient(keycloak.realmUrl(REALM), "demo-app");
        OidcClient.Authorization authorization = app.authorization();
        FormLogin agent = new FormLogin();
        int before = keycloak.mailbox().to("alice@example.com").size();
        FormLogin.Step step = agent.open(authorization.uri);
        step = agent.submit(step.page(), "kc-form-login", Map.of("username", "alice", "password", "alice"));
        String code = Mails.code(keycloak.mailbox().awaitTo("alice@example.com", before + 1).get(before));
        step = agent.submit(step.page(), EmailOtpIT.CODE_FORM, Map.of("code", code));
        assertThat(step.redirected()).as("signed in; page: %s", step.page() == null ? "" : step.page().text()).isTrue();
        Tokens tokens = authorization.exchange(authorization.code(step.redirect()));

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

        MimeMessage mail = keycloak.mailbox().awaitTo("alice@example.com", before + 2).get(before + 1);
        assertThat(mail.getSubject()).startsWith("You were signed out of");
    }
}
