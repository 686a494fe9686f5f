package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.it.EmailOtpIT.Login;
import dev.vigil.testing.client.FormLogin;
import dev.vigil.testing.TestKeycloak;
import dev.vigil.testing.junit.WithKeycloak;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The first-factor code request answers an existing, an unknown, a disabled, a locked and a
 * rate-limited address alike: same status, same header names, same page once per-request values
 * (session codes, tab ids, the typed address itself) are set aside.
 */
@WithKeycloak
class EmailOtpEnumerationIT {

    private static TestKeycloak keycloak;

    @BeforeAll
    static void importRealm(TestKeycloak server) {
        keycloak = server;
        keycloak.importRealm("realms/email-otp-it.json");
        EmailOtpIT.keycloakForTests(server);
    }

    /** A snapshot of one response, with what legitimately differs per request removed. */
    record Answer(int status, TreeSet<String> headerNames, String page) {
    }

    private static Answer request(String typed) {
        Login login = new Login("otp-first-app");
        FormLogin.Response raw = login.agent.submitRaw(login.step.page(), EmailOtpIT.EMAIL_FORM, Map.of("email", typed));
        String page = raw.body()
                .replace(typed, "{typed}")
                .replaceAll("(session_code|execution|tab_id|client_data|code_challenge|state)=[^&\"']+", "$1=X")
                .replaceAll("nonce=\"[^\"]*\"", "nonce=\"X\"");
        return new Answer(raw.status(), new TreeSet<>(raw.headerNames()), page);
    }

    @Test
    void everyKindOfAddressGetsTheSameAnswer() {
        // Lock kate: three wrong passwords (the realm's failure factor) through the password flow.
        for (int i = 0; i < 3; i++) {
            new Login("otp-second-app").password("kate", "wrong-Password-" + i);
        }
        // Use up lena's address limit (5 per window).
        for (int i = 0; i < 5; i++) {
            request("lena@example.com");
        }

        Map<String, Answer> answers = new LinkedHashMap<>();
        answers.put("existing", request("jack@example.com"));
        answers.put("unknown", request("nobody-" + System.nanoTime() + "@example.com"));
        answers.put("disabled", request("dora@example.com"));
        answers.put("locked", request("kate@example.com"));
        answers.put("rate-limited", request("lena@example.com"));

        Answer reference = answers.get("existing");
        assertThat(reference.status()).isEqualTo(200);
        assertThat(reference.page()).contains(EmailOtpIT.CODE_FORM);
        answers.forEach((kind, answer) -> {
            assertThat(answer.status()).as(kind + ": status").isEqualTo(reference.status());
            assertThat(answer.headerNames()).as(kind + ": header names").isEqualTo(reference.headerNames());
            assertThat(answer.page()).as(kind + ": page").isEqualTo(reference.page());
        });
        assertThat(keycloak.log().awaitAudit("rate-limited decision", r -> "EMAIL_OTP_SEND".equals(r.path("type").asText())
                && "rate-limited-address".equals(r.path("details").path("decision").asText()))).isNotNull();
    }

    @Test
    void everyKindOfAddressGetsTheSameAnswerToAWrongCode() {
        Map<String, String> errors = new LinkedHashMap<>();
        for (String typed : new String[] {"jack@example.com", "nobody@example.com", "dora@example.com"}) {
            Login login = new Login("otp-first-app").email(typed);
            login.code("12345678");
            errors.put(typed, login.step.page().select("form#" + EmailOtpIT.CODE_FORM).outerHtml()
                    .replaceAll("(session_code|execution|tab_id|client_data)=[^&\"']+", "$1=X"));
        }
        assertThat(new java.util.HashSet<>(errors.values())).as("one error page for all").hasSize(1);
        assertThat(errors.values().iterator().next()).contains(EmailOtpIT.INVALID);
    }
}
