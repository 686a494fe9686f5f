package dev.vigil.benchmarks;

import java.util.Locale;

/**
 * A target for the ratio measured / baseline of one metric, as the issue states it (never loosened here): the
 * ratio must lie in [{@code lower}, {@code upper}] (one side open for "at most" and "at least" targets).
 */
record Target(Metric metric, double lower, double upper) {

    static Target atLeast(Metric metric, double threshold) {
        return new Target(metric, threshold, Double.POSITIVE_INFINITY);
    }

    static Target atMost(Metric metric, double threshold) {
        return new Target(metric, Double.NEGATIVE_INFINITY, threshold);
    }

    static Target inside(Metric metric, double lower, double upper) {
        return new Target(metric, lower, upper);
    }

    /**
     * The verdict on a 95 % interval [{@code low}, {@code high}]: MET only when the whole interval lies inside
     * the target, MISSED only when it lies wholly outside, otherwise UNDECIDED (the run cannot tell). A value
     * without an interval (one cycle, or a count) is an interval of width zero.
     */
    Verdict.Outcome judge(double low, double high) {
        if (Double.isNaN(low) || Double.isNaN(high)) {
            return Verdict.Outcome.MISSED;
        }
        if (low >= lower && high <= upper) {
            return Verdict.Outcome.MET;
        }
        if (high < lower || low > upper) {
            return Verdict.Outcome.MISSED;
        }
        return Verdict.Outcome.UNDECIDED;
    }

    String text() {
        if (Double.isInfinite(upper)) {
            return String.format(Locale.ROOT, ">= %.2f", lower);
        }
        if (Double.isInfinite(lower)) {
            return String.format(Locale.ROOT, "<= %.2f", upper);
        }
        return String.format(Locale.ROOT, "inside %.2f-%.2f", lower, upper);
    }
}
