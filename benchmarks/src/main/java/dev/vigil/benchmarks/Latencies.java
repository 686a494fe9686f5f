package dev.vigil.benchmarks;

import java.util.Arrays;

/** Small statistics over the latencies and rates of benchmark rounds. */
final class Latencies {

    private Latencies() {
    }

    /** The p-th percentile (0-100) of {@code millis} by HdrHistogram ({@link Histograms}); NaN when there are none. */
    static double percentile(double[] millis, double p) {
        return Histograms.percentile(millis, p);
    }

    /** (max - min) / mean: how far apart values that should be the same are. */
    static double spread(double[] values) {
        double mean = Arrays.stream(values).average().orElse(Double.NaN);
        return (max(values) - min(values)) / mean;
    }

    static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
