package dev.vigil.authenticators.emailotp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PendingCodeTest {

    private static final Instant ISSUED = Instant.parse("2026-11-23T08:00:00Z");
    private final PendingCode code = new PendingCode("id-1", "hash", "a***@example.com", ISSUED,
            ISSUED.plusSeconds(300));

    @Test
    void survivesTheTripThroughAuthenticationSessionNotes() {
        assertThat(PendingCode.fromNotes(code.toNotes())).isEqualTo(code);
        assertThat(code.toNotes().keySet()).containsExactlyInAnyOrderElementsOf(PendingCode.noteNames());
    }

    @Test
    void damagedOrMissingNotesMeanNoCode() {
        assertThat(PendingCode.fromNotes(Map.of())).isNull();
        Map<String, String> damaged = new HashMap<>(code.toNotes());
        damaged.put("vigil.email-otp.expires", "soon");
        assertThat(PendingCode.fromNotes(damaged)).isNull();
    }

    @Test
    void resendWaitCountsDownTheCooldown() {
        Duration cooldown = Duration.ofSeconds(30);
        assertThat(code.resendWaitSeconds(ISSUED, cooldown)).isEqualTo(30);
        assertThat(code.resendWaitSeconds(ISSUED.plusSeconds(29), cooldown)).isEqualTo(1);
        assertThat(code.resendWaitSeconds(ISSUED.plusSeconds(30), cooldown)).isZero();
        assertThat(code.resendWaitSeconds(ISSUED.plusSeconds(500), cooldown)).isZero();
    }

    @Test
    void expiresAtItsExpiry() {
        assertThat(code.isExpired(ISSUED.plusSeconds(299))).isFalse();
        assertThat(code.isExpired(ISSUED.plusSeconds(300))).isTrue();
    }
}
