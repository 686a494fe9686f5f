package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guessing email codes as an attacker would: every login from a fresh public client IP (Keycloak
 * behind {@code --proxy-headers=xforwarded}), alternating between the two nodes of a cluster, every
 * option of the step at its default unless the test says otherwise, the realm's brute-force
 * protection on (failure factor 3). The budget is 10^(6-4) = 100 wrong codes a day: 50 for
 * first-factor guessing, 25 for a browser the user trusted, 25 for the second factor.
 */
class EmailOtpGuessingIT {

    static final String REALM = "email-otp-guessing-it";
    private static final int FIRST_FACTOR_POOL = 50;
    private static final FreshIps IPS = new FreshIps("203.0");

    private static KeycloakCluster cluster;
    private static Mailbox mailbox;

    @BeforeAll
    static void startCluster() {
        mailbox = Mailbox.start();
        cluster = KeycloakCluster.start(2, HarnessPaths.workDir(), HarnessPaths.distribution(), HarnessPaths.vigilJar(),
                Map.of("proxy-headers", "xforwarded"));
        RealmFixtures.importFresh(cluster.node(1).admin(), RealmFixtures.read(
                RealmFixtures.classpath("realms/" + REALM + ".json"),
                Map.of("VIGIL_SMTP_HOST", "127.0.0.1", "VIGIL_SMTP_PORT", String.valueOf(mailbox.port()))));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        Resources.closeAll(cluster, mailbox);
    }

    private static KeycloakServer node(int n) {
        return cluster.node(1 + (n % 2));
    }

    /** One login through the cluster: its own cookies; each request can go to another node from another IP. */
    private static final class Login {
        final FormLogin agent = new FormLogin();
        final OidcClient.Authorization authorization;
        FormLogin.Step step;

        Login(String clientId, int nodeIndex) {
            KeycloakServer node = node(nodeIndex);
            agent.routeTo(node.nodeUrl()).header("X-Forwarded-For", IPS.next());
            authorization = new OidcClient(node.realmUrl(REALM), clientId).authorization();
            step = agent.open(authorization.uri);
        }

        /** The next request from another node and another client IP. */
        Login movesTo(int nodeIndex) {
            agent.routeTo(node(nodeIndex).nodeUrl()).header("X-Forwarded-For", IPS.next());
            return this;
        }

        Login email(String typed) {
            step = agent.submit(step.page(), EmailOtpIT.EMAIL_FORM, Map.of("email", typed));
            assertThat(step.page().getElementById(EmailOtpIT.CODE_FORM)).as("the code page").isNotNull();
            return this;
        }

        Login password(String username, String password) {
            step = agent.submit(step.page(), "kc-form-login", Map.of("username", username, "password", password));
            return this;
        }

        Login code(String code) {
            step = agent.submit(step.page(), EmailOtpIT.CODE_FORM, Map.of("code", code));
            return this;
        }

        boolean refused() {
            return !step.redirected() && step.page().text().contains(EmailOtpIT.INVALID);
        }

        Tokens tokens() {
            assertThat(step.redirected()).as("signed in; page was: %s", step.page() == null ? "" : step.page().text()).isTrue();
            return authorization.exchange(authorization.code(step.redirect()));
        }
    }

    private static MimeMessage nextMail(String address, int alreadyReceived) {
        List<MimeMessage> mails = mailbox.awaitTo(address, alreadyReceived + 1);
        return mails.get(mails.size() - 1);
    }

    private static String wrongFor(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }

    private static List<JsonNode> audit(Predicate<JsonNode> match) {
        List<JsonNode> records = new ArrayList<>();
        cluster.nodes().forEach(n -> n.log().auditRecords().stream().filter(match).forEach(records::add));
        return records;
    }

    private static JsonNode awaitAudit(String what, Predicate<JsonNode> match) {
        return Deadline.await(what, Duration.ofSeconds(20), () -> {
            List<JsonNode> found = audit(match);
            return found.isEmpty() ? null : found.get(found.size() - 1);
        });
    }

    private static Predicate<JsonNode> verify(String result) {
        return r -> REALM.equals(r.path("realm").asText()) && "EMAIL_OTP_VERIFY".equals(r.path("type").asText())
                && result.equals(r.path("details").path("result").asText());
    }

    private static String userId(String username) {
        return cluster.node(1).admin().realm(REALM).users().searchByUsername(username, true).get(0).getId();
    }

    /**
     * Fifty wrong codes for one account from ten logins (each code allows five tries), every login from
     * fresh IPs and alternating nodes, each guess posted to the other node than the request. Each login
     * waits for its mail, so every guess is checked against a live code of the account.
     */
    private static void useUpTheFirstFactorPool(String address) {
        for (int login = 0; login < FIRST_FACTOR_POOL / 5; login++) {
            int before = mailbox.to(address).size();
            Login attacker = new Login("first-roomy-app", login).email(address);
            String code = Mails.code(nextMail(address, before));
            attacker.movesTo(login + 1);
            for (int i = 0; i < 5; i++) {
                assertThat(attacker.movesTo(login + i).code(wrongFor(code)).refused()).isTrue();
            }
        }
    }

    @Test
    void pastTheBudgetTheRightCodeFailsFromAFreshSessionAFreshIpAndEitherNode() {
        String victim = "victim@example.com";
        useUpTheFirstFactorPool(victim);

        for (int nodeIndex = 0; nodeIndex < 2; nodeIndex++) {
            int before = mailbox.to(victim).size();
            Login fresh = new Login("first-roomy-app", nodeIndex).email(victim);
            String code = Mails.code(nextMail(victim, before));
            assertThat(fresh.movesTo(nodeIndex).code(code).refused()).as("the right code on node %d", 1 + nodeIndex % 2)
                    .isTrue();
        }
        JsonNode over = awaitAudit("over budget", verify("over_budget").and(r -> userId("victim").equals(r.path("userId").asText())));
        assertThat(over.path("error").asText()).isEqualTo("invalid_code");

        // The user who gives the password keeps a pool of their own.
        int before = mailbox.to(victim).size();
        Login user = new Login("second-default-app", 1).password("victim", "victim-Password-1");
        String code = Mails.code(nextMail(victim, before));
        assertThat(user.movesTo(0).code(code).tokens().getAccessToken()).isNotNull();
    }

    @Test
    void eachWrongCodeCountsForTwentyFourHoursThenTheAccountsCodesWorkAgain() {
        String address = "ursula@example.com";
        useUpTheFirstFactorPool(address);
        int before = mailbox.to(address).size();
        Login blocked = new Login("first-roomy-app", 0).email(address);
        assertThat(blocked.code(Mails.code(nextMail(address, before))).refused()).as("over the budget").isTrue();

        // Keycloak's and Infinispan's clocks on both nodes, a day and a minute later: every slot has expired.
        cluster.timeTravel(Duration.ofHours(24).plusMinutes(1));
        before = mailbox.to(address).size();
        Login later = new Login("first-roomy-app", 1).email(address);
        String code = Mails.code(nextMail(address, before));
        assertThat(later.movesTo(0).code(code).tokens().getAccessToken()).isNotNull();
    }

    @Test
    void aBrowserTheUserTrustedKeepsAPoolOfItsOwnWhenAnonymousGuessingUsedUpTheFirstFactorPool() {
        String address = "trudy@example.com";
        // Trudy trusts her browser: password, the code with "trust this browser" ticked.
        int before = mailbox.to(address).size();
        Login trusting = new Login("trusted-device-app", 0).password("trudy", "trudy-Password-1");
        assertThat(trusting.step.page().getElementById("trust-device")).as("the trust box").isNotNull();
        String code = Mails.code(nextMail(address, before));
        trusting.step = trusting.agent.submit(trusting.step.page(), EmailOtpIT.CODE_FORM, Map.of("code", code, "trust-device", "on"));
        assertThat(trusting.tokens().getAccessToken()).isNotNull();
        String cookie = trusting.agent.cookies().get("VIGIL_TRUSTED_DEVICE");
        assertThat(cookie).as("the trusted-device cookie").isNotBlank();

        useUpTheFirstFactorPool(address);

        // A stranger's browser: the right code fails.
        before = mailbox.to(address).size();
        Login stranger = new Login("first-roomy-app", 1).email(address);
        assertThat(stranger.code(Mails.code(nextMail(address, before))).refused()).isTrue();

        // Trudy's browser (only the trust cookie kept, Keycloak's session cookies gone), on the other node: signs in.
        before = mailbox.to(address).size();
        Login trusted = new Login("first-roomy-app", 1);
        trusted.agent.cookies().put("VIGIL_TRUSTED_DEVICE", cookie);
        trusted.email(address);
        String fresh = Mails.code(nextMail(address, before));
        assertThat(trusted.movesTo(0).code(fresh).tokens().getAccessToken()).isNotNull();
    }

    @Test
    void aSecondFactorUserStillGetsAWorkingCodeAfterTheAddressWasFloodedAnonymously() {
        String address = "flooded@example.com";
        // Twenty anonymous requests naming the user, from twenty IPs, on both nodes (the default is 5 mails per 15 min).
        for (int i = 0; i < 20; i++) {
            new Login("first-default-app", i).email(i % 2 == 0 ? address : "FLOODED@Example.com");
        }
        Deadline.awaitTrue("the first-factor address limit reached", Duration.ofSeconds(20), () -> audit(r ->
                "EMAIL_OTP_SEND".equals(r.path("type").asText()) && REALM.equals(r.path("realm").asText())
                        && "flooded".equals(r.path("username").asText())
                        && "rate-limited-address".equals(r.path("details").path("decision").asText())).size() >= 15);
        assertThat(audit(r -> "EMAIL_OTP_SEND".equals(r.path("type").asText()) && REALM.equals(r.path("realm").asText())
                && "flooded".equals(r.path("username").asText()) && "sent".equals(r.path("details").path("decision").asText())))
                .as("upper and lower case count as one address").hasSize(5);

        for (int nodeIndex = 0; nodeIndex < 2; nodeIndex++) {
            int before = mailbox.to(address).size();
            Login user = new Login("second-default-app", nodeIndex).password("flooded", "flooded-Password-1");
            String code = Mails.code(nextMail(address, before));
            assertThat(user.movesTo(nodeIndex + 1).code(code).tokens().getAccessToken()).as("node %d", 1 + nodeIndex % 2)
                    .isNotNull();
        }
    }

    @Test
    void aRateLimitedRequestIssuesNoCodeThatCanSignIn() {
        String address = "dave@example.com";
        for (int i = 0; i < 5; i++) {
            new Login("first-default-app", i).email(address);
        }
        mailbox.awaitTo(address, 5);
        Login limited = new Login("first-default-app", 1).email(address);
        String limitedUser = userId("dave");
        awaitAudit("the sixth request refused", r -> "EMAIL_OTP_SEND".equals(r.path("type").asText())
                && limitedUser.equals(r.path("userId").asText())
                && "rate-limited-address".equals(r.path("details").path("decision").asText()));
        // No mail carries its code, so no test can type it; the server's own verdict on a try says what the
        // code is worth: it signs in nobody ("no_account"), where a live code of dave's would be "wrong".
        limited.movesTo(0).code("123456");
        assertThat(limited.refused()).isTrue();
        awaitAudit("the limited code signs in nobody", verify("no_account").and(r -> limitedUser.equals(r.path("userId").asText())));
        assertThat(audit(verify("wrong").and(r -> limitedUser.equals(r.path("userId").asText())))).isEmpty();
    }

    @Test
    void theCooldownHoldsOnTheFirstFactorPath() {
        String address = "cooldown@example.com";
        int before = mailbox.to(address).size();
        Login login = new Login("first-default-app", 0).email(address);
        String code = Mails.code(nextMail(address, before));
        // Post the address form again in the same login, on the other node and from another IP (the send action
        // with an address, as the address form posts it): within the 30 s cooldown no new code is issued.
        login.movesTo(1);
        login.step = login.agent.submit(login.step.page(), EmailOtpIT.RESEND_FORM, Map.of("vigil-action", "send",
                "email", address));
        assertThat(login.step.page().getElementById("vigil-email-otp-resend").hasAttr("disabled")).isTrue();
        String wait = login.step.page().getElementById("vigil-email-otp-resend-wait").text();
        assertThat(Integer.parseInt(wait.replaceAll("\\D", ""))).isBetween(1, 30);
        // A new code would have replaced the first one: the first one still signs in.
        assertThat(login.movesTo(0).code(code).tokens().getAccessToken()).isNotNull();
    }

    @Test
    void anonymousFirstFactorFailuresDoNotLockThePasswordSignIn() {
        String address = "carol@example.com";
        for (int login = 0; login < 2; login++) {
            int before = mailbox.to(address).size();
            Login attacker = new Login("first-default-app", login).email(address);
            String code = Mails.code(nextMail(address, before));
            for (int i = 0; i < 5; i++) {
                assertThat(attacker.movesTo(login + i).code(wrongFor(code)).refused()).isTrue();
            }
        }
        assertThat(cluster.node(2).admin().realm(REALM).attackDetection().bruteForceUserStatus(userId("carol")))
                .as("ten anonymous failures, failure factor 3").containsEntry("disabled", false);

        int before = mailbox.to(address).size();
        Login user = new Login("second-default-app", 1).password("carol", "carol-Password-1");
        assertThat(user.step.page().getElementById(EmailOtpIT.CODE_FORM)).as("the password is accepted").isNotNull();
        String code = Mails.code(nextMail(address, before));
        assertThat(user.code(code).tokens().getAccessToken()).isNotNull();
    }
}
