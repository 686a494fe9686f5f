package dev.vigil.benchmarks;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.StatUtils;

/**
 * A ratio measured / baseline with its 95 % bootstrap confidence interval over rounds.
 *
 * <p>The unit of resampling is the cycle: one round of every mode run back to back (the alternation A B C,
 * C B A, ...). Each cycle gives one value per mode (a round's throughput, p50, p99 or CPU per request); the
 * ratio is mean(measured) / mean(baseline) over the cycles; the interval is the 2.5th and 97.5th percentile
 * (HdrHistogram, as every percentile here) of that ratio over {@link #RESAMPLES} resamples that draw
 * whole cycles with replacement (commons-math3's Well19937c, a fixed seed, so a report can be recomputed
 * from its CSV). Resampling cycles keeps each measured round with the baseline round next to it, so a drift
 * of the machine during the run moves both and stays out of the interval.
 *
 * @param estimate mean(measured) / mean(baseline) over all cycles
 * @param cycles   how many cycles had a value of both modes
 */
record RatioInterval(double estimate, double low, double high, int cycles) {

    static final int RESAMPLES = 10_000;
    static final long SEED = 20261205L;

    static final RatioInterval NONE = new RatioInterval(Double.NaN, Double.NaN, Double.NaN, 0);

    /**
     * @param measured value of the measured mode in cycle i (NaN: that cycle is left out)
     * @param baseline value of the baseline mode in cycle i
     */
    static RatioInterval of(double[] measured, double[] baseline, int resamples, long seed) {
        if (measured.length != baseline.length) {
            throw new IllegalArgumentException("one value per cycle and mode: " + measured.length + " vs "
                    + baseline.length);
        }
        List<double[]> pairs = new ArrayList<>();
        for (int i = 0; i < measured.length; i++) {
            if (Double.isFinite(measured[i]) && Double.isFinite(baseline[i])) {
                pairs.add(new double[] {measured[i], baseline[i]});
            }
        }
        int n = pairs.size();
        if (n == 0) {
            return NONE;
        }
        double[] m = pairs.stream().mapToDouble(p -> p[0]).toArray();
        double[] b = pairs.stream().mapToDouble(p -> p[1]).toArray();
        double estimate = StatUtils.sum(m) / StatUtils.sum(b);
        if (n == 1) {
            return new RatioInterval(estimate, Double.NaN, Double.NaN, 1);
        }
        RandomGenerator random = new Well19937c(seed);
        double[] ratios = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double sm = 0;
            double sb = 0;
            for (int i = 0; i < n; i++) {
                int k = random.nextInt(n);
                sm += m[k];
                sb += b[k];
            }
            ratios[r] = sm / sb;
        }
        return new RatioInterval(estimate, Histograms.valueAt(ratios, 2.5), Histograms.valueAt(ratios, 97.5), n);
    }

    static RatioInterval of(double[] measured, double[] baseline) {
        return of(measured, baseline, RESAMPLES, SEED);
    }

    boolean hasInterval() {
        return !Double.isNaN(low) && !Double.isNaN(high);
    }
}
