package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.token.Tokens;
import dev.vigil.testing.Deadline;
import dev.vigil.testing.TestKeycloak;
import dev.vigil.testing.client.FormLogin;
import dev.vigil.testing.client.Mails;
import dev.vigil.testing.client.OidcClient;
import dev.vigil.testing.junit.WithKeycloak;
import jakarta.mail.internet.MimeMessage;
import jakarta.ws.rs.BadRequestException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.ClientPolicyExecutorRepresentation;
import org.keycloak.representations.idm.ClientProfileRepresentation;
import org.keycloak.representations.idm.ClientProfilesRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * The per-client settings of refresh-token theft response, set in client policies (executor
 * vigil-refresh-reuse) on a real Keycloak: grace window, response scope, user mail, step-up flag,
 * anomaly signals, rotation enforced per client, validation on save and change without restart.
 */
@WithKeycloak
class RefreshPolicyIT {

    private static final String REALM = "refresh-policy-it";
    private static final String OFF_REALM = "refresh-reuse-off-it";
    private static TestKeycloak keycloak;

    @BeforeAll
    static void importRealms(TestKeycloak server) {
        keycloak = server;
        keycloak.importRealm("realms/refresh-policy-it.json");
        keycloak.importRealm("realms/refresh-reuse-off-it.json");
        // The step-up flag is an unmanaged user attribute: let the admin API show it, as the README advises.
        org.keycloak.admin.client.resource.UserProfileResource profile = keycloak.admin().realm(REALM).users().userProfile();
        org.keycloak.representations.userprofile.config.UPConfig config = profile.getConfiguration();
        config.setUnmanagedAttributePolicy(org.keycloak.representations.userprofile.config.UPConfig.UnmanagedAttributePolicy.ADMIN_VIEW);
        profile.update(config);
    }

    private static OidcClient client(String realm, String clientId) {
        return new OidcClient(keycloak.realmUrl(realm), clientId);
    }

    private static String sid(Tokens tokens) throws Exception {
        return com.nimbusds.jwt.SignedJWT.parse(tokens.getAccessToken().getValue()).getJWTClaimsSet().getStringClaim("sid");
    }

    private static JsonNode awaitRecord(String type, String sessionId) {
        return keycloak.log().awaitAudit(type + " in " + sessionId, r -> type.equals(r.path("type").asText())
                && sessionId.equals(r.path("sessionId").asText()));
    }

    private static List<JsonNode> records(String type, String sessionId) {
        return keycloak.log().auditRecords().stream().filter(r -> type.equals(r.path("type").asText())
                && sessionId.equals(r.path("sessionId").asText())).toList();
    }

    /** Waits until a marker admin event is in the trail, so any record caused before it is there too. */
    private static void flushAuditTrail(String realm) {
        String name = "marker-" + System.nanoTime();
        keycloak.admin().realm(realm).roles().create(new org.keycloak.representations.idm.RoleRepresentation(name, null, false));
        keycloak.log().awaitAudit("marker " + name, r -> "REALM_ROLE_CREATE".equals(r.path("type").asText())
                && r.toString().contains(name));
    }

    private static String subject(MimeMessage mail) {
        try {
            return String.valueOf(mail.getSubject());
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static UserRepresentation user(String realm, String username) {
        return keycloak.admin().realm(realm).users().searchByUsername(username, true).get(0);
    }

    @Test
    void twoConcurrentRefreshesWithinTheGraceWindowRevokeNothing() throws Exception {
        OidcClient app = client(REALM, "rt-grace");
        Tokens first = app.login(new FormLogin(), "dave", "dave-Password-1");
        String session = sid(first);
        ExecutorService tabs = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<TokenResponse>> results = List.of(
                    tabs.submit(() -> {
                        start.await();
                        return app.refresh(first.getRefreshToken());
                    }),
                    tabs.submit(() -> {
                        start.await();
                        return app.refresh(first.getRefreshToken());
                    }));
            start.countDown();
            Tokens tabA = results.get(0).get().toSuccessResponse().getTokens();
            Tokens tabB = results.get(1).get().toSuccessResponse().getTokens();

            assertThat(keycloak.log().text()).contains("presented again within the 30 s grace window");
            JsonNode graceRefresh = keycloak.log().awaitAudit("refresh answered in the window",
                    r -> "REFRESH_TOKEN".equals(r.path("type").asText()) && session.equals(r.path("sessionId").asText())
                            && "repeat-within-window".equals(r.path("details").path("vigil_refresh_grace").asText()));
            assertThat(graceRefresh.path("details").path("vigil_refresh_policy").asText()).contains("grace-seconds=30");

            // Either tab's token is the newest generation: the one used first carries the family on.
            Tokens next = app.refresh(tabB.getRefreshToken()).toSuccessResponse().getTokens();
            assertThat(app.refresh(next.getRefreshToken()).indicatesSuccess()).isTrue();
            flushAuditTrail(REALM);
            assertThat(records("REFRESH_TOKEN_REUSE", session)).as("no detection in a benign race").isEmpty();
            assertThat(tabA.getRefreshToken()).isNotEqualTo(tabB.getRefreshToken());
        } finally {
            tabs.shutdownNow();
        }
    }

    @Test
    void afterTheGraceWindowARepeatIsTheftAndTheRecordIsComplete() throws Exception {
        OidcClient app = client(REALM, "rt-grace-short");
        Tokens first = app.login(new FormLogin(), "gina", "gina-Password-1");
        assertThat(app.refresh(first.getRefreshToken(), "Tab/1.0 (first use)").indicatesSuccess()).isTrue();
        // The window is 2 s from the first use, counted in whole seconds: move the server's time past it.
        keycloak.timeTravel(Duration.ofSeconds(3));

        TokenResponse replay = app.refresh(first.getRefreshToken(), "Thief/2.0 (replay)");
        assertThat(OidcClient.error(replay).getCode()).isEqualTo("invalid_grant");
        JsonNode detection = awaitRecord("REFRESH_TOKEN_REUSE", sid(first));
        JsonNode details = detection.path("details");
        assertThat(detection.path("username").asText()).isEqualTo("gina");
        assertThat(details.path("source").asText()).isEqualTo("keycloak-reuse-error");
        assertThat(details.path("action").asText()).isEqualTo("session");
        assertThat(details.path("family").asText()).isEqualTo("rt-grace-short/" + sid(first));
        assertThat(details.path("reused_token_id").asText()).isNotBlank();
        assertThat(details.path("first_use_time").asText()).isNotBlank();
        assertThat(details.path("first_use_ip").asText()).isEqualTo("127.0.0.1");
        assertThat(details.path("first_use_user_agent").asText()).isEqualTo("Tab/1.0 (first use)");
        assertThat(details.path("reuse_ip").asText()).isEqualTo("127.0.0.1");
        assertThat(details.path("reuse_user_agent").asText()).isEqualTo("Thief/2.0 (replay)");
        assertThat(details.path("sessions_revoked").asText()).isEqualTo("1");
    }

    @Test
    void familyScopeEndsOnlyThatClientsSession() throws Exception {
        FormLogin browser = new FormLogin();
        OidcClient app = client(REALM, "rt-family");
        OidcClient other = client(REALM, "rt-other");
        Tokens first = app.login(browser, "erin", "erin-Password-1");
        Tokens otherTokens = other.login(browser, "erin", "erin-Password-1");
        Tokens rotated = app.refresh(first.getRefreshToken()).toSuccessResponse().getTokens();

        assertThat(OidcClient.error(app.refresh(first.getRefreshToken())).getCode()).isEqualTo("invalid_grant");
        JsonNode detection = awaitRecord("REFRESH_TOKEN_REUSE", sid(first));
        assertThat(detection.path("details").path("action").asText()).isEqualTo("family");
        assertThat(detection.path("details").path("sessions_revoked").asText()).isEqualTo("0");
        assertThat(OidcClient.error(app.refresh(rotated.getRefreshToken())).getCode())
                .as("the family's newest token").isEqualTo("invalid_grant");
        assertThat(other.refresh(otherTokens.getRefreshToken()).indicatesSuccess())
                .as("another client of the same user session keeps working").isTrue();

        String metrics = keycloak.server().metricsText();
        assertThat(metrics.lines().filter(l -> l.startsWith("vigil_refresh_reuse_detected_total{")
                && l.contains("action=\"family\"") && l.contains("source=\"keycloak-reuse-error\"")))
                .as("the detection counter by source and action").isNotEmpty();
    }

    @Test
    void userScopeEndsEverySessionMailsTheUserAndAsksForASecondFactor() throws Exception {
        OidcClient app = client(REALM, "rt-user");
        Tokens stolen = app.login(new FormLogin(), "bob", "bob-Password-1");
        Tokens laptop = app.login(new FormLogin(), "bob", "bob-Password-1");
        Tokens offline = app.login(new FormLogin(), "bob", "bob-Password-1", "openid offline_access");
        assertThat(sid(laptop)).isNotEqualTo(sid(stolen));
        app.refresh(stolen.getRefreshToken()).toSuccessResponse();

        assertThat(OidcClient.error(app.refresh(stolen.getRefreshToken())).getCode()).isEqualTo("invalid_grant");
        JsonNode detection = awaitRecord("REFRESH_TOKEN_REUSE", sid(stolen));
        JsonNode details = detection.path("details");
        assertThat(details.path("action").asText()).isEqualTo("user");
        assertThat(details.path("sessions_revoked").asText()).isEqualTo("3");
        assertThat(details.path("step_up_required").asText()).isEqualTo("true");
        assertThat(details.path("user_notified").asText()).isEqualTo("true");

        assertThat(OidcClient.error(app.refresh(laptop.getRefreshToken())).getCode())
                .as("the user's other session").isEqualTo("invalid_grant");
        Deadline.awaitTrue("the offline session to end", Duration.ofSeconds(20),
                () -> !app.refresh(offline.getRefreshToken()).indicatesSuccess());

        String attribute = keycloak.admin().realm(REALM).users().get(user(REALM, "bob").getId()).toRepresentation()
                .firstAttribute("vigil.step-up-required");
        assertThat(attribute).startsWith("refresh-token-reuse ");

        // Other test classes mail bob@example.com too: pick this realm's signed-out mail.
        MimeMessage mail = Deadline.await("the signed-out mail", Duration.ofSeconds(20), () -> keycloak.mailbox()
                .to("bob@example.com").stream().filter(m -> subject(m).contains("signed out") && subject(m).contains(REALM))
                .findFirst().orElse(null));
        String text = Mails.text(mail);
        assertThat(text).contains("Policy app <rt-user>").contains("127.0.0.1");
        assertThat(text).doesNotContain(stolen.getRefreshToken().getValue())
                .doesNotContain(stolen.getRefreshToken().getValue().split("\\.")[1]);
    }

    @Test
    void aChangedUserAgentAndAHighRefreshRateAreSignalsThatAskForASecondFactor() throws Exception {
        OidcClient app = client(REALM, "rt-anomaly");
        Tokens tokens = app.login(new FormLogin(), "carol", "carol-Password-1");
        String session = sid(tokens);
        Tokens current = app.refresh(tokens.getRefreshToken(), "Browser/1.0").toSuccessResponse().getTokens();
        current = app.refresh(current.getRefreshToken(), "curl/8.0").toSuccessResponse().getTokens();

        JsonNode agent = keycloak.log().awaitAudit("user agent change", r -> "REFRESH_TOKEN_ANOMALY".equals(r.path("type").asText())
                && session.equals(r.path("sessionId").asText())
                && "user-agent-change".equals(r.path("details").path("source").asText()));
        assertThat(agent.path("details").path("action").asText()).isEqualTo("step-up");
        assertThat(agent.path("details").path("user_agent").asText()).isEqualTo("curl/8.0");
        assertThat(agent.path("details").path("sessions_revoked").asText()).isEqualTo("0");
        assertThat(keycloak.admin().realm(REALM).users().get(user(REALM, "carol").getId()).toRepresentation()
                .firstAttribute("vigil.step-up-required")).startsWith("refresh-token-user-agent-change ");

        // 5 a minute are allowed; 11 refreshes put 6 or more into one minute however the minutes fall.
        for (int i = 0; i < 11; i++) {
            current = app.refresh(current.getRefreshToken(), "curl/8.0").toSuccessResponse().getTokens();
        }
        JsonNode rate = keycloak.log().awaitAudit("refresh rate", r -> "REFRESH_TOKEN_ANOMALY".equals(r.path("type").asText())
                && session.equals(r.path("sessionId").asText())
                && "refresh-rate".equals(r.path("details").path("source").asText()));
        assertThat(rate.path("details").path("action").asText()).isEqualTo("step-up");
        assertThat(app.refresh(current.getRefreshToken(), "curl/8.0").indicatesSuccess())
                .as("signals short of proof revoke nothing under this policy").isTrue();
        flushAuditTrail(REALM);
        assertThat(records("REFRESH_TOKEN_ANOMALY", session).stream()
                .filter(r -> "refresh-rate".equals(r.path("details").path("source").asText())))
                .as("reported once per minute, not per refresh").hasSizeBetween(1, 2);
    }

    @Test
    void aClientWithRotationEnforcedIsProtectedInARealmThatDoesNotRotate() throws Exception {
        OidcClient app = client(OFF_REALM, "rt-enforced");
        Tokens first = app.login(new FormLogin(), "frank", "frank-Password-1");
        Tokens rotated = app.refresh(first.getRefreshToken()).toSuccessResponse().getTokens();
        TokenResponse replay = app.refresh(first.getRefreshToken());
        assertThat(replay.indicatesSuccess()).as("Keycloak itself allows reuse in this realm").isTrue();

        JsonNode detection = awaitRecord("REFRESH_TOKEN_REUSE", sid(first));
        assertThat(detection.path("details").path("source").asText()).isEqualTo("ledger");
        assertThat(detection.path("details").path("action").asText()).isEqualTo("session");
        Deadline.awaitTrue("the session to end", Duration.ofSeconds(20),
                () -> !app.refresh(rotated.getRefreshToken()).indicatesSuccess());
        assertThat(OidcClient.error(app.refresh(replay.toSuccessResponse().getTokens().getRefreshToken())).getCode())
                .as("the thief's fresh token").isEqualTo("invalid_grant");
    }

    @Test
    void anInvalidPolicyIsRefusedOnSaveAndAValidChangeTakesEffectWithoutARestart() throws Exception {
        RealmResource realm = keycloak.admin().realm(REALM);
        ClientProfilesRepresentation before = realm.clientPoliciesProfilesResource().getProfiles(false);
        ClientProfilesRepresentation invalid = withSwitchConfig(before, "grace-seconds", "600");
        assertThatThrownBy(() -> realm.clientPoliciesProfilesResource().updateProfiles(invalid))
                .isInstanceOf(BadRequestException.class);
        assertThat(executorConfig(realm.clientPoliciesProfilesResource().getProfiles(false)).toString())
                .as("nothing stored was changed").doesNotContain("600");

        realm.clientPoliciesProfilesResource().updateProfiles(withSwitchConfig(before, "response", "session"));
        OidcClient app = client(REALM, "rt-switch");
        Tokens first = app.login(new FormLogin(), "hank", "hank-Password-1");
        app.refresh(first.getRefreshToken()).toSuccessResponse();
        app.refresh(first.getRefreshToken());
        assertThat(awaitRecord("REFRESH_TOKEN_REUSE", sid(first)).path("details").path("action").asText())
                .as("the realm was imported with family; the saved policy says session").isEqualTo("session");
    }

    private static ClientPolicyExecutorRepresentation executorConfig(ClientProfilesRepresentation profiles) {
        return profiles.getProfiles().stream().filter(p -> "switch".equals(p.getName())).findFirst().orElseThrow()
                .getExecutors().get(0);
    }

    private static ClientProfilesRepresentation withSwitchConfig(ClientProfilesRepresentation profiles, String key, String value)
            throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        ClientProfilesRepresentation copy = json.readValue(json.writeValueAsString(profiles), ClientProfilesRepresentation.class);
        for (ClientProfileRepresentation profile : copy.getProfiles()) {
            if ("switch".equals(profile.getName())) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) profile.getExecutors().get(0).getConfiguration()).put(key, value);
            }
        }
        return copy;
    }
}
