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

    @Test
    void withItsOwnHintsANodeClaimsWithOneStoreCallEach() {
        SlotHints hints = new SlotHints(100);
        for (int i = 0; i < 1000; i++) {
            int hint = hints.take("minute", 10_000);
            int slot = counter.claimNext("minute", 10_000, 60, hint);
            hints.landed("minute", hint, slot);
            assertThat(slot).isEqualTo(i);
        }
        assertThat(store.claims).isEqualTo(1000);
        assertThat(store.lookups).isZero();
    }

    @Test
    void aSecondNodeFindsTheFirstFreeSlotWithAFewLookupsAndThenNeedsNone() {
        SlotHints first = new SlotHints(100);
        for (int i = 0; i < 5000; i++) {
            int hint = first.take("minute", 10_000);
            first.landed("minute", hint, counter.claimNext("minute", 10_000, 60, hint));
        }
        SlotHints second = new SlotHints(100);
        int hint = second.take("minute", 10_000);
        int slot = counter.claimNext("minute", 10_000, 60, hint);
        second.landed("minute", hint, slot);
        assertThat(slot).as("the first free slot, none skipped").isEqualTo(5000);
        assertThat(store.lookups).as("a gallop and a bisection, not a scan").isLessThanOrEqualTo(26);
        int lookups = store.lookups;
        assertThat(counter.claimNext("minute", 10_000, 60, second.take("minute", 10_000))).isEqualTo(5001);
        assertThat(store.lookups).isEqualTo(lookups);
    }

    @Test
    void nodesClaimingInAnyOrderFillTheSlotsWithoutHolesOrDoubles() {
        java.util.Random random = new java.util.Random(7);
        SlotHints[] nodes = {new SlotHints(100), new SlotHints(100), new SlotHints(100)};
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        for (int i = 0; i < 3000; i++) {
            SlotHints node = nodes[random.nextInt(nodes.length)];
            int hint = node.take("minute", 10_000);
            int slot = counter.claimNext("minute", 10_000, 60, hint);
            node.landed("minute", hint, slot);
            assertThat(taken.add(slot)).as("slot %d claimed once", slot).isTrue();
        }
        assertThat(taken).hasSize(3000).allMatch(slot -> slot < 3000);
    }

    @Test
    void aFullRangeAboveTheHintSendsTheClaimToAFreeSlotBelowItOrRefusesIt() {
        for (int i = 0; i < 3; i++) {
            counter.claimNext("cap", 3, 60);
        }
        counter.release("cap", 0);
        assertThat(counter.claimNext("cap", 3, 60, 2)).isEqualTo(0);
        assertThat(counter.claimNext("cap", 3, 60, 1)).isEqualTo(-1);
        assertThat(counter.claimFrom("cap", 0, 3, 60)).as("claimFrom looks no further than max").isEqualTo(-1);
    }

    @Test
    void claimFromNeverTakesASlotBelowItsStart() {
        assertThat(counter.claimFrom("k", 5, 10, 60)).isEqualTo(5);
        assertThat(counter.claimFrom("k", 5, 10, 60)).isEqualTo(6);
        assertThat(counter.claimFrom("k", 10, 10, 60)).isEqualTo(-1);
        assertThat(store.isClaimed("k:0")).isFalse();
    }

    @Test
    void hintsCycleBelowTheCeilingAndAreForgottenPastTheirBound() {
        SlotHints hints = new SlotHints(2);
        assertThat(hints.take("a", 2)).isZero();
        assertThat(hints.take("a", 2)).isEqualTo(1);
        assertThat(hints.take("a", 2)).as("cycles: the oldest slot is the likeliest to be free again").isZero();
        hints.landed("a", 1, 1);
        assertThat(hints.take("a", 2)).isOne();
        hints.landed("a", 0, 1);
        assertThat(hints.take("a", 2)).as("after a claim elsewhere, just above it").isZero();
        hints.take("b", 2);
        hints.take("c", 2);
        assertThat(hints.take("a", 2)).as("a third prefix made it forget the others").isZero();
    }
}
