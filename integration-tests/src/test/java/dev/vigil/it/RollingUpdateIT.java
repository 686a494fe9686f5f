package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.token.Tokens;
import dev.vigil.testing.Deadline;
import dev.vigil.testing.HarnessPaths;
import dev.vigil.testing.KeycloakCluster;
import dev.vigil.testing.KeycloakServer;
import dev.vigil.testing.Mailbox;
import dev.vigil.testing.OldVigilJar;
import dev.vigil.testing.RealmFixtures;
import dev.vigil.testing.client.FormLogin;
import dev.vigil.testing.client.Mails;
import dev.vigil.testing.client.OidcClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A rolling update of the pack: node 1 runs the jar of an earlier commit, node 2 the jar of this build,
 * one cluster on PostgreSQL, and every flow crosses the two (started on one node, finished on the other,
 * both ways). Each flow's outcome is compared with what docs/compatibility.md#rolling-updates says of that
 * pair. Slow (two {@code kc.sh build}s and the old commit's own build): tagged {@code rolling-update}, which
 * the default run excludes; run it with {@code -Dit.test=RollingUpdateIT -Dvigil.it.excludedGroups=}.
 */
@Tag("rolling-update")
class RollingUpdateIT {

    private static final String IMP_REALM = "impersonation-it";
    private static final String CONSOLE_SECRET = "Support-Console-Secret-7f3k9";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The flows, in the order they run. */
    private static final List<String> FLOWS = List.of("code old->new", "code new->old", "refresh old->new", "refresh new->old",
            "replay detected on new", "replay detected on old", "impersonation old->new", "impersonation new->old");

    @ParameterizedTest(name = "{0} next to this build")
    @CsvSource({
            // commit, the flows that fail (docs/compatibility.md#rolling-updates)
            "d3f1ecd, 'code old->new;code new->old;impersonation old->new;impersonation new->old'",
            "4ac59aa, 'impersonation old->new;impersonation new->old'",
    })
    void everyFlowCrossesAnOldAndANewNode(String commit, String failing) throws Exception {
        Path oldJar = OldVigilJar.of(commit);
        Map<String, String> outcomes = new LinkedHashMap<>();
        try (Mailbox mailbox = Mailbox.start();
             KeycloakCluster cluster = KeycloakCluster.start(List.of(oldJar, HarnessPaths.vigilJar()), HarnessPaths.workDir(),
                     HarnessPaths.distribution(), Map.of())) {
            Map<String, String> smtp = Map.of("VIGIL_SMTP_HOST", "127.0.0.1", "VIGIL_SMTP_PORT", String.valueOf(mailbox.port()));
            for (String realm : List.of(EmailOtpIT.REALM, "refresh-reuse-it", IMP_REALM)) {
                // Imported through the new node: its admin API validates the newest options.
                RealmFixtures.importFresh(cluster.node(2).admin(), RealmFixtures.read(RealmFixtures.classpath("realms/" + realm + ".json"), smtp));
            }
            KeycloakServer oldNode = cluster.node(1);
            KeycloakServer newNode = cluster.node(2);
            outcomes.put(FLOWS.get(0), outcome(() -> code(mailbox, oldNode, newNode, "ivy@example.com")));
            outcomes.put(FLOWS.get(1), outcome(() -> code(mailbox, newNode, oldNode, "jack@example.com")));
            outcomes.put(FLOWS.get(2), outcome(() -> refresh(oldNode, newNode)));
            outcomes.put(FLOWS.get(3), outcome(() -> refresh(newNode, oldNode)));
            outcomes.put(FLOWS.get(4), outcome(() -> replay(oldNode, newNode)));
            outcomes.put(FLOWS.get(5), outcome(() -> replay(newNode, oldNode)));
            outcomes.put(FLOWS.get(6), outcome(() -> impersonation(oldNode, newNode, "customer3")));
            outcomes.put(FLOWS.get(7), outcome(() -> impersonation(newNode, oldNode, "customer2")));
        }
        System.out.printf("RollingUpdateIT %s (node 1) next to this build (node 2):%n", commit);
        outcomes.forEach((flow, result) -> System.out.printf("  %-28s %s%n", flow, result));
        List<String> expectedFailing = failing.isBlank() ? List.of() : List.of(failing.split(";"));
        for (String flow : FLOWS) {
            assertThat(outcomes.get(flow).equals("ok")).as("%s with %s: %s", flow, commit, outcomes.get(flow))
                    .isEqualTo(!expectedFailing.contains(flow));
        }
    }

    private interface Flow {
        void run() throws Exception;
    }

    private static String outcome(Flow flow) {
        try {
            flow.run();
            return "ok";
        } catch (Exception | AssertionError e) {
            return "FAILS: " + String.valueOf(e.getMessage()).replaceAll("\\s+", " ");
        }
    }

    /** The address form on {@code opens}, the code posted to {@code posts}. */
    private static void code(Mailbox mailbox, KeycloakServer opens, KeycloakServer posts, String address) {
        int before = mailbox.to(address).size();
        FormLogin agent = new FormLogin().routeTo(opens.nodeUrl());
        OidcClient.Authorization authorization = new OidcClient(opens.realmUrl(EmailOtpIT.REALM), "otp-first-app").authorization();
        FormLogin.Step step = agent.open(authorization.uri);
        step = agent.submit(step.page(), EmailOtpIT.EMAIL_FORM, Map.of("email", address));
        assertThat(step.page().getElementById(EmailOtpIT.CODE_FORM)).as("the code page").isNotNull();
        String code = Mails.code(mailbox.awaitTo(address, before + 1).get(before));
        agent.routeTo(posts.nodeUrl());
        step = agent.submit(step.page(), EmailOtpIT.CODE_FORM, Map.of("code", code));
        assertThat(step.redirected()).as("signed in with the code on the other node: %s",
                step.page() == null ? "" : step.page().text()).isTrue();
        assertThat(authorization.exchange(authorization.code(step.redirect())).getAccessToken()).isNotNull();
    }

    private static void refresh(KeycloakServer logsIn, KeycloakServer refreshes) throws Exception {
        Tokens tokens = new OidcClient(logsIn.realmUrl("refresh-reuse-it"), "rt-app")
                .login(new FormLogin().routeTo(logsIn.nodeUrl()), "alice", "alice-Password-1");
        Tokens next = new OidcClient(refreshes.realmUrl("refresh-reuse-it"), "rt-app").refresh(tokens.getRefreshToken())
                .toSuccessResponse().getTokens();
        assertThat(new OidcClient(logsIn.realmUrl("refresh-reuse-it"), "rt-app").refresh(next.getRefreshToken()).indicatesSuccess())
                .as("and back").isTrue();
    }

    private static void replay(KeycloakServer uses, KeycloakServer replays) throws Exception {
        OidcClient first = new OidcClient(uses.realmUrl("refresh-reuse-it"), "rt-app");
        Tokens tokens = first.login(new FormLogin().routeTo(uses.nodeUrl()), "alice", "alice-Password-1");
        Tokens rotated = first.refresh(tokens.getRefreshToken()).toSuccessResponse().getTokens();
        OidcClient second = new OidcClient(replays.realmUrl("refresh-reuse-it"), "rt-app");
        assertThat(OidcClient.error(second.refresh(tokens.getRefreshToken())).getCode()).isEqualTo("invalid_grant");
        String sid = SignedJWT.parse(tokens.getAccessToken().getValue()).getJWTClaimsSet().getStringClaim("sid");
        JsonNode detection = replays.log().awaitAudit("the detection", r -> "REFRESH_TOKEN_REUSE".equals(r.path("type").asText())
                && sid.equals(r.path("sessionId").asText()));
        assertThat(detection.path("details").path("sessions_revoked").asText()).isEqualTo("1");
        assertThat(first.refresh(rotated.getRefreshToken()).indicatesSuccess()).as("the newest token on the first node").isFalse();
    }

    /** Granted on {@code grants}; used, listed and ended on {@code other}. */
    private static void impersonation(KeycloakServer grants, KeycloakServer other, String target) throws Exception {
        String actorToken = new OidcClient(grants.realmUrl(IMP_REALM), "support-ui")
                .login(new FormLogin().routeTo(grants.nodeUrl()), "agent3", "agent3-Password-1").getAccessToken().getValue();
        String form = "grant_type=" + enc("urn:ietf:params:oauth:grant-type:token-exchange") + "&subject_token=" + enc(actorToken)
                + "&subject_token_type=" + enc("urn:ietf:params:oauth:token-type:access_token")
                + "&requested_subject=" + enc(target) + "&reason=" + enc("TICKET-RU rolling update");
        HttpResponse<String> granted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        grants.realmUrl(IMP_REALM) + "/protocol/openid-connect/token"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(("support-console:" + CONSOLE_SECRET).getBytes()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(granted.statusCode()).as("granted: %s", granted.body()).isEqualTo(200);
        String token = JSON.readTree(granted.body()).path("access_token").asText();
        // Since 0.2 an impersonation is listed by its token's jti (before: by its session's sid); the older build
        // lists neither kind of the other, see docs/compatibility.md#rolling-updates.
        String id = SignedJWT.parse(token).getJWTClaimsSet().getJWTID();
        assertThat(userinfo(other, token)).as("userinfo on the other node").isEqualTo(200);
        HttpResponse<String> list = admin(other, "GET", "");
        assertThat(list.body()).as("listed on the other node").contains(id);
        HttpResponse<String> end = admin(other, "DELETE", "/" + id);
        assertThat(end.statusCode()).as("ended on the other node: %s", end.body()).isEqualTo(200);
        Deadline.awaitTrue("the token to be dead on the granting node", Duration.ofSeconds(10), () -> userinfo(grants, token) == 401);
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static int userinfo(KeycloakServer node, String token) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(node.realmUrl(IMP_REALM)
                            + "/protocol/openid-connect/userinfo")).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> admin(KeycloakServer node, String method, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(node.nodeUrl() + "/admin/realms/" + IMP_REALM
                        + "/vigil-impersonations" + path))
                .header("Authorization", "Bearer " + node.admin().tokenManager().getAccessTokenString())
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
