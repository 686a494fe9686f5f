package dev.vigil.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TwoSampleStatisticsTest {

    @Test
    void percentilesAreHdrHistogramsNearestRankWithinItsResolution() {
        double[] sample = {5, 1, 4, 2, 3, 10, 9, 8, 7, 6};
        assertThat(TwoSampleStatistics.percentile(sample, 50)).isCloseTo(5, within(0.005));
        assertThat(TwoSampleStatistics.percentile(sample, 95)).isCloseTo(10, within(0.01));
        assertThat(TwoSampleStatistics.percentile(sample, 10)).isCloseTo(1, within(0.001));
        // Below 2.048 ms every microsecond is its own bucket: exact.
        assertThat(TwoSampleStatistics.percentile(new double[] {0.5, 0.1, 0.3}, 50)).isEqualTo(0.3);
    }

    @Test
    void identicalSamplesHaveNoDistance() {
        double[] a = {1, 2, 3, 4};
        assertThat(TwoSampleStatistics.ksStatistic(a, a.clone())).isZero();
        assertThat(TwoSampleStatistics.ksPValue(0, 4, 4)).isEqualTo(1.0);
    }

    @Test
    void disjointSamplesAreAsFarApartAsPossible() {
        double[] low = new double[300];
        double[] high = new double[300];
        for (int i = 0; i < 300; i++) {
            low[i] = i;
            high[i] = 1000 + i;
        }
        assertThat(TwoSampleStatistics.ksStatistic(low, high)).isEqualTo(1.0);
        assertThat(TwoSampleStatistics.ksPValue(1.0, 300, 300)).isLessThan(1e-12);
    }

    @Test
    void matchesKnownValues() {
        // Kolmogorov distribution: P(K > 1.36) is about 0.049, the classic 5 % critical value.
        double en = Math.sqrt(300 * 300 / 600.0);
        double d = 1.36 / (en + 0.12 + 0.11 / en);
        assertThat(TwoSampleStatistics.ksPValue(d, 300, 300)).isCloseTo(0.049, within(0.002));
        assertThat(TwoSampleStatistics.ksStatistic(new double[] {1, 2, 3}, new double[] {2, 3, 4})).isCloseTo(1.0 / 3, within(1e-9));
    }

    @Test
    void twoDrawsFromOneDistributionUsuallyPass() {
        Random random = new Random(42);
        double[] a = new double[300];
        double[] b = new double[300];
        for (int i = 0; i < 300; i++) {
            a[i] = 20 + random.nextGaussian();
            b[i] = 20 + random.nextGaussian();
        }
        assertThat(TwoSampleStatistics.ksPValue(TwoSampleStatistics.ksStatistic(a, b), 300, 300)).isGreaterThan(0.01);
    }

    /** {@code n} draws from a normal distribution around {@code mean} with standard deviation 1. */
    private static double[] normal(Random random, double mean, int n) {
        double[] sample = new double[n];
        for (int i = 0; i < n; i++) {
            sample[i] = mean + random.nextGaussian();
        }
        return sample;
    }

    @Test
    void theBootstrapIntervalOfTheRatioOfMediansHoldsTheTrueRatioAndNarrowsWithTheSample() {
        Random random = new Random(7);
        double[] a = normal(random, 10, 300);
        double[] b = normal(random, 10, 300);
        double[] interval = TwoSampleStatistics.bootstrapRatioOfMedians(a, b, 2000, 1);
        assertThat(interval[0]).isLessThan(1.0).isGreaterThan(0.95);
        assertThat(interval[1]).isGreaterThan(1.0).isLessThan(1.05);
        assertThat(TwoSampleStatistics.bootstrapRatioOfMedians(a, b, 2000, 1)).as("reproducible").containsExactly(interval);
    }

    @Test
    void theBootstrapIntervalSeesTheDifferenceTheIssueMeasured() {
        // 10.7 ms vs 7.6 ms: the request times of existing and unknown addresses before the fix.
        Random random = new Random(11);
        double[] interval = TwoSampleStatistics.bootstrapRatioOfMedians(normal(random, 10.7, 300), normal(random, 7.6, 300),
                2000, 1);
        assertThat(interval[0]).isGreaterThan(1.3);
    }

    @Test
    void theMedianIsThePercentile50OfEveryOtherNumber() {
        assertThat(TwoSampleStatistics.median(new double[] {0.3, 0.1, 0.2})).isEqualTo(0.2);
        // Nearest rank: the lower middle value of an even count, not the mean of the two.
        assertThat(TwoSampleStatistics.median(new double[] {0.4, 0.1, 0.2, 0.3})).isEqualTo(0.2);
    }
}
