package dev.vigil.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vigil.core.FuzzText;
import java.util.List;

/**
 * Fuzzes the redaction of event details. Input: a detail name and a value separated by 0xFF. The
 * result is the value itself, the value cut at 512 characters plus "...", or "[redacted]"; a secret
 * name is always redacted; a value that looks like a credential (ignoring surrounding white space) is
 * redacted whatever its name; a cut never splits a character in two.
 */
class DetailRedactionFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void aDetailIsKeptCutOrRedacted(byte[] data) {
        List<String> f = FuzzText.fields(data);
        String key = f.get(0);
        String value = f.size() > 1 ? f.get(1) : "";

        String written = DetailRedaction.redact(key, value);

        assertThat(DetailRedaction.redact(key, null)).isNull();
        if (DetailRedaction.isSecretName(key) || DetailRedaction.looksLikeCredential(value.strip())) {
            assertThat(written).isEqualTo(DetailRedaction.REDACTED);
            return;
        }
        if (value.length() <= DetailRedaction.MAX_VALUE_LENGTH) {
            assertThat(written).isEqualTo(value);
            return;
        }
        assertThat(written).endsWith("...").hasSizeLessThanOrEqualTo(DetailRedaction.MAX_VALUE_LENGTH + 3);
        String kept = written.substring(0, written.length() - 3);
        assertThat(value).startsWith(kept);
        assertThat(kept.length()).isGreaterThanOrEqualTo(DetailRedaction.MAX_VALUE_LENGTH - 1);
        // A cut inside a surrogate pair would leave half a character, which no UTF-8 line can carry.
        if (Character.isHighSurrogate(value.charAt(kept.length() - 1))) {
            assertThat(Character.isLowSurrogate(value.charAt(kept.length()))).as("cut inside a character").isFalse();
        }
    }
}
