package dev.vigil.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vigil.core.FuzzText;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.util.JsonSerialization;

/**
 * Fuzzes the audit line writer: whatever goes into a record comes out as one line of valid JSON that
 * parses back to the same values (details as redacted), with no raw control or line-separator
 * character, and encodable as UTF-8 without loss. Input: fields separated by 0xFF ({@link FuzzText}):
 * source, type, realm, userId, username, clientId, sessionId, ipAddress, error, then detail
 * name/value pairs; missing fields are null.
 */
class AuditJsonFuzzTest {

    private static final String[] FIELDS = {"source", "type", "realm", "userId", "username", "clientId", "sessionId",
            "ipAddress", "error"};
    /** Up to the end of year 9999, which ISO_INSTANT writes without a sign. */
    private static final long MAX_SECOND = 253402300799L;

    @FuzzTest(maxDuration = "2m")
    void everyRecordIsOneLineOfJsonThatParsesBack(byte[] data) throws Exception {
        List<String> f = FuzzText.fields(data);
        Instant time = Instant.ofEpochSecond(Math.floorMod(java.util.Arrays.hashCode(data) * 7919L, MAX_SECOND));
        AuditRecord.Builder builder = AuditRecord.builder(f.get(0), at(f, 1, ""), time)
                .realm(at(f, 2, null)).userId(at(f, 3, null)).username(at(f, 4, null)).clientId(at(f, 5, null))
                .sessionId(at(f, 6, null)).ipAddress(at(f, 7, null)).error(at(f, 8, null));
        Map<String, String> rawDetails = new LinkedHashMap<>();
        for (int i = 9; i + 1 < f.size(); i += 2) {
            rawDetails.put(f.get(i), f.get(i + 1));
            builder.detail(f.get(i), f.get(i + 1));
        }
        AuditRecord record = builder.build();

        String json = AuditJson.render(record);

        assertOneSafeLine(json);
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = JsonSerialization.readValue(json, Map.class);
        assertThat(parsed.get("time")).isEqualTo(time.toString());
        for (int i = 0; i < FIELDS.length; i++) {
            String expected = at(f, i, i == 1 ? "" : null);
            if (expected == null) {
                assertThat(parsed).doesNotContainKey(FIELDS[i]);
            } else {
                assertThat(parsed.get(FIELDS[i])).as(FIELDS[i]).isEqualTo(expected);
            }
        }
        assertThat(parsed.get("outcome")).isEqualTo(record.error() == null ? "success" : "failure");
        assertThat(parsed.get("details")).isEqualTo(record.details());
        rawDetails.forEach((key, value) -> {
            if (DetailRedaction.isSecretName(key)) {
                assertThat(record.details().get(key)).as("detail %s", key).isEqualTo(DetailRedaction.REDACTED);
            }
        });
    }

    @FuzzTest(maxDuration = "2m")
    void everyStringIsEscapedIntoValidJson(byte[] data) throws Exception {
        String value = String.join("\n", FuzzText.fields(data));
        StringBuilder out = new StringBuilder();
        AuditJson.string(out, value);
        String json = out.toString();

        assertOneSafeLine(json);
        assertThat(JsonSerialization.readValue(json, String.class)).isEqualTo(value);
    }

    /** No raw control, DEL or line-separator character, and no lone surrogate (which UTF-8 cannot carry). */
    static void assertOneSafeLine(String json) {
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            assertThat(c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029')
                    .as("raw character U+%04X at %d", (int) c, i).isFalse();
        }
        assertThat(new String(json.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .as("the line survives UTF-8 encoding").isEqualTo(json);
    }

    private static String at(List<String> fields, int index, String missing) {
        return index < fields.size() ? fields.get(index) : missing;
    }
}
