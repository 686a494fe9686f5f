package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.it.EmailOtpIT.Login;
import dev.vigil.testing.TestKeycloak;
import dev.vigil.testing.junit.WithKeycloak;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Mail-bombing limits, per address and per client IP, counted in Keycloak's cluster-wide store. */
@WithKeycloak
class EmailOtpLimitsIT {

    private static TestKeycloak keycloak;

    @BeforeAll
    static void importRealms(TestKeycloak server) {
        keycloak = server;
        keycloak.importRealm("realms/email-otp-it.json");
        keycloak.importRealm("realms/email-otp-ip-it.json");
        EmailOtpIT.keycloakForTests(server);
    }

    private static Predicate<JsonNode> send(String realm, String requestedFor, String decision) {
        return r -> realm.equals(r.path("realm").asText()) && "EMAIL_OTP_SEND".equals(r.path("type").asText())
                && requestedFor.equals(r.path("details").path("requested_for").asText())
                && decision.equals(r.path("details").path("decision").asText());
    }

    @Test
    void theSixthRequestForOneAddressSendsNothing() {
        int before = keycloak.mailbox().to("ivy@example.com").size();
        for (int i = 0; i < 6; i++) {
            Login login = new Login("otp-first-app").email("ivy@example.com");
            assertThat(login.step.page().getElementById(EmailOtpIT.CODE_FORM)).isNotNull();
        }
        keycloak.log().awaitAudit("the sixth request refused", send(EmailOtpIT.REALM, "ivy@example.com", "rate-limited-address"));
        List<?> mails = keycloak.mailbox().awaitTo("ivy@example.com", before + 5);
        assertThat(mails).hasSize(before + 5);
        assertThat(keycloak.log().auditRecords().stream()
                .filter(send(EmailOtpIT.REALM, "ivy@example.com", "sent")).count()).isEqualTo(5);
    }

    @Test
    void theSixthRequestFromOneIpSendsNothingWhateverTheAddress() {
        String realm = "email-otp-ip-it";
        String[] users = {"alice", "bob", "carol", "erin", "frank", "gina"};
        for (String user : users) {
            new LoginIn(realm).email(user + "@example.com");
        }
        keycloak.log().awaitAudit("the sixth address refused by the IP limit", send(realm, "gina@example.com", "rate-limited-ip"));
        assertThat(keycloak.log().auditRecords().stream().filter(r -> realm.equals(r.path("realm").asText())
                && "sent".equals(r.path("details").path("decision").asText())).count()).isEqualTo(5);
    }

    /** A first-factor login in another realm than {@link EmailOtpIT#REALM}. */
    private static final class LoginIn {
        private final dev.vigil.testing.client.FormLogin agent = new dev.vigil.testing.client.FormLogin();
        private dev.vigil.testing.client.FormLogin.Step step;

        LoginIn(String realm) {
            step = agent.open(new dev.vigil.testing.client.OidcClient(keycloak.realmUrl(realm), "otp-first-app").authorization().uri);
        }

        void email(String typed) {
            step = agent.submit(step.page(), EmailOtpIT.EMAIL_FORM, java.util.Map.of("email", typed));
            assertThat(step.page().getElementById(EmailOtpIT.CODE_FORM)).isNotNull();
        }
    }
}
