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

    @Test
    void aReleasedSlotNoLongerCounts() {
        int first = counter.claimNext("k", 2, 60);
        assertThat(counter.claimNext("k", 2, 60)).isEqualTo(1);
        counter.release("k", first);
        assertThat(counter.claimNext("k", 2, 60)).as("the released slot is free again").isEqualTo(first);
        assertThat(counter.claimNext("k", 2, 60)).isEqualTo(-1);
    }

    @Test
    void noSpanOfOneLifespanHoldsMoreClaimsThanTheCeilingWhateverTheTiming() {
        // A claim every 7 s for a day with slots living 100 s and a ceiling of 10: count, for every
        // claim, the claims of the 100 s ending there.
        java.util.List<Long> granted = new java.util.ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            if (counter.claimNext("sliding", 10, 100) >= 0) {
                granted.add(clock.instant().getEpochSecond());
            }
            clock.advance(java.time.Duration.ofSeconds(7));
        }
        for (long end : granted) {
            assertThat(granted.stream().filter(t -> t > end - 100 && t <= end).count()).isLessThanOrEqualTo(10);
        }
        assertThat(granted).as("the ceiling is reached again once slots expire").hasSizeGreaterThan(100);
    }
}
