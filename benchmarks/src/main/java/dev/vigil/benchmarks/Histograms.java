package dev.vigil.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.HdrHistogram.DoubleHistogram;
import org.HdrHistogram.Histogram;

/**
 * Every percentile of the benchmarks comes from HdrHistogram, one definition everywhere: latencies in a
 * {@link Histogram} of microseconds, other values (bootstrap ratios) in a {@link DoubleHistogram}, both with
 * {@value #DIGITS} significant digits; the value at a percentile is HdrHistogram's {@code getValueAtPercentile}
 * (the highest value equivalent to the recorded one at that rank).
 */
final class Histograms {

    /** Significant decimal digits: a value is resolved to within 0.1 %. */
    static final int DIGITS = 3;

    private Histograms() {
    }

    static Histogram of(double[] millis) {
        Histogram histogram = new Histogram(DIGITS);
        for (double ms : millis) {
            histogram.recordValue(Math.max(1, Math.round(ms * 1000)));
        }
        return histogram;
    }

    /** The latency in ms at {@code percentile} (0-100); NaN for an empty histogram. */
    static double millisAt(Histogram histogram, double percentile) {
        if (histogram.getTotalCount() == 0) {
            return Double.NaN;
        }
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    /** The latency in ms at {@code percentile} (0-100) of {@code millis}; NaN when there are none. */
    static double percentile(double[] millis, double percentile) {
        return millis.length == 0 ? Double.NaN : millisAt(of(millis), percentile);
    }

    /**
     * The value at {@code percentile} (0-100) of the finite, non-negative {@code values} (others, such as the
     * ratio of a resample whose baseline summed to zero, are left out); NaN when there are none.
     */
    static double valueAt(double[] values, double percentile) {
        DoubleHistogram histogram = new DoubleHistogram(DIGITS);
        for (double v : values) {
            if (Double.isFinite(v) && v >= 0) {
                histogram.recordValue(v);
            }
        }
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile);
    }

    /** HdrHistogram's percentile distribution text (.hgrm), values in ms. */
    static String distribution(Histogram histogram) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            histogram.outputPercentileDistribution(out, 5, 1000.0);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
