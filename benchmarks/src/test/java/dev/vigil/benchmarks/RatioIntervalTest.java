package dev.vigil.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RatioIntervalTest {

    @Test
    void theSameWorkOnBothSidesGivesOneWithoutWidth() {
        double[] same = {3.1, 2.9, 3.0, 3.3, 2.8, 3.0, 3.2, 2.9, 3.1, 3.0};
        RatioInterval r = RatioInterval.of(same, same.clone());
        assertThat(r.estimate()).isEqualTo(1.0);
        // HdrHistogram resolves 1.0 to within 0.1 %.
        assertThat(r.low()).isCloseTo(1.0, within(0.001));
        assertThat(r.high()).isCloseTo(1.0, within(0.001));
        assertThat(r.cycles()).isEqualTo(10);
    }

    @Test
    void theEstimateIsTheRatioOfMeansAndTheIntervalHoldsItAndIsReproducible() {
        double[] baseline = {10.0, 10.4, 9.8, 10.1, 9.9, 10.3, 10.0, 9.7, 10.2, 10.0};
        double[] measured = {12.1, 12.3, 11.6, 12.2, 11.9, 12.5, 12.0, 11.8, 12.4, 11.9};
        RatioInterval r = RatioInterval.of(measured, baseline);
        assertThat(r.estimate()).isCloseTo(120.7 / 100.4, within(1e-12));
        assertThat(r.low()).isLessThan(r.estimate()).isGreaterThan(1.18);
        assertThat(r.high()).isGreaterThan(r.estimate()).isLessThan(1.225);
        assertThat(RatioInterval.of(measured, baseline)).as("fixed seed").isEqualTo(r);
        assertThat(RatioInterval.of(measured, baseline, RatioInterval.RESAMPLES, 1).low())
                .as("another seed moves the ends only a little").isCloseTo(r.low(), within(0.005));
    }

    @Test
    void resamplingWholeCyclesKeepsADriftOutOfTheInterval() {
        // The machine gets 5 % slower every cycle; measured is always 10 % above the baseline next to it.
        double[] baseline = new double[10];
        double[] measured = new double[10];
        for (int i = 0; i < 10; i++) {
            baseline[i] = 10 * Math.pow(1.05, i);
            measured[i] = 1.1 * baseline[i];
        }
        RatioInterval r = RatioInterval.of(measured, baseline);
        assertThat(r.low()).isCloseTo(1.1, within(0.002));
        assertThat(r.high()).isCloseTo(1.1, within(0.002));
    }

    @Test
    void aNoisyPairGivesAWideIntervalAroundOne() {
        double[] baseline = {10, 12, 9, 11, 10, 13, 8, 10, 12, 9};
        double[] measured = {11, 9, 12, 10, 9, 11, 12, 10, 8, 12};
        RatioInterval r = RatioInterval.of(measured, baseline);
        assertThat(r.low()).isLessThan(0.97);
        assertThat(r.high()).isGreaterThan(1.03);
        assertThat(Target.atMost(Metric.CPU_PER_REQUEST, 1.03).judge(r.low(), r.high()))
                .isEqualTo(Verdict.Outcome.UNDECIDED);
    }

    @Test
    void cyclesWithoutAValueOfBothModesAreLeftOut() {
        RatioInterval r = RatioInterval.of(new double[] {2, Double.NaN, 2, 2}, new double[] {1, 1, Double.NaN, 1});
        assertThat(r.cycles()).isEqualTo(2);
        assertThat(r.estimate()).isEqualTo(2.0);
        RatioInterval one = RatioInterval.of(new double[] {2}, new double[] {1});
        assertThat(one.hasInterval()).isFalse();
        assertThat(RatioInterval.of(new double[0], new double[0])).isEqualTo(RatioInterval.NONE);
        // A baseline that completed nothing gives no ratio, not a failure.
        RatioInterval none = RatioInterval.of(new double[] {5, 5, 5}, new double[] {0, 0, 0});
        assertThat(none.estimate()).isInfinite();
        assertThat(none.hasInterval()).isFalse();
    }
}
