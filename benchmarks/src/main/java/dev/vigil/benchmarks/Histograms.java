package dev.vigil.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.HdrHistogram.Histogram;

/** Latency distributions in HdrHistogram: microseconds, three significant digits. */
final class Histograms {

    private Histograms() {
    }

    static Histogram of(double[] millis) {
        Histogram histogram = new Histogram(3);
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

    /** HdrHistogram's percentile distribution text (.hgrm), values in ms. */
    static String distribution(Histogram histogram) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            histogram.outputPercentileDistribution(out, 5, 1000.0);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
