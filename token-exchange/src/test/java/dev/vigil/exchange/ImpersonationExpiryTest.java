package dev.vigil.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.concurrent.PriorityBlockingQueue;
import org.junit.jupiter.api.Test;

class ImpersonationExpiryTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-23T12:00:00.250Z"), ZoneOffset.UTC);

    @Test
    void theSessionIsDueJustAfterItsTokenExpires() {
        long expires = NOW.instant().getEpochSecond() + 60;
        assertThat(ImpersonationExpiry.dueMillis(expires)).isEqualTo(expires * 1000 + ImpersonationExpiry.MARGIN_MILLIS);
    }

    @Test
    void aDamagedExpiryFarInTheFutureIsNeverDueAtOnce() {
        // Found by ImpersonationFuzzTest: expires * 1000 overflowed into the past.
        assertThat(ImpersonationExpiry.dueMillis(9_223_372_036_854_775L)).isEqualTo(Long.MAX_VALUE);
        assertThat(ImpersonationExpiry.dueMillis(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void onlyDueEntriesAreTakenEarliestFirst() {
        PriorityBlockingQueue<ImpersonationExpiry.Due> queue = new PriorityBlockingQueue<>(4,
                Comparator.comparingLong(ImpersonationExpiry.Due::atMillis));
        long now = NOW.millis();
        queue.add(new ImpersonationExpiry.Due(now + 1, "r", "later"));
        queue.add(new ImpersonationExpiry.Due(now, "r", "now"));
        queue.add(new ImpersonationExpiry.Due(now - 5_000, "r", "past"));
        assertThat(ImpersonationExpiry.takeDue(queue, now)).extracting(ImpersonationExpiry.Due::userSessionId)
                .containsExactly("past", "now");
        assertThat(queue).extracting(ImpersonationExpiry.Due::userSessionId).containsExactly("later");
        assertThat(ImpersonationExpiry.takeDue(queue, now)).isEmpty();
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
