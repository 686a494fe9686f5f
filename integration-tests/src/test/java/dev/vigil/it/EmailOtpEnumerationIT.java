package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.it.EmailOtpIT.Login;
import dev.vigil.testing.client.FormLogin;
import dev.vigil.testing.client.Mails;
import dev.vigil.testing.TestKeycloak;
import dev.vigil.testing.junit.WithKeycloak;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The first-factor code request, and a wrong code after it, answer an existing, an unknown, a
 * disabled, a locked and a rate-limited address alike: same status, same headers with the same
 * values, the same cookies with the same attributes, the same page, once per-request values
 * (session codes, tab ids, nonces, dates, cookie values, the typed address itself) are set aside.
 * Not a timing test: the benchmark {@code code-timing} measures time.
 */
@WithKeycloak
class EmailOtpEnumerationIT {

    private static TestKeycloak keycloak;

    @BeforeAll
    static void importRealm(TestKeycloak server) {
        keycloak = server;
        keycloak.importRealm("realms/email-otp-it.json");
        EmailOtpIT.keycloakForTests(server);
        // Lock kate: three wrong passwords (the realm's failure factor) through the password flow.
        for (int i = 0; i < 3; i++) {
            new Login("otp-second-app").password("kate", "wrong-Password-" + i);
        }
        String kate = keycloak.admin().realm(EmailOtpIT.REALM).users().searchByUsername("kate", true).get(0).getId();
        assertThat(keycloak.admin().realm(EmailOtpIT.REALM).attackDetection().bruteForceUserStatus(kate))
                .containsEntry("disabled", true);
    }

    /** A snapshot of one response, with what legitimately differs per request set aside. */
    record Answer(int status, Map<String, List<String>> headers, String page) {
    }

    private static Answer answer(FormLogin.Response raw, String typed) {
        String page = raw.body()
                .replace(typed, "{typed}")
                .replaceAll("(session_code|execution|tab_id|client_data|code_challenge|state)=[^&\"']+", "$1=X")
                .replaceAll("nonce=\"[^\"]*\"", "nonce=\"X\"")
                // The resend countdown follows the clock (the existing address's login waited for its mail).
                .replaceAll("(id=\"vigil-email-otp-resend-wait\">)\\d+", "$1N");
        Map<String, List<String>> headers = new TreeMap<>();
        raw.headers().forEach((name, values) -> {
            // The length follows the typed address; the page is compared without it.
            if (!name.equals("date") && !name.equals("content-length")) {
                headers.put(name, values.stream().map(v -> v
                        .replaceAll("^([^=;]+)=[^;]*", "$1=X")
                        .replaceAll("(?i)(expires=)[^;]+", "$1X")
                        .replaceAll("nonce-[A-Za-z0-9+/=_-]+", "nonce-X")).sorted().collect(Collectors.toList()));
            }
        });
        return new Answer(raw.status(), headers, page);
    }

    private static Answer request(String typed) {
        Login login = new Login("otp-first-app");
        return answer(login.agent.submitRaw(login.step.page(), EmailOtpIT.EMAIL_FORM, Map.of("email", typed)), typed);
    }

    private static void assertAllAlike(Map<String, Answer> answers) {
        Answer reference = answers.values().iterator().next();
        assertThat(reference.status()).isEqualTo(200);
        answers.forEach((kind, answer) -> {
            assertThat(answer.status()).as(kind + ": status").isEqualTo(reference.status());
            assertThat(answer.headers()).as(kind + ": headers and cookies").isEqualTo(reference.headers());
            assertThat(answer.page()).as(kind + ": page").isEqualTo(reference.page());
        });
    }

    @Test
    void everyKindOfAddressGetsTheSameAnswer() {
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

        assertThat(answers.get("existing").page()).contains(EmailOtpIT.CODE_FORM);
        assertAllAlike(answers);
        assertThat(keycloak.log().awaitAudit("rate-limited decision", r -> "EMAIL_OTP_SEND".equals(r.path("type").asText())
                && "rate-limited-address".equals(r.path("details").path("decision").asText()))).isNotNull();
    }

    @Test
    void everyKindOfAddressGetsTheSameAnswerToAWrongCode() {
        Map<String, Answer> answers = new LinkedHashMap<>();
        Map<String, String> kinds = new LinkedHashMap<>();
        kinds.put("existing", "jack@example.com");
        kinds.put("unknown", "nobody-" + System.nanoTime() + "@example.com");
        kinds.put("disabled", "dora@example.com");
        kinds.put("locked", "kate@example.com");
        int jackBefore = keycloak.mailbox().to("jack@example.com").size();
        kinds.forEach((kind, typed) -> {
            Login login = new Login("otp-first-app").email(typed);
            String wrong = "12345678";
            if (kind.equals("existing")) {
                // A live code of jack's, so that the wrong one is checked against something real.
                String code = Mails.code(keycloak.mailbox().awaitTo(typed, jackBefore + 1).get(jackBefore));
                wrong = code.equals("12345678") ? "87654321" : "12345678";
            }
            answers.put(kind, answer(login.agent.submitRaw(login.step.page(), EmailOtpIT.CODE_FORM, Map.of("code", wrong)),
                    typed));
        });
        assertAllAlike(answers);
        assertThat(answers.get("existing").page()).contains(EmailOtpIT.INVALID);
    }

    /**
     * The timing defence's mechanism on the real server: the work that depends on the account (the
     * lookup, the limits, the mail) starts once the code page has been written, not at commit (Keycloak
     * commits before it writes the page), and it still runs: the existing account's mail arrives and its
     * code signs in, and the server never fell back to starting that work at commit.
     */
    @Test
    void theWorkAfterTheResponseWaitsForTheWrittenPageAndStillSignsIn() {
        int before = keycloak.mailbox().to("jack@example.com").size();
        Login existing = new Login("otp-first-app").email("jack@example.com");
        new Login("otp-first-app").email("nobody-" + System.nanoTime() + "@example.com");

        String code = Mails.code(keycloak.mailbox().awaitTo("jack@example.com", before + 1).get(before));
        assertThat(existing.code(code).tokens().getAccessToken()).isNotNull();
        assertThat(keycloak.log().text()).doesNotContain("cannot wait for the end of HTTP responses");
    }
}
