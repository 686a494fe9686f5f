package dev.vigil.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.benchmarks.ImpersonationExchangeBenchmark.ActorLedger;
import dev.vigil.benchmarks.ImpersonationExchangeBenchmark.Checks;
import dev.vigil.benchmarks.ImpersonationExchangeBenchmark.Mode;
import dev.vigil.benchmarks.ImpersonationExchangeBenchmark.Round;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

    private static Round round(int number, Mode mode, double millis, long sessions) {
        double[] latencies = new double[100];
        double[] at = new double[100];
        for (int i = 0; i < latencies.length; i++) {
            latencies[i] = millis + i * 0.01;
            at[i] = number * 10 + i * 0.1;
        }
        return new Round(number, mode, 10, latencies, at, 0, 0.01, sessions, 0, mode == Mode.VIGIL ? 0.3 : 0.2);
    }

    @Test
    void theReportGivesTheMedianRatioAgainstTheTarget() {
        List<Round> rounds = new ArrayList<>();
        for (int r = 0; r < 7; r++) {
            rounds.add(r % 2 == 0 ? round(r + 1, Mode.STANDARD, 10, 64) : round(r + 1, Mode.VIGIL, 11, 1000L * r));
        }
        Checks checks = new Checks();
        checks.canaryProblem = null;
        String report = ImpersonationExchangeBenchmark.report(new BenchSettings(2, 7, 10, 0, 0), rounds, checks, "0", 1);
        assertThat(report).contains("| all | standard | 400 |").contains("| all | vigil | 300 |")
                .contains("Median vigil/standard = 1.09").contains("target <= 1.25): met\n")
                .contains("Server CPU per exchange: 2.00 ms standard, 3.00 ms vigil, vigil/standard = 1.500")
                .contains("Noise is below what the target resolves.").doesNotContain("TREND").endsWith("Run valid.\n");
        assertThat(ImpersonationExchangeBenchmark.roundsCsv(rounds).lines()).hasSize(1 + 7 + 2);

        rounds.set(5, round(6, Mode.VIGIL, 14, 5000));
        checks.warmupErrors = 1;
        report = ImpersonationExchangeBenchmark.report(new BenchSettings(2, 7, 10, 0, 0), rounds, checks, "0", 1);
        assertThat(report).contains("TREND: the vigil/standard ratio rose").contains("RUN INVALID: 1 exchanges failed");
    }
}
