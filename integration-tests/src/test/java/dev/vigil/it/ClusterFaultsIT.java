package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.token.Tokens;
import dev.vigil.it.support.FreshIps;
import dev.vigil.it.support.Resources;
import dev.vigil.testing.Deadline;
import dev.vigil.testing.HarnessPaths;
import dev.vigil.testing.KeycloakCluster;
import dev.vigil.testing.KeycloakServer;
import dev.vigil.testing.Mailbox;
import dev.vigil.testing.RealmFixtures;
import dev.vigil.testing.client.FormLogin;
import dev.vigil.testing.client.Mails;
import dev.vigil.testing.client.OidcClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Vigil's security state on its worst day, on a 2-node cluster on PostgreSQL: node 1 killed with
 * {@code kill -9} of its process tree in the middle of four flows (each finished on node 2), then a full
 * restart of both nodes (docs/state.md has the table of what survives; each row's proof is here).
 * The tests run in order on one cluster: the second starts node 1 again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFaultsIT {

    private static final String OTP_REALM = EmailOtpGuessingIT.REALM;
    private static final String REUSE_REALM = "refresh-reuse-it";
    private static final String POLICY_REALM = "refresh-policy-it";
    private static final String IMP_REALM = "impersonation-it";
    private static final String STEP_UP_REALM = "step-up-it";
    private static final String CONSOLE_SECRET = "Support-Console-Secret-7f3k9";
    private static final String BRIEF_SECRET = "Support-Brief-Secret-6t1w5";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FreshIps IPS = new FreshIps("198.51");

    private static KeycloakCluster cluster;
    private static Mailbox mailbox;

    @BeforeAll
    static void startCluster() {
        mailbox = Mailbox.start();
        cluster = KeycloakCluster.start(2, HarnessPaths.workDir(), HarnessPaths.distribution(), HarnessPaths.vigilJar(),
                Map.of("proxy-headers", "xforwarded"));
        Map<String, String> smtp = Map.of("VIGIL_SMTP_HOST", "127.0.0.1", "VIGIL_SMTP_PORT", String.valueOf(mailbox.port()));
        for (String realm : List.of(OTP_REALM, REUSE_REALM, POLICY_REALM, IMP_REALM, STEP_UP_REALM)) {
            RealmFixtures.importFresh(cluster.node(1).admin(), RealmFixtures.read(
                    RealmFixtures.classpath("realms/" + realm + ".json"), smtp));
        }
        // The theft response's flag is an unmanaged user attribute: let the admin API show it.
        var profile = cluster.node(1).admin().realm(POLICY_REALM).users().userProfile();
        var config = profile.getConfiguration();
        config.setUnmanagedAttributePolicy(org.keycloak.representations.userprofile.config.UPConfig.UnmanagedAttributePolicy.ADMIN_VIEW);
        profile.update(config);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        Resources.closeAll(cluster, mailbox);
    }

    /** One email-code login: its own cookies; each request may go to another node from another IP. */
    private static final class CodeLogin {
        final FormLogin agent = new FormLogin();
        final OidcClient.Authorization authorization;
        FormLogin.Step step;

        CodeLogin(KeycloakServer node, String clientId) {
            agent.routeTo(node.nodeUrl()).header("X-Forwarded-For", IPS.next());
            authorization = new OidcClient(node.realmUrl(OTP_REALM), clientId).authorization();
            step = agent.open(authorization.uri);
        }

        CodeLogin on(KeycloakServer node) {
            agent.routeTo(node.nodeUrl()).header("X-Forwarded-For", IPS.next());
            return this;
        }

        CodeLogin email(String address) {
            step = agent.submit(step.page(), EmailOtpIT.EMAIL_FORM, Map.of("email", address));
            assertThat(step.page().getElementById(EmailOtpIT.CODE_FORM)).as("the code page").isNotNull();
            return this;
        }

        CodeLogin code(String code) {
            step = agent.submit(step.page(), EmailOtpIT.CODE_FORM, Map.of("code", code));
            return this;
        }

        boolean signedIn() {
            return step.redirected() && step.redirect().toString().startsWith(OidcClient.REDIRECT.toString());
        }
    }

    private static String mailedCode(String address, int alreadyReceived) {
        List<jakarta.mail.internet.MimeMessage> mails = mailbox.awaitTo(address, alreadyReceived + 1);
        return Mails.code(mails.get(mails.size() - 1));
    }

    private static String wrongFor(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }

    private static List<JsonNode> audit(Predicate<JsonNode> match) {
        List<JsonNode> records = new ArrayList<>();
        cluster.nodes().stream().filter(KeycloakServer::isRunning)
                .forEach(n -> n.log().auditRecords().stream().filter(match).forEach(records::add));
        return records;
    }

    private static JsonNode awaitAudit(String what, Predicate<JsonNode> match) {
        return Deadline.await(what, Duration.ofSeconds(30), () -> {
            List<JsonNode> found = audit(match);
            return found.isEmpty() ? null : found.get(found.size() - 1);
        });
    }

    private static Predicate<JsonNode> type(String realm, String type) {
        return r -> realm.equals(r.path("realm").asText()) && type.equals(r.path("type").asText());
    }

    private static String sid(String accessToken) throws Exception {
        return SignedJWT.parse(accessToken).getJWTClaimsSet().getStringClaim("sid");
    }

    /** An impersonation's id in the live list: its token's jti. */
    private static String jti(String accessToken) throws Exception {
        return SignedJWT.parse(accessToken).getJWTClaimsSet().getJWTID();
    }

    private static List<String> listedImpersonations(KeycloakServer node) throws Exception {
        HttpResponse<String> list = impersonationAdmin(node, "GET", "");
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        List<String> listed = new ArrayList<>();
        JSON.readTree(list.body()).forEach(e -> listed.add(e.path("id").asText()));
        return listed;
    }

    private static String userId(KeycloakServer node, String realm, String username) {
        return node.admin().realm(realm).users().searchByUsername(username, true).get(0).getId();
    }

    private static List<String> sessionsOf(KeycloakServer node, String realm, String username) {
        return node.admin().realm(realm).users().get(userId(node, realm, username)).getUserSessions().stream()
                .map(s -> s.getId()).toList();
    }

    // ---- impersonation ----

    private static String impersonate(KeycloakServer node, String client, String secret, String actor, String target,
                                      String reason) throws Exception {
        String actorToken = new OidcClient(node.realmUrl(IMP_REALM), "support-ui")
                .login(new FormLogin().routeTo(node.nodeUrl()), actor, actor + "-Password-1").getAccessToken().getValue();
        String form = "grant_type=" + enc("urn:ietf:params:oauth:grant-type:token-exchange") + "&subject_token=" + enc(actorToken)
                + "&subject_token_type=" + enc("urn:ietf:params:oauth:token-type:access_token")
                + "&requested_subject=" + enc(target) + "&reason=" + enc(reason);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        node.realmUrl(IMP_REALM) + "/protocol/openid-connect/token"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((client + ":" + secret).getBytes()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("access_token").asText();
    }

    private static String enc(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> impersonationAdmin(KeycloakServer node, String method, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(node.nodeUrl() + "/admin/realms/" + IMP_REALM
                        + "/vigil-impersonations" + path))
                .header("Authorization", "Bearer " + node.admin().tokenManager().getAccessTokenString())
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int userinfo(KeycloakServer node, String realm, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(node.realmUrl(realm)
                        + "/protocol/openid-connect/userinfo")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    // ---- step-up ----

    /** Password at {@code node}; true when the email code page follows. */
    private static boolean asksForSecondFactor(KeycloakServer node, String clientId, String username) {
        FormLogin browser = new FormLogin().routeTo(node.nodeUrl());
        OidcClient.Authorization authorization = new OidcClient(node.realmUrl(STEP_UP_REALM), clientId).authorization();
        FormLogin.Step step = browser.open(authorization.uri);
        step = browser.submit(step.page(), "kc-form-login", Map.of("username", username, "password", username + "-Password-1"));
        if (step.redirected()) {
            return false;
        }
        assertThat(step.page().getElementById(EmailOtpIT.CODE_FORM)).as("the email code page: %s", step.page().text()).isNotNull();
        return true;
    }

    /** Password and the mailed code at {@code node}. */
    private static void signInWithCode(KeycloakServer node, String clientId, String username) {
        FormLogin browser = new FormLogin().routeTo(node.nodeUrl());
        String address = username + "@example.com";
        int before = mailbox.to(address).size();
        OidcClient.Authorization authorization = new OidcClient(node.realmUrl(STEP_UP_REALM), clientId).authorization();
        FormLogin.Step step = browser.open(authorization.uri);
        step = browser.submit(step.page(), "kc-form-login", Map.of("username", username, "password", username + "-Password-1"));
        assertThat(step.redirected()).as("asked for the code").isFalse();
        step = browser.submit(step.page(), EmailOtpIT.CODE_FORM, Map.of("code", mailedCode(address, before)));
        assertThat(step.redirected()).as("signed in after the code").isTrue();
    }

    @Test
    @Order(1)
    void nodeOneKilledMidFlowNodeTwoFinishesEveryFlowWithItsStateIntact() throws Exception {
        KeycloakServer one = cluster.node(1);
        KeycloakServer two = cluster.node(2);

        // (a) Email code: four requests fill the address's mail quota but one, the fifth is the login under attack;
        // four wrong codes through node 1.
        String carol = "carol@example.com";
        for (int i = 0; i < 4; i++) {
            int before = mailbox.to(carol).size();
            new CodeLogin(one, "first-default-app").email(carol);
            mailbox.awaitTo(carol, before + 1);
        }
        int before = mailbox.to(carol).size();
        CodeLogin attacked = new CodeLogin(one, "first-default-app").email(carol);
        String code = mailedCode(carol, before);
        for (int i = 0; i < 4; i++) {
            assertThat(attacked.code(wrongFor(code)).signedIn()).isFalse();
        }

        // (b) A refresh family used on node 1.
        OidcClient reuseOne = new OidcClient(one.realmUrl(REUSE_REALM), "rt-app");
        Tokens first = reuseOne.login(new FormLogin().routeTo(one.nodeUrl()), "alice", "alice-Password-1");
        Tokens rotated = reuseOne.refresh(first.getRefreshToken()).toSuccessResponse().getTokens();

        // (c) Two impersonations granted on node 1: one of 60 s, one ended later by the kill switch.
        String brief = impersonate(one, "support-brief", BRIEF_SECRET, "agent3", "customer2", "TICKET-K1 node loss");
        String briefId = jti(brief);
        String console = impersonate(one, "support-console", CONSOLE_SECRET, "agent3", "customer3", "TICKET-K2 node loss");
        String consoleId = jti(console);

        // (d) A second factor given through node 1 (gary's flag, set by the realm import through node 1, is answered
        // on node 2 below).
        signInWithCode(one, "su-age-app", "olga");

        long killedAt = System.nanoTime();
        cluster.kill(1);
        System.out.printf("ClusterFaultsIT: node 1 killed, node 2 saw the view of 1 after %d ms%n",
                (System.nanoTime() - killedAt) / 1_000_000);
        assertThat(one.isRunning()).isFalse();

        // (a) on node 2: the fifth wrong code ends the code (five tries in all), so the right one fails after it.
        assertThat(attacked.on(two).code(wrongFor(code)).signedIn()).as("the fifth try").isFalse();
        assertThat(attacked.on(two).code(code).signedIn()).as("the right code after five wrong ones, four of them on the dead node")
                .isFalse();
        // ... and the address's quota (5 mails per 15 minutes), four of them sent by the dead node, holds.
        new CodeLogin(two, "first-default-app").email(carol);
        String carolId = userId(two, OTP_REALM, "carol");
        awaitAudit("the sixth request refused on node 2", type(OTP_REALM, "EMAIL_OTP_SEND")
                .and(r -> carolId.equals(r.path("userId").asText()))
                .and(r -> "rate-limited-address".equals(r.path("details").path("decision").asText())));
        assertThat(mailbox.to(carol)).as("no sixth mail").hasSize(5);

        // (b) on node 2: the replay of the family's first token is detected and the family revoked.
        OidcClient reuseTwo = new OidcClient(two.realmUrl(REUSE_REALM), "rt-app");
        assertThat(OidcClient.error(reuseTwo.refresh(first.getRefreshToken())).getCode()).isEqualTo("invalid_grant");
        String familySid = sid(first.getAccessToken().getValue());
        JsonNode detection = awaitAudit("the detection on node 2", type(REUSE_REALM, "REFRESH_TOKEN_REUSE")
                .and(r -> familySid.equals(r.path("sessionId").asText())));
        assertThat(detection.path("details").path("sessions_revoked").asText()).isEqualTo("1");
        assertThat(OidcClient.error(reuseTwo.refresh(rotated.getRefreshToken())).getCode()).as("the newest token").isEqualTo("invalid_grant");
        assertThat(sessionsOf(two, REUSE_REALM, "alice")).doesNotContain(familySid);

        // (c) on node 2: both impersonations are listed, the kill switch ends one, the other ends at its expiry.
        assertThat(listedImpersonations(two)).contains(briefId, consoleId);
        assertThat(userinfo(two, IMP_REALM, console)).isEqualTo(200);
        HttpResponse<String> end = impersonationAdmin(two, "DELETE", "/" + consoleId);
        assertThat(end.statusCode()).as(end.body()).isEqualTo(200);
        assertThat(userinfo(two, IMP_REALM, console)).as("ended from node 2").isEqualTo(401);
        assertThat(userinfo(two, IMP_REALM, brief)).as("the brief one still runs").isEqualTo(200);
        try {
            cluster.timeTravel(Duration.ofSeconds(62));
            assertThat(userinfo(two, IMP_REALM, brief)).as("its token has expired").isEqualTo(401);
            assertThat(listedImpersonations(two)).as("expired: off the list").doesNotContain(briefId, consoleId);
        } finally {
            cluster.resetTime();
        }

        // (d) on node 2: olga's second factor, given through the dead node, is still recent; gary answers his flag.
        assertThat(asksForSecondFactor(two, "su-age-app", "olga")).as("olga, within the hour").isFalse();
        signInWithCode(two, "su-flag-clear-app", "gary");
        assertThat(asksForSecondFactor(two, "su-flag-clear-app", "gary")).as("the flag is answered on node 2").isFalse();
    }

    @Test
    @Order(2)
    void aFullRestartKeepsWhatProtectsAndWhatItResetsAsksMore() throws Exception {
        if (!cluster.node(1).isRunning()) {
            cluster.restart(1);
        }
        KeycloakServer one = cluster.node(1);
        KeycloakServer two = cluster.node(2);

        // A detection with the user's response: sessions revoked, the step-up flag, the trusted browsers revoked.
        OidcClient policy = new OidcClient(one.realmUrl(POLICY_REALM), "rt-user");
        Tokens stolen = policy.login(new FormLogin().routeTo(one.nodeUrl()), "bob", "bob-Password-1");
        Tokens rotated = policy.refresh(stolen.getRefreshToken()).toSuccessResponse().getTokens();
        assertThat(OidcClient.error(new OidcClient(two.realmUrl(POLICY_REALM), "rt-user").refresh(stolen.getRefreshToken()))
                .getCode()).isEqualTo("invalid_grant");
        String stolenSid = sid(stolen.getAccessToken().getValue());
        awaitAudit("the detection", type(POLICY_REALM, "REFRESH_TOKEN_REUSE").and(r -> stolenSid.equals(r.path("sessionId").asText())));
        String bob = userId(one, POLICY_REALM, "bob");
        Deadline.awaitTrue("the flag and the trust revocation", Duration.ofSeconds(30), () -> {
            var rep = cluster.node(1).admin().realm(POLICY_REALM).users().get(bob).toRepresentation();
            return rep.firstAttribute("vigil.step-up-required") != null && rep.firstAttribute("vigil.trusted-devices-not-before") != null;
        });
        var flagged = one.admin().realm(POLICY_REALM).users().get(bob).toRepresentation();

        // A second factor given before the restart.
        signInWithCode(two, "su-age-app", "ursula");
        assertThat(asksForSecondFactor(one, "su-age-app", "ursula")).as("recent before the restart").isFalse();

        // A pending code, and a mail quota four-fifths used.
        String dave = "dave@example.com";
        for (int i = 0; i < 4; i++) {
            int count = mailbox.to(dave).size();
            new CodeLogin(i % 2 == 0 ? one : two, "first-default-app").email(dave);
            mailbox.awaitTo(dave, count + 1);
        }
        int before = mailbox.to(dave).size();
        CodeLogin pending = new CodeLogin(one, "first-default-app").email(dave);
        String pendingCode = mailedCode(dave, before);

        // A refresh family used before the restart, replayed after it.
        OidcClient reuse = new OidcClient(one.realmUrl(REUSE_REALM), "rt-app");
        Tokens family = reuse.login(new FormLogin().routeTo(one.nodeUrl()), "alice", "alice-Password-1");
        Tokens familyNewest = reuse.refresh(family.getRefreshToken()).toSuccessResponse().getTokens();

        // The first-factor guessing pool of one account used up: 50 wrong codes from ten logins.
        String victim = "victim@example.com";
        for (int login = 0; login < 10; login++) {
            int count = mailbox.to(victim).size();
            CodeLogin attacker = new CodeLogin(login % 2 == 0 ? one : two, "first-roomy-app").email(victim);
            String code = mailedCode(victim, count);
            for (int i = 0; i < 5; i++) {
                assertThat(attacker.code(wrongFor(code)).signedIn()).isFalse();
            }
        }
        int count = mailbox.to(victim).size();
        CodeLogin overBudget = new CodeLogin(two, "first-roomy-app").email(victim);
        assertThat(overBudget.code(mailedCode(victim, count)).signedIn()).as("over the budget before the restart").isFalse();

        // Two impersonations of 10 minutes, granted last: one ended by the kill switch before the restart (its token
        // must stay refused after it), the other running through it (listed after it, ended by the kill switch then).
        String console = impersonate(one, "support-console", CONSOLE_SECRET, "agent4", "customer3", "TICKET-R1 restart");
        String consoleId = jti(console);
        String running = impersonate(one, "support-console", CONSOLE_SECRET, "agent4", "customer2", "TICKET-R2 restart");
        String runningId = jti(running);
        HttpResponse<String> endedBefore = impersonationAdmin(one, "DELETE", "/" + consoleId);
        assertThat(endedBefore.statusCode()).as(endedBefore.body()).isEqualTo(200);
        assertThat(userinfo(two, IMP_REALM, console)).as("ended before the restart").isEqualTo(401);

        long restartAt = System.nanoTime();
        cluster.restartAll();
        System.out.printf("ClusterFaultsIT: full restart took %d ms%n", (System.nanoTime() - restartAt) / 1_000_000);
        one = cluster.node(1);
        two = cluster.node(2);

        // Survives: the detection's revocation, the flag, the trust revocation.
        assertThat(OidcClient.error(new OidcClient(two.realmUrl(POLICY_REALM), "rt-user").refresh(rotated.getRefreshToken()))
                .getCode()).as("the revoked family stays revoked").isEqualTo("invalid_grant");
        var after = two.admin().realm(POLICY_REALM).users().get(bob).toRepresentation();
        assertThat(after.firstAttribute("vigil.step-up-required")).isEqualTo(flagged.firstAttribute("vigil.step-up-required"));
        assertThat(after.firstAttribute("vigil.trusted-devices-not-before"))
                .isEqualTo(flagged.firstAttribute("vigil.trusted-devices-not-before"));

        // Survives: the replay of a family from before the restart is refused and detected.
        OidcClient reuseAfter = new OidcClient(two.realmUrl(REUSE_REALM), "rt-app");
        assertThat(OidcClient.error(reuseAfter.refresh(family.getRefreshToken())).getCode()).isEqualTo("invalid_grant");
        String familySid = sid(family.getAccessToken().getValue());
        awaitAudit("the detection after the restart", type(REUSE_REALM, "REFRESH_TOKEN_REUSE")
                .and(r -> familySid.equals(r.path("sessionId").asText())));
        assertThat(OidcClient.error(reuseAfter.refresh(familyNewest.getRefreshToken())).getCode()).isEqualTo("invalid_grant");

        // Reset, the documented amount: the guessing budget starts again, so the right code works once more.
        count = mailbox.to(victim).size();
        CodeLogin afterRestart = new CodeLogin(one, "first-roomy-app").email(victim);
        assertThat(afterRestart.on(two).code(mailedCode(victim, count)).signedIn())
                .as("a fresh first-factor pool after the restart (docs/state.md says so)").isTrue();

        // Reset, safe side: the second-factor time is gone, so the rule asks again.
        assertThat(asksForSecondFactor(two, "su-age-app", "ursula")).as("asked again after the restart").isTrue();

        // Reset, safe side: the pending code's login is gone with its code; the code signs nobody in.
        assertThat(pending.on(two).code(pendingCode).signedIn()).as("a code issued before the restart").isFalse();

        // Reset, the documented amount: the quota window starts again, so one restart hands at most one more window.
        int sent = mailbox.to(dave).size();
        new CodeLogin(one, "first-default-app").email(dave);
        assertThat(mailbox.awaitTo(dave, sent + 1)).as("a sixth mail within 15 minutes, after the restart").hasSize(sent + 1);

        // Survives: the kill switch's revocation (Keycloak's revoked tokens, persisted by default), the live list
        // (Vigil's table), and the kill switch itself.
        assertThat(userinfo(one, IMP_REALM, console)).as("ended before the restart, still refused after it").isEqualTo(401);
        assertThat(userinfo(two, IMP_REALM, console)).isEqualTo(401);
        assertThat(listedImpersonations(two)).as("listed after the restart").contains(runningId).doesNotContain(consoleId);
        assertThat(userinfo(one, IMP_REALM, running)).as("running through the restart").isEqualTo(200);
        HttpResponse<String> ended = impersonationAdmin(two, "DELETE", "/" + runningId);
        assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
        assertThat(userinfo(one, IMP_REALM, running)).as("ended after the restart, refused on the other node").isEqualTo(401);
        assertThat(listedImpersonations(one)).doesNotContain(consoleId, runningId);
    }
}
