package dev.vigil.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.keycloak.util.JsonSerialization;

class AuditJsonTest {

    private static final Instant T = Instant.parse("2026-11-23T08:00:00Z");

    @Test
    void rendersEveryFieldInAFixedOrder() {
        AuditRecord record = AuditRecord.builder("event", "LOGIN", T)
                .realm("demo").userId("u-1").username("alice").clientId("app").sessionId("s-1")
                .ipAddress("127.0.0.1").detail("redirect_uri", "http://x/cb").detail("auth_method", "openid-connect")
                .build();

        assertThat(AuditJson.render(record)).isEqualTo("{\"time\":\"2026-11-23T08:00:00Z\",\"source\":\"event\","
                + "\"type\":\"LOGIN\",\"realm\":\"demo\",\"userId\":\"u-1\",\"username\":\"alice\",\"clientId\":\"app\","
                + "\"sessionId\":\"s-1\",\"ipAddress\":\"127.0.0.1\",\"outcome\":\"success\","
                + "\"details\":{\"auth_method\":\"openid-connect\",\"redirect_uri\":\"http://x/cb\"}}");
    }

    @Test
    void anErrorMakesTheOutcomeAFailure() {
        AuditRecord record = AuditRecord.builder("event", "LOGIN_ERROR", T).error("invalid_user_credentials").build();
        assertThat(AuditJson.render(record)).contains("\"outcome\":\"failure\",\"error\":\"invalid_user_credentials\"");
    }

    @Test
    void hostileValuesStayOnOneLineAndParseBack() throws Exception {
        String hostile = "a\"b\\c\nd\re\tf\u0001g\u2028h";
        AuditRecord record = AuditRecord.builder("event", "LOGIN_ERROR", T).username(hostile)
                .detail("redirect_uri", hostile).build();

        String json = AuditJson.render(record);

        assertThat(json).doesNotContain("\n", "\r", "\u2028");
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = JsonSerialization.readValue(json, Map.class);
        assertThat(parsed.get("username")).isEqualTo(hostile);
        assertThat(((Map<?, ?>) parsed.get("details")).get("redirect_uri")).isEqualTo(hostile);
    }

    @Test
    void secretDetailsNeverReachTheLine() {
        AuditRecord record = AuditRecord.builder("event", "CODE_TO_TOKEN", T)
                .details(Map.of("code", "the-code-value", "client_secret", "s3cr3t-value", "token_id", "jti-1"))
                .build();

        assertThat(AuditJson.render(record)).doesNotContain("the-code-value", "s3cr3t-value").contains("jti-1");
    }

    /** Fuzzing finding: a lone surrogate was written raw, and a UTF-8 log turned it into '?'. */
    @Test
    void loneSurrogatesAreEscapedAndPairsKept() throws Exception {
        String value = "a\uD800b\uDC00c\uD83D\uDE00";
        AuditRecord record = AuditRecord.builder("event", "LOGIN", T).username(value).build();

        String json = AuditJson.render(record);

        assertThat(json).contains("\"username\":\"a\\ud800b\\udc00c\uD83D\uDE00\"");
        assertThat(new String(json.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo(json);
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = JsonSerialization.readValue(json, Map.class);
        assertThat(parsed.get("username")).isEqualTo(value);
    }
}
