package dev.vigil.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeyedHashTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    @Test
    void isHmacSha256OfContextZeroByteSecret() throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(KEY, "HmacSHA256"));
        String expected = java.util.Base64.getEncoder().encodeToString(
                mac.doFinal("ctx\u0000123456".getBytes(StandardCharsets.UTF_8)));

        assertThat(KeyedHash.of(KEY, "ctx", "123456")).isEqualTo(expected).doesNotContain("123456");
    }

    @Test
    void dependsOnKeyContextAndSecret() {
        String base = KeyedHash.of(KEY, "session-a", "123456");
        assertThat(KeyedHash.of("another-key-another-key-another!".getBytes(StandardCharsets.US_ASCII), "session-a", "123456"))
                .isNotEqualTo(base);
        assertThat(KeyedHash.of(KEY, "session-b", "123456")).as("bound to its session").isNotEqualTo(base);
        assertThat(KeyedHash.of(KEY, "session-a", "123457")).isNotEqualTo(base);
        assertThat(KeyedHash.of(KEY, "session-a1", "23456")).as("context and secret cannot be shifted").isNotEqualTo(base);
    }

    @Test
    void matchesOnlyTheSameHash() {
        String hash = KeyedHash.of(KEY, "c", "654321");
        assertThat(KeyedHash.matches(hash, KeyedHash.of(KEY, "c", "654321"))).isTrue();
        assertThat(KeyedHash.matches(hash, KeyedHash.of(KEY, "c", "654320"))).isFalse();
        assertThat(KeyedHash.matches(hash, null)).isFalse();
        assertThat(KeyedHash.matches(null, hash)).isFalse();
        assertThat(KeyedHash.matches(hash, hash.substring(1))).isFalse();
    }
}
