package dev.vigil.authenticators.emailotp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vigil.core.FuzzText;
import dev.vigil.core.config.InvalidConfigException;
import java.time.Duration;
import java.util.Map;

/**
 * Fuzzes the reading of an email-code step's config. Input: option key/value pairs separated by 0xFF.
 * The config is either refused with an InvalidConfigException that names the option and is safe for a
 * log line and bounded in length, or read into values inside their documented bounds.
 */
class EmailOtpConfigFuzzTest {

    /** The option name, the bounds and at most 64 characters of the value plus "...". */
    private static final int MAX_MESSAGE_LENGTH = 160;
    /** Three unknown keys of at most 64 characters plus "...", the count of the others and the allowed keys. */
    private static final int MAX_UNKNOWN_MESSAGE_LENGTH = 3 * 69 + 40 + 300;

    @FuzzTest(maxDuration = "2m")
    void configIsReadWithinBoundsOrRefusedSafely(byte[] data) {
        Map<String, String> config = FuzzText.options(FuzzText.fields(data), 0);

        Throwable error = catchThrowable(() -> EmailOtpConfig.from(config));

        if (error != null) {
            assertThat(error).isExactlyInstanceOf(InvalidConfigException.class);
            String message = error.getMessage();
            if (message.startsWith("unknown option")) {
                assertThat(config.keySet()).as("only for a key the step does not know: %s", message)
                        .anyMatch(key -> !EmailOtpConfigProperties.OPTIONS.allowedKeys().contains(key));
                assertThat(message.length()).as("message length").isLessThanOrEqualTo(MAX_UNKNOWN_MESSAGE_LENGTH);
            } else {
                assertThat(config.keySet()).as("the message names the option: %s", message)
                        .anyMatch(key -> message.startsWith(key + " must "));
                assertThat(message.length()).as("message length").isLessThanOrEqualTo(MAX_MESSAGE_LENGTH);
            }
            assertThat(FuzzText.isSafeForALogLine(message)).as("safe for a log line: %s", message).isTrue();
            return;
        }
        EmailOtpConfig c = EmailOtpConfig.from(config);
        assertThat(c.codeLength()).isBetween(6, 10);
        assertThat(c.lifetime()).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(600));
        assertThat(c.maxAttempts()).isBetween(1, 10);
        assertThat(c.resendCooldown()).isBetween(Duration.ZERO, Duration.ofSeconds(300));
        assertThat(c.mailsPerAddress()).isBetween(1, 100);
        assertThat(c.addressWindow()).isBetween(Duration.ofMinutes(1), Duration.ofMinutes(1440));
        assertThat(c.mailsPerIp()).isBetween(1, 1000);
        assertThat(c.ipWindow()).isBetween(Duration.ofMinutes(1), Duration.ofMinutes(1440));
        assertThat(c.trustDeviceDays()).isBetween(0, dev.vigil.authenticators.trust.DeviceTrust.MAX_DAYS);
        assertThat(c.lifetimeMinutes()).isBetween(1, 10);
        assertThat(c.offersDeviceTrust()).isEqualTo(c.trustDeviceDays() > 0);
    }
}
