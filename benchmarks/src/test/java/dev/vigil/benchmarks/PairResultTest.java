package dev.vigil.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairResultTest {

    /** A round of {@code count} requests of {@code millis} each over {@code seconds}, with {@code cpu} server CPU. */
    static RoundResult round(int number, String mode, double seconds, int count, double millis, double cpu, int cycle) {
        double[] latencies = new double[count];
        java.util.Arrays.fill(latencies, millis);
        return new RoundResult(number, mode, seconds, latencies, new double[count], 0, 0.0, cpu, cycle);
    }

    /** A round outside any cycle (as the report tests build them). */
    static RoundResult round(int number, String mode, double seconds, int count, double millis, double cpu) {
        return round(number, mode, seconds, count, millis, cpu, 0);
    }

    private static PairResult pair(List<RoundResult> rounds, List<Target> targets) {
        return new PairResult("p", "Pair", "request", "off", "on", rounds, targets, List.of());
    }

    /** {@code cycles} cycles of off, on, off-again; on costs {@code onCpu} s of CPU per 1000 requests, off 1 s. */
    private static List<RoundResult> cycles(int cycles, double onCpu, double jitter) {
        List<RoundResult> rounds = new ArrayList<>();
        for (int c = 1; c <= cycles; c++) {
            double wobble = c % 2 == 0 ? 1 + jitter : 1 - jitter;
            rounds.add(round(rounds.size() + 1, "off", 10, 1000, 2, 1.0, c));
            rounds.add(round(rounds.size() + 1, "on", 10, 1000, 2, onCpu * wobble, c));
            rounds.add(round(rounds.size() + 1, "off-again", 10, 1000, 2, 1.0, c));
        }
        return rounds;
    }

    @Test
    void ratioPoolsAllRoundsOfAMode() {
        PairResult pair = pair(List.of(round(1, "off", 10, 1000, 2, 5, 1), round(2, "on", 10, 900, 3, 6, 1),
                round(3, "off", 10, 1200, 2, 5, 2)), List.of());
        // off: 2200 requests in 20 s = 110/s; on: 90/s.
        assertThat(pair.ratio(Metric.THROUGHPUT)).isCloseTo(90.0 / 110, within(1e-12));
        assertThat(pair.ratio(Metric.P50)).isCloseTo(3.0 / 2, within(0.002));
        // CPU per request: on 6 s / 900, off 10 s / 2200.
        assertThat(pair.ratio(Metric.CPU_PER_REQUEST)).isCloseTo((6.0 / 900) / (10.0 / 2200), within(1e-12));
    }

    @Test
    void theIntervalComesFromTheCyclesOfBothModes() {
        PairResult pair = pair(cycles(10, 1.1, 0.0), List.of());
        assertThat(pair.cycles()).hasSize(10);
        assertThat(pair.perCycle("on", Metric.CPU_PER_REQUEST)).containsOnly(1.1);
        RatioInterval cpu = pair.interval(Metric.CPU_PER_REQUEST);
        assertThat(cpu.estimate()).isCloseTo(1.1, within(1e-12));
        assertThat(cpu.low()).isCloseTo(1.1, within(0.002));
        assertThat(cpu.cycles()).isEqualTo(10);
    }

    @Test
    void verdictsJudgeTheIntervalAndAddTheCpuFigureWhenNoTargetHasIt() {
        List<Verdict> verdicts = pair(cycles(10, 1.1, 0.0), List.of(Target.atMost(Metric.P50, 1.05))).verdicts(true);
        assertThat(verdicts).extracting(Verdict::outcome)
                .containsExactly(Verdict.Outcome.MET, Verdict.Outcome.NO_TARGET);
        assertThat(verdicts.get(1).what()).isEqualTo("Keycloak CPU per request on/off");
        assertThat(pair(cycles(10, 1.1, 0.0), List.of(Target.atMost(Metric.CPU_PER_REQUEST, 1.03))).verdicts(true))
                .extracting(Verdict::outcome).containsExactly(Verdict.Outcome.MISSED);
    }

    @Test
    void aPairIsUndecidedWhileItsIntervalStraddlesTheTarget() {
        List<Target> cpu = List.of(Target.atMost(Metric.CPU_PER_REQUEST, 1.03));
        // 3 % more CPU, rounds wobbling by 10 %: the interval holds 1.03.
        PairResult noisy = pair(cycles(10, 1.03, 0.10), cpu);
        assertThat(noisy.undecided()).isTrue();
        assertThat(noisy.verdicts(false).get(0).outcome()).as("smoke").isEqualTo(Verdict.Outcome.NOT_JUDGED);
        assertThat(pair(cycles(10, 1.00, 0.01), cpu).undecided()).isFalse();
    }

    @Test
    void theControlComparesTheBaselineWithItselfAndIsNeverJudged() {
        List<RoundResult> all = cycles(10, 1.5, 0.0);
        PairResult main = pair(all.stream().filter(r -> !r.modeLabel().equals("off-again")).toList(),
                List.of(Target.atMost(Metric.CPU_PER_REQUEST, 1.03)));
        PairResult control = main.control(all, "off-again");
        assertThat(control.control()).isTrue();
        assertThat(control.id()).isEqualTo("p-control");
        assertThat(control.rounds()).extracting(RoundResult::modeLabel).containsOnly("off", "off-again");
        List<Verdict> floor = control.verdicts(true);
        assertThat(floor).extracting(Verdict::outcome).containsOnly(Verdict.Outcome.NOISE_FLOOR);
        assertThat(floor.get(0).value()).isEqualTo(1.0);
        assertThat(control.undecided()).isFalse();
    }

    @Test
    void pooledRoundSumsSecondsRequestsAndCpu() {
        RoundResult pooled = RoundResult.pooled("off", List.of(round(1, "off", 10, 100, 1, 2, 1),
                round(2, "on", 10, 999, 1, 9, 1), round(3, "off", 5, 50, 3, 1, 2)));
        assertThat(pooled.seconds()).isEqualTo(15);
        assertThat(pooled.latencyMillis()).hasSize(150);
        assertThat(pooled.serverCpuSeconds()).isEqualTo(3);
        assertThat(pooled.cpuMillisPerRequest()).isCloseTo(20, within(1e-12));
        assertThat(pooled.number()).isZero();
    }
}
