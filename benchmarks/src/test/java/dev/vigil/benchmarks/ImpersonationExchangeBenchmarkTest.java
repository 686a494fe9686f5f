package dev.vigil.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.benchmarks.ImpersonationExchangeBenchmark.ActorLedger;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImpersonationExchangeBenchmarkTest {

    @Test
    void theLedgerSpreadsGrantsAndNeverGivesAnActorMoreThanTheLimit() {
        ActorLedger ledger = new ActorLedger(3);
        Map<Integer, Integer> given = new HashMap<>();
        for (int i = 0; i < 3 * ImpersonationExchangeBenchmark.ACTIVE_LIMIT; i++) {
            int actor = ledger.reserve();
            assertThat(actor).isBetween(0, 2);
            given.merge(actor, 1, Integer::sum);
            ledger.release(actor, i % 2 == 0, System.nanoTime());
        }
        // Every second request failed: those freed their slot, so the actors still have room.
        assertThat(given.values()).allSatisfy(n -> assertThat(n).isEqualTo(ImpersonationExchangeBenchmark.ACTIVE_LIMIT));
        int granted = 0;
        while (true) {
            int actor = ledger.reserve();
            if (actor < 0) {
                break;
            }
            ledger.release(actor, true, System.nanoTime());
            granted++;
        }
        assertThat(granted).as("room left after the failures").isEqualTo(3 * ImpersonationExchangeBenchmark.ACTIVE_LIMIT
                - (3 * ImpersonationExchangeBenchmark.ACTIVE_LIMIT + 1) / 2);
    }

    @Test
    void inFlightRequestsCountAgainstTheLimit() {
        ActorLedger ledger = new ActorLedger(1);
        for (int i = 0; i < ImpersonationExchangeBenchmark.ACTIVE_LIMIT; i++) {
            assertThat(ledger.reserve()).isZero();
        }
        assertThat(ledger.reserve()).isEqualTo(-1);
        ledger.release(0, false, System.nanoTime());
        assertThat(ledger.reserve()).isZero();
    }
}
