package dev.vigil.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ImpersonationExpiryTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-23T12:00:00.250Z"), ZoneOffset.UTC);

    @Test
    void theSessionEndsJustAfterItsTokenExpires() {
        long expires = NOW.instant().getEpochSecond() + 60;
        assertThat(ImpersonationExpiry.delayMillis(expires, NOW.millis()))
                .isEqualTo(60_000 - 250 + ImpersonationExpiry.MARGIN_MILLIS);
    }

    @Test
    void anAlreadyExpiredImpersonationEndsAtOnce() {
        long expired = NOW.instant().getEpochSecond() - 5;
        assertThat(ImpersonationExpiry.delayMillis(expired, NOW.millis())).isEqualTo(ImpersonationExpiry.MARGIN_MILLIS);
    }

    @Test
    void onlyAnImpersonationWhoseExpiryHasPassedIsEnded() {
        long now = NOW.instant().getEpochSecond();
        assertThat(ImpersonationExpiry.ended(Long.toString(now - 1), now)).isTrue();
        assertThat(ImpersonationExpiry.ended(Long.toString(now), now)).isTrue();
        assertThat(ImpersonationExpiry.ended(Long.toString(now + 1), now)).isFalse();
        assertThat(ImpersonationExpiry.ended(null, now)).as("no Vigil impersonation").isFalse();
        assertThat(ImpersonationExpiry.ended("soon", now)).isFalse();
    }
}
