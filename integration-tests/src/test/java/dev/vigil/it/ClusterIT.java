package dev.vigil.it;

import static dev.vigil.testing.ServerLog.type;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.token.Tokens;
import dev.vigil.it.support.Resources;
import dev.vigil.testing.Deadline;
import dev.vigil.testing.HarnessPaths;
import dev.vigil.testing.KeycloakCluster;
import dev.vigil.testing.KeycloakServer;
import dev.vigil.testing.Mailbox;
import dev.vigil.testing.RealmFixtures;
import dev.vigil.testing.client.FormLogin;
import dev.vigil.testing.client.OidcClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two Keycloak nodes with the Vigil jar on one private PostgreSQL form one Infinispan cluster:
 * the proof the capability issues build on when they claim their state is cluster-wide.
 */
class ClusterIT {

    private static final String REALM = "audit-it";
    private static final Pattern VIEW = Pattern.compile("ISPN000094: Received new cluster view for channel \\S+: \\[[^]]*] \\((\\d+)\\)");
    private static KeycloakCluster cluster;
    private static Mailbox mailbox;

    @BeforeAll
    static void startCluster() {
        mailbox = Mailbox.start();
        cluster = KeycloakCluster.start(2, HarnessPaths.workDir(), HarnessPaths.distribution(), HarnessPaths.vigilJar());
        Map<String, String> smtp = Map.of("VIGIL_SMTP_HOST", "127.0.0.1", "VIGIL_SMTP_PORT", String.valueOf(mailbox.port()));
        for (String realm : new String[] {"realms/audit-it.json", "realms/email-otp-it.json", "realms/refresh-reuse-it.json",
                "realms/time-travel-it.json", "realms/impersonation-it.json"}) {
            RealmFixtures.importFresh(cluster.node(1).admin(), RealmFixtures.read(RealmFixtures.classpath(realm), smtp));
        }
    }

    @AfterAll
    static void stopCluster() throws Exception {
        Resources.closeAll(cluster, mailbox);
    }

    @Test
    void bothNodesSeeATwoMemberView() {
        for (KeycloakServer node : cluster.nodes()) {
            int members = Deadline.await(node.name() + " to see 2 members", Duration.ofSeconds(60), () -> {
                Matcher m = VIEW.matcher(node.log().text());
                int last = 0;
                while (m.find()) {
                    last = Integer.parseInt(m.group(1));
                }
                return last == 2 ? last : null;
            });
            assertThat(members).isEqualTo(2);
        }
    }

    @Test
    void emailCodeLimitsAreCountedAcrossNodes() {
        // Six code requests for one address, each started on one node and posted to the other.
        for (int i = 0; i < 6; i++) {
            KeycloakServer opens = cluster.node(1 + i % 2);
            KeycloakServer posts = cluster.node(2 - i % 2);
            FormLogin agent = new FormLogin().routeTo(opens.nodeUrl());
            FormLogin.Step page = agent.open(new OidcClient(opens.realmUrl(EmailOtpIT.REALM), "otp-first-app").authorization().uri);
            agent.routeTo(posts.nodeUrl());
            FormLogin.Step codePage = agent.submit(page.page(), EmailOtpIT.EMAIL_FORM, Map.of("email", "ivy@example.com"));
            assertThat(codePage.page().getElementById(EmailOtpIT.CODE_FORM)).isNotNull();
        }
        List<JsonNode> decisions = Deadline.await("six decisions on the two nodes", Duration.ofSeconds(15), () -> {
            List<JsonNode> all = new ArrayList<>();
            cluster.nodes().forEach(n -> n.log().auditRecords().stream()
                    .filter(r -> "EMAIL_OTP_SEND".equals(r.path("type").asText())).forEach(all::add));
            return all.size() >= 6 ? all : null;
        });
        assertThat(decisions).extracting(r -> r.path("details").path("decision").asText())
                .containsOnly("sent", "rate-limited-address")
                .filteredOn("sent"::equals).hasSize(5);
        assertThat(mailbox.awaitTo("ivy@example.com", 5)).hasSize(5);
    }

    @Test
    void aReplayOnTheOtherNodeIsDetectedAndTheRevocationHoldsOnBoth() throws Exception {
        KeycloakServer one = cluster.node(1);
        KeycloakServer two = cluster.node(2);
        OidcClient viaOne = new OidcClient(one.realmUrl("refresh-reuse-it"), "rt-app");
        OidcClient viaTwo = new OidcClient(two.realmUrl("refresh-reuse-it"), "rt-app");
        Tokens first = viaOne.login(new FormLogin(), "alice", "alice-Password-1");
        Tokens rotated = viaOne.refresh(first.getRefreshToken()).toSuccessResponse().getTokens();

        assertThat(OidcClient.error(viaTwo.refresh(first.getRefreshToken())).getCode()).isEqualTo("invalid_grant");

        String session = SignedJWT.parse(first.getAccessToken().getValue()).getJWTClaimsSet().getStringClaim("sid");
        JsonNode detection = two.log().awaitAudit("detection on node 2", r -> "REFRESH_TOKEN_REUSE".equals(r.path("type").asText())
                && session.equals(r.path("sessionId").asText()));
        assertThat(detection.path("details").path("sessions_revoked").asText()).isEqualTo("1");
        assertThat(OidcClient.error(viaOne.refresh(rotated.getRefreshToken())).getCode()).as("on node 1").isEqualTo("invalid_grant");
        assertThat(OidcClient.error(viaTwo.refresh(rotated.getRefreshToken())).getCode()).as("on node 2").isEqualTo("invalid_grant");
    }

    @Test
    void timeMovesOnEveryNodeAndSharedEntriesExpireOnEveryNode() throws Exception {
        KeycloakServer one = cluster.node(1);
        KeycloakServer two = cluster.node(2);
        String realmId = one.admin().realm(TimeTravelIT.REALM).toRepresentation().getId();
        Tokens tokens = new OidcClient(one.realmUrl(TimeTravelIT.REALM), "tt-app").login(new FormLogin(), "alice",
                TimeTravelIT.PASSWORD);
        String ledgerEntry = TimeTravelIT.refreshOnce(one.realmUrl(TimeTravelIT.REALM), realmId);
        assertThat(cluster.singleUseEntryExists(2, ledgerEntry)).as("node 2 sees node 1's entry").isTrue();
        try {
            cluster.timeTravel(Duration.ofSeconds(TimeTravelIT.LEDGER_LIFESPAN_SECONDS - 600));
            for (int node = 1; node <= 2; node++) {
                assertThat(cluster.singleUseEntryExists(node, ledgerEntry)).as("node %d, 10 min before its end", node).isTrue();
                assertThat(TimeTravelIT.introspect(cluster.node(node).realmUrl(TimeTravelIT.REALM), tokens)
                        .path("active").asBoolean()).as("the access token at node %d, minutes after its end", node).isFalse();
            }

            cluster.timeTravel(Duration.ofSeconds(1200));
            for (int node = 1; node <= 2; node++) {
                assertThat(cluster.singleUseEntryExists(node, ledgerEntry)).as("node %d, 10 min after its end", node).isFalse();
            }
        } finally {
            cluster.resetTime();
        }
        assertThat(TimeTravelIT.introspect(two.realmUrl(TimeTravelIT.REALM), tokens).path("active").asBoolean())
                .as("back on the wall clock").isTrue();
    }

    @Test
    void aRefreshTokenFromNodeOneIsRefreshedOnNodeTwo() throws Exception {
        KeycloakServer one = cluster.node(1);
        KeycloakServer two = cluster.node(2);
        Tokens tokens = new OidcClient(one.realmUrl(REALM), "test-app").login(new FormLogin(), "alice", "alice-Password-1");

        TokenResponse refreshed = new OidcClient(two.realmUrl(REALM), "test-app").refresh(tokens.getRefreshToken());

        assertThat(refreshed.indicatesSuccess()).as("node 2 refreshes node 1's token").isTrue();
        SignedJWT access = SignedJWT.parse(refreshed.toSuccessResponse().getTokens().getAccessToken().getValue());
        assertThat(access.getJWTClaimsSet().getSubject()).isEqualTo(
                cluster.node(1).admin().realm(REALM).users().searchByUsername("alice", true).get(0).getId());
        assertThat(access.getJWTClaimsSet().getIssuer()).isEqualTo(one.baseUrl() + "/realms/" + REALM);
        // Node 2 wrote the audit record of the refresh it served.
        assertThat(two.log().awaitAudit("REFRESH_TOKEN on node 2", type(REALM, "REFRESH_TOKEN"))
                .path("username").asText()).isEqualTo("alice");
    }

    /**
     * A grant writes its session to the database in its own transaction and into no cache, so the other node
     * finds it only there: userinfo, introspection (with {@code act}), the live list and the kill switch on
     * node 2 for a grant of node 1, and the end holds on node 1.
     */
    @Test
    void anImpersonationGrantedOnOneNodeIsServedListedAndEndedOnTheOther() throws Exception {
        KeycloakServer one = cluster.node(1);
        KeycloakServer two = cluster.node(2);
        String agentToken = new OidcClient(one.realmUrl(IMPERSONATION), "support-ui")
                .login(new FormLogin(), "agent3", "agent3-Password-1").getAccessToken().getValue();
        HttpResponse<String> granted = post(one.realmUrl(IMPERSONATION) + "/protocol/openid-connect/token",
                "grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token=" + agentToken
                        + "&subject_token_type=urn:ietf:params:oauth:token-type:access_token&requested_subject=customer3"
                        + "&reason=TICKET-77%20cluster");
        assertThat(granted.statusCode()).as(granted.body()).isEqualTo(200);
        String token = JSON.readTree(granted.body()).path("access_token").asText();
        String id = SignedJWT.parse(token).getJWTClaimsSet().getJWTID();
        // And one without a reason (support-brief's profile requires none): its row has no reason, on PostgreSQL too.
        HttpResponse<String> noReason = post(one.realmUrl(IMPERSONATION) + "/protocol/openid-connect/token",
                "grant_type=urn:ietf:params:oauth:grant-type:token-exchange&subject_token=" + new OidcClient(
                        one.realmUrl(IMPERSONATION), "support-ui").login(new FormLogin(), "agent3", "agent3-Password-1")
                        .getAccessToken().getValue()
                        + "&subject_token_type=urn:ietf:params:oauth:token-type:access_token&requested_subject=customer2",
                BRIEF_BASIC);
        assertThat(noReason.statusCode()).as(noReason.body()).isEqualTo(200);
        String noReasonId = SignedJWT.parse(JSON.readTree(noReason.body()).path("access_token").asText()).getJWTClaimsSet().getJWTID();

        assertThat(userinfo(two, token)).as("userinfo on node 2").isEqualTo(200);
        JsonNode introspected = JSON.readTree(post(two.realmUrl(IMPERSONATION) + "/protocol/openid-connect/token/introspect",
                "token=" + token).body());
        assertThat(introspected.path("active").asBoolean()).as("introspection on node 2: %s", introspected).isTrue();
        assertThat(introspected.path("act").path("preferred_username").asText()).isEqualTo("agent3");

        String adminToken = two.admin().tokenManager().getAccessTokenString();
        HttpResponse<String> list = impersonations(two, "GET", "", adminToken);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(list.body()).findValuesAsText("id")).as("the live list on node 2").contains(id, noReasonId);
        for (JsonNode listed : JSON.readTree(list.body())) {
            if (noReasonId.equals(listed.path("id").asText())) {
                assertThat(listed.hasNonNull("reason")).as("no reason given: %s", listed).isFalse();
            }
        }
        HttpResponse<String> end = impersonations(two, "DELETE", "/" + id, adminToken);
        assertThat(end.statusCode()).as(end.body()).isEqualTo(200);

        assertThat(userinfo(one, token)).as("userinfo on node 1 after the end on node 2").isEqualTo(401);
        assertThat(JSON.readTree(post(one.realmUrl(IMPERSONATION) + "/protocol/openid-connect/token/introspect",
                "token=" + token).body()).path("active").asBoolean()).as("introspection on node 1").isFalse();
        one.log().awaitAudit("the grant's record on node 1", r -> "IMPERSONATION".equals(r.path("type").asText())
                && "granted".equals(r.path("details").path("decision").asText())
                && id.equals(r.path("details").path("impersonation_id").asText()));
    }

    private static final String IMPERSONATION = "impersonation-it";
    private static final String CONSOLE_BASIC = Base64.getEncoder()
            .encodeToString("support-console:Support-Console-Secret-7f3k9".getBytes(StandardCharsets.UTF_8));
    private static final String BRIEF_BASIC = Base64.getEncoder()
            .encodeToString("support-brief:Support-Brief-Secret-6t1w5".getBytes(StandardCharsets.UTF_8));
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A form post as the support console (client_secret_basic). */
    private static HttpResponse<String> post(String url, String form) throws Exception {
        return post(url, form, CONSOLE_BASIC);
    }

    /** A form post as the client whose Basic credentials are {@code basic}. */
    private static HttpResponse<String> post(String url, String form, String basic) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int userinfo(KeycloakServer node, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(node.realmUrl(IMPERSONATION)
                        + "/protocol/openid-connect/userinfo")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static HttpResponse<String> impersonations(KeycloakServer node, String method, String path, String bearer)
            throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/admin/realms/"
                        + IMPERSONATION + "/vigil-impersonations" + path)).header("Authorization", "Bearer " + bearer)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
