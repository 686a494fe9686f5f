package dev.vigil.benchmarks;

import java.util.Arrays;

/** Percentiles of latencies (HdrHistogram, {@link Histograms}) and the largest of a few values. */
final class Latencies {

    private Latencies() {
    }

    /** The p-th percentile (0-100) of {@code millis} by HdrHistogram ({@link Histograms}); NaN when there are none. */
    static double percentile(double[] millis, double p) {
        return Histograms.percentile(millis, p);
    }

    static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
