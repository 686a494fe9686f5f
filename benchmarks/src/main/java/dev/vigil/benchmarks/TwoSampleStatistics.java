package dev.vigil.benchmarks;

import java.util.Arrays;

/** Medians, percentiles and the two-sample Kolmogorov-Smirnov test for timing samples. */
public final class TwoSampleStatistics {

    private TwoSampleStatistics() {
    }

    /** The p-th percentile (0-100) by the nearest-rank method. */
    public static double percentile(double[] sample, double p) {
        double[] sorted = sample.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
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
}
