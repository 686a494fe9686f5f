package dev.vigil.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SlotCounterTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final InMemorySlotStore store = new InMemorySlotStore(clock);
    private final SlotCounter counter = new SlotCounter(store);

    @Test
    void countsUpToTheCeiling() {
        assertThat(counter.claimNext("k", 2, 60)).isEqualTo(0);
        assertThat(counter.claimNext("k", 2, 60)).isEqualTo(1);
        assertThat(counter.claimNext("k", 2, 60)).isEqualTo(-1);
    }

    @Test
    void aSlotThatExpiredBeforeALaterOneIsReused() {
        assertThat(counter.claimNext("k", 2, 60)).isEqualTo(0);
        clock.advance(java.time.Duration.ofSeconds(30));
        assertThat(counter.claimNext("k", 2, 60)).isEqualTo(1);
        clock.advance(java.time.Duration.ofSeconds(31));
        // Slot 0 has expired, slot 1 has not: a hole below a taken slot.
        assertThat(counter.claimNext("k", 2, 60)).isEqualTo(0);
        assertThat(counter.claimNext("k", 2, 60)).isEqualTo(-1);
    }
}
