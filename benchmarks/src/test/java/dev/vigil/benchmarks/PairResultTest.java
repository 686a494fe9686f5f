package dev.vigil.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PairResultTest {

    /** A round of {@code count} requests of {@code millis} each over {@code seconds}, with {@code cpu} server CPU. */
    static RoundResult round(int number, String mode, double seconds, int count, double millis, double cpu) {
        double[] latencies = new double[count];
        java.util.Arrays.fill(latencies, millis);
        return new RoundResult(number, mode, seconds, latencies, new double[count], 0, 0.0, cpu);
    }

    private static PairResult pair(List<RoundResult> rounds, List<Target> targets) {
        return new PairResult("p", "Pair", "request", "off", "on", rounds, targets, List.of());
    }

    @Test
    void ratioPoolsAllRoundsOfAMode() {
        PairResult pair = pair(List.of(round(1, "off", 10, 1000, 2, 5), round(2, "on", 10, 900, 3, 6),
                round(3, "off", 10, 1200, 2, 5)), List.of());
        // off: 2200 requests in 20 s = 110/s; on: 90/s.
        assertThat(pair.ratio(Metric.THROUGHPUT)).isCloseTo(90.0 / 110, within(1e-12));
        assertThat(pair.ratio(Metric.P50)).isCloseTo(1.5, within(1e-12));
        // CPU per request: on 6 s / 900, off 10 s / 2200.
        assertThat(pair.ratio(Metric.CPU_PER_REQUEST)).isCloseTo((6.0 / 900) / (10.0 / 2200), within(1e-12));
    }

    @Test
    void eachRepetitionComparesAMeasuredRoundWithTheBaselineRoundsAroundIt() {
        PairResult pair = pair(List.of(round(1, "off", 10, 1000, 1, 1), round(2, "on", 10, 990, 1, 1),
                round(3, "off", 10, 1200, 1, 1), round(4, "on", 10, 1000, 1, 1), round(5, "off", 10, 800, 1, 1)),
                List.of());
        assertThat(pair.repetitions(Metric.THROUGHPUT)).containsExactly(new double[] {0.9, 1.0}, within(1e-12));
    }

    @Test
    void aRepetitionAtTheEdgeOfTheRunUsesTheOneBaselineItHasAndOtherModesAreSkipped() {
        // The login scenario's rotation: password, email, totp, password.
        PairResult pair = new PairResult("p", "Pair", "login", "password", "totp", List.of(
                round(1, "password", 10, 100, 1, 1), round(2, "email", 10, 50, 1, 1), round(3, "totp", 10, 80, 1, 1)),
                List.of(), List.of());
        assertThat(pair.repetitions(Metric.THROUGHPUT)).containsExactly(new double[] {0.8}, within(1e-12));
    }

    @Test
    void verdictsCarryValueSpreadTargetAndNoise() {
        List<RoundResult> rounds = List.of(round(1, "off", 10, 1000, 1, 1), round(2, "on", 10, 990, 1, 1),
                round(3, "off", 10, 1000, 1, 1), round(4, "on", 10, 900, 1, 1), round(5, "off", 10, 1000, 1, 1));
        Verdict v = pair(rounds, List.of(Target.atLeast(Metric.THROUGHPUT, 0.97))).verdicts(true).get(0);
        assertThat(v.value()).isCloseTo(0.945, within(1e-12));
        assertThat(v.low()).isCloseTo(0.90, within(1e-12));
        assertThat(v.high()).isCloseTo(0.99, within(1e-12));
        assertThat(v.met()).isFalse();
        // The repetitions span 0.09, wider than the 0.025 between value and target.
        assertThat(v.noisy()).isTrue();
        assertThat(v.outcome()).isEqualTo("MISSED (NOISY)");
        assertThat(v.target()).isEqualTo(">= 0.97");
    }

    @Test
    void smokeVerdictsAreNotJudged() {
        List<RoundResult> rounds = List.of(round(1, "off", 10, 1000, 1, 1), round(2, "on", 10, 1000, 1, 1),
                round(3, "off", 10, 1000, 1, 1));
        Verdict v = pair(rounds, List.of(Target.atMost(Metric.P99, 1.05))).verdicts(false).get(0);
        assertThat(v.outcome()).isEqualTo("not judged (smoke)");
        assertThat(v.met()).isTrue();
    }

    @Test
    void pooledRoundSumsSecondsRequestsAndCpu() {
        RoundResult pooled = RoundResult.pooled("off", List.of(round(1, "off", 10, 100, 1, 2),
                round(2, "on", 10, 999, 1, 9), round(3, "off", 5, 50, 3, 1)));
        assertThat(pooled.seconds()).isEqualTo(15);
        assertThat(pooled.latencyMillis()).hasSize(150);
        assertThat(pooled.serverCpuSeconds()).isEqualTo(3);
        assertThat(pooled.cpuMillisPerRequest()).isCloseTo(20, within(1e-12));
        assertThat(pooled.number()).isZero();
    }
}
