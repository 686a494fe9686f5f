package dev.vigil.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.benchmarks.Verdict.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {

    private static final Target AT_MOST = Target.atMost(Metric.P50, 1.25);
    private static final Target AT_LEAST = Target.atLeast(Metric.THROUGHPUT, 0.97);
    private static final Target BAND = Target.inside(Metric.P50, 0.95, 1.05);

    private record Case(String why, Target target, double low, double high, Outcome expected) {
    }

    @Test
    void metOnlyWhollyInsideMissedOnlyWhollyOutsideElseUndecided() {
        List<Case> cases = List.of(
                new Case("inside", AT_MOST, 1.10, 1.20, Outcome.MET),
                new Case("the boundary counts as inside", AT_MOST, 1.10, 1.25, Outcome.MET),
                new Case("inside, at least", AT_LEAST, 0.97, 1.02, Outcome.MET),
                new Case("inside the band", BAND, 0.96, 1.04, Outcome.MET),
                new Case("wholly above", AT_MOST, 1.251, 1.40, Outcome.MISSED),
                new Case("wholly below", AT_LEAST, 0.90, 0.969, Outcome.MISSED),
                new Case("above the band", BAND, 1.06, 1.20, Outcome.MISSED),
                new Case("below the band", BAND, 0.80, 0.94, Outcome.MISSED),
                new Case("no value", AT_MOST, Double.NaN, Double.NaN, Outcome.MISSED),
                new Case("straddles", AT_MOST, 1.20, 1.30, Outcome.UNDECIDED),
                new Case("straddles, at least", AT_LEAST, 0.95, 1.00, Outcome.UNDECIDED),
                // The email-code timing's old verdict: 0.989-1.285 was called MISSED although it holds 1.0.
                new Case("holds 1.0 and more than the band", BAND, 0.9887, 1.2849, Outcome.UNDECIDED),
                new Case("wider than the band on both sides", BAND, 0.90, 1.10, Outcome.UNDECIDED));
        for (Case c : cases) {
            assertThat(c.target().judge(c.low(), c.high())).as(c.why()).isEqualTo(c.expected());
        }
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
