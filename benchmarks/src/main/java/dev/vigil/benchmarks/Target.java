package dev.vigil.benchmarks;

import java.util.Locale;

/**
 * A target for the ratio measured / baseline of one metric, as the issue states it (never loosened here).
 *
 * @param atMost true for "ratio <= threshold" (latency, CPU), false for "ratio >= threshold" (throughput)
 */
record Target(Metric metric, boolean atMost, double threshold) {

    static Target atLeast(Metric metric, double threshold) {
        return new Target(metric, false, threshold);
    }

    static Target atMost(Metric metric, double threshold) {
        return new Target(metric, true, threshold);
    }

    boolean met(double ratio) {
        return atMost ? ratio <= threshold : ratio >= threshold;
    }

    String text() {
        return String.format(Locale.ROOT, "%s %.2f", atMost ? "<=" : ">=", threshold);
    }
}
