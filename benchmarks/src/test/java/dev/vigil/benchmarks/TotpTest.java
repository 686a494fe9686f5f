package dev.vigil.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TotpTest {

    private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void matchesTheSha1VectorsOfRfc6238() {
        assertThat(Totp.code(RFC_KEY, 59, 30, 8)).isEqualTo("94287082");
        assertThat(Totp.code(RFC_KEY, 1111111109, 30, 8)).isEqualTo("07081804");
        assertThat(Totp.code(RFC_KEY, 1234567890, 30, 8)).isEqualTo("89005924");
        assertThat(Totp.code(RFC_KEY, 20000000000L, 30, 8)).isEqualTo("65353130");
    }

    @Test
    void matchesTheHotpVectorsOfRfc4226WithLeadingZerosKept() {
        assertThat(Totp.hotp(RFC_KEY, 0, 6)).isEqualTo("755224");
        assertThat(Totp.hotp(RFC_KEY, 9, 6)).isEqualTo("520489");
        assertThat(Totp.code(RFC_KEY, 1111111109, 30, 6)).isEqualTo("081804");
    }
}
