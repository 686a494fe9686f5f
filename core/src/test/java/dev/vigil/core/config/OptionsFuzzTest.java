package dev.vigil.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vigil.core.FuzzText;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes the option readers every Vigil provider uses. Input: fields separated by 0xFF, the first the
 * value of the option "opt", the rest key/value pairs of other options. A reader gives the fallback
 * for missing or blank text, the value for well-formed text, and otherwise an
 * InvalidConfigException naming the option whose message is safe for a log line: no control,
 * format or line-separator character, no half of a surrogate pair, and bounded in length.
 */
class OptionsFuzzTest {

    private static final String KEY = "opt";
    /** The option name, the fixed words and at most 64 characters of the value plus "...". */
    private static final int MAX_MESSAGE_LENGTH = 120;

    @FuzzTest(maxDuration = "2m")
    void readersGiveTheValueTheFallbackOrASafeMessage(byte[] data) {
        List<String> f = FuzzText.fields(data);
        Map<String, String> options = FuzzText.options(f, 1);
        String raw = f.get(0);
        options.put(KEY, raw);
        String trimmed = raw.trim();

        assertThat(Options.text(options, KEY)).isEqualTo(raw.isBlank() ? null : trimmed);
        assertThat(Options.text(options, "missing-" + KEY)).isEqualTo(options.get("missing-" + KEY) == null
                || options.get("missing-" + KEY).isBlank() ? null : options.get("missing-" + KEY).trim());

        Throwable intError = catchThrowable(() -> assertThat(Options.integer(options, KEY, -7))
                .isEqualTo(raw.isBlank() ? -7 : Integer.parseInt(trimmed)));
        if (intError != null) {
            assertThat(catchThrowable(() -> Integer.parseInt(trimmed))).isInstanceOf(NumberFormatException.class);
            assertThat(intError).isExactlyInstanceOf(InvalidConfigException.class);
            assertSafeMessage(intError.getMessage());
        }
        Throwable boolError = catchThrowable(() -> assertThat(Options.bool(options, KEY, true))
                .isEqualTo(raw.isBlank() || !"false".equalsIgnoreCase(trimmed)));
        if (boolError != null) {
            assertThat(trimmed).isNotEqualToIgnoringCase("true").isNotEqualToIgnoringCase("false");
            assertThat(boolError).isExactlyInstanceOf(InvalidConfigException.class);
            assertSafeMessage(boolError.getMessage());
        }
    }

    @FuzzTest(maxDuration = "2m")
    void shownTextIsSafeForALogLine(byte[] data) {
        String text = String.join("\n", FuzzText.fields(data));

        String shown = Options.shown(text);

        assertThat(FuzzText.isSafeForALogLine(shown)).as("safe for a log line: %s", shown).isTrue();
        assertThat(shown.length()).isLessThanOrEqualTo(Options.MAX_SHOWN_LENGTH + 3);
        if (text.length() <= Options.MAX_SHOWN_LENGTH) {
            assertThat(shown).hasSameSizeAs(text);
        }
    }

    private static void assertSafeMessage(String message) {
        assertThat(message).startsWith(KEY + " must be ");
        assertThat(message.length()).isLessThanOrEqualTo(MAX_MESSAGE_LENGTH);
        assertThat(FuzzText.isSafeForALogLine(message)).as("safe for a log line: %s", message).isTrue();
    }
}
