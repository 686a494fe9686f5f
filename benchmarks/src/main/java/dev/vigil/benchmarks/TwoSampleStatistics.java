package dev.vigil.benchmarks;

import java.util.Arrays;

/** Medians, percentiles and the two-sample Kolmogorov-Smirnov test for timing samples. */
public final class TwoSampleStatistics {

    private TwoSampleStatistics() {
    }

    /** The p-th percentile (0-100) of latencies in ms, as every percentile of the benchmarks: {@link Histograms}. */
    public static double percentile(double[] sample, double p) {
        return Histograms.percentile(sample, p);
    }

    /** The largest distance between the two empirical distribution functions. */
    public static double ksStatistic(double[] a, double[] b) {
        double[] x = a.clone();
        double[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < x.length && j < y.length) {
            double v = Math.min(x[i], y[j]);
            while (i < x.length && x[i] <= v) {
                i++;
            }
            while (j < y.length && y[j] <= v) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / x.length - (double) j / y.length));
        }
        return d;
    }

    /** Asymptotic p-value of the statistic {@code d} for samples of sizes n and m (Kolmogorov distribution). */
    public static double ksPValue(double d, int n, int m) {
        double en = Math.sqrt((double) n * m / (n + m));
        double lambda = (en + 0.12 + 0.11 / en) * d;
        if (lambda < 1e-3) {
            return 1.0;
        }
        double sum = 0;
        for (int k = 1; k <= 100; k++) {
            double term = 2 * Math.pow(-1, k - 1) * Math.exp(-2 * k * k * lambda * lambda);
            sum += term;
            if (Math.abs(term) < 1e-12) {
                break;
            }
        }
        return Math.max(0, Math.min(1, sum));
    }

    /**
     * The 95 % percentile-bootstrap interval of median(a) / median(b): both samples resampled with
     * replacement {@code resamples} times (a fixed seed, so a report can be reproduced from its CSV).
     *
     * @return {low, high}
     */
    public static double[] bootstrapRatioOfMedians(double[] a, double[] b, int resamples, long seed) {
        java.util.Random random = new java.util.Random(seed);
        double[] ratios = new double[resamples];
        double[] x = new double[a.length];
        double[] y = new double[b.length];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < x.length; i++) {
                x[i] = a[random.nextInt(a.length)];
            }
            for (int i = 0; i < y.length; i++) {
                y[i] = b[random.nextInt(b.length)];
            }
            ratios[r] = median(x) / median(y);
        }
        return new double[] {Histograms.valueAt(ratios, 2.5), Histograms.valueAt(ratios, 97.5)};
    }

    /** The median of latencies in ms: {@link #percentile} at 50. */
    public static double median(double[] sample) {
        return percentile(sample, 50);
    }
}
