package dev.vigil.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.benchmarks.Verdict.Outcome;
import org.junit.jupiter.api.Test;

class VerdictTest {

    private static final Target AT_MOST = Target.atMost(Metric.P50, 1.25);
    private static final Target AT_LEAST = Target.atLeast(Metric.THROUGHPUT, 0.97);
    private static final Target BAND = Target.inside(Metric.P50, 0.95, 1.05);

    @Test
    void metOnlyWhenTheWholeIntervalIsInsideTheTargetBoundaryIncluded() {
        assertThat(AT_MOST.judge(1.10, 1.20)).isEqualTo(Outcome.MET);
        assertThat(AT_MOST.judge(1.10, 1.25)).isEqualTo(Outcome.MET);
        assertThat(AT_LEAST.judge(0.97, 1.02)).isEqualTo(Outcome.MET);
        assertThat(BAND.judge(0.96, 1.04)).isEqualTo(Outcome.MET);
    }

    @Test
    void missedOnlyWhenTheWholeIntervalIsOutside() {
        assertThat(AT_MOST.judge(1.251, 1.40)).isEqualTo(Outcome.MISSED);
        assertThat(AT_LEAST.judge(0.90, 0.969)).isEqualTo(Outcome.MISSED);
        assertThat(BAND.judge(1.06, 1.20)).isEqualTo(Outcome.MISSED);
        assertThat(BAND.judge(0.80, 0.94)).isEqualTo(Outcome.MISSED);
        assertThat(AT_MOST.judge(Double.NaN, Double.NaN)).as("no value").isEqualTo(Outcome.MISSED);
    }

    @Test
    void undecidedWhenTheIntervalStraddlesTheTarget() {
        assertThat(AT_MOST.judge(1.20, 1.30)).isEqualTo(Outcome.UNDECIDED);
        assertThat(AT_LEAST.judge(0.95, 1.00)).isEqualTo(Outcome.UNDECIDED);
        // The email-code timing's old verdict: 0.989-1.285 was called MISSED although it holds 1.0.
        assertThat(BAND.judge(0.9887, 1.2849)).isEqualTo(Outcome.UNDECIDED);
        // An interval wider than the band on both sides cannot tell either.
        assertThat(BAND.judge(0.90, 1.10)).isEqualTo(Outcome.UNDECIDED);
    }

    @Test
    void targetsAndOutcomesReadAsTheReportPrintsThem() {
        assertThat(AT_MOST.text()).isEqualTo("<= 1.25");
        assertThat(AT_LEAST.text()).isEqualTo(">= 0.97");
        assertThat(BAND.text()).isEqualTo("inside 0.95-1.05");
        assertThat(Verdict.of("p", "x", 1.1, 1.0, 1.2, AT_MOST, true).outcomeText()).isEqualTo("MET");
        assertThat(Verdict.of("p", "x", 1.1, 1.0, 1.2, AT_MOST, false).outcomeText()).isEqualTo("not judged (smoke)");
        assertThat(Verdict.of("p", "x", Double.NaN, Double.NaN, Double.NaN, AT_MOST, true).outcomeText())
                .isEqualTo("MISSED (no value)");
        assertThat(Outcome.NOISE_FLOOR.text()).isEqualTo("noise floor (control)");
    }
}
