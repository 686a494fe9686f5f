package dev.vigil.benchmarks;

import java.util.List;

/**
 * When a warm-up may stop: the last {@code windows} measurement windows of a mode lie within {@code tolerance}
 * of each other (largest / smallest - 1), so throughput has stopped rising (a JIT still compiling or a cache
 * still filling shows as windows that keep climbing). A warm-up that never gets there stops at its cap, and the
 * report says so.
 */
record Plateau(int windows, double tolerance) {

    Plateau {
        if (windows < 2 || !(tolerance >= 0)) {
            throw new IllegalArgumentException("a plateau needs at least 2 windows and a tolerance >= 0");
        }
    }

    /** Whether {@code values} (one per window, in order) end on a plateau. */
    boolean reached(List<Double> values) {
        if (values.size() < windows) {
            return false;
        }
        List<Double> last = values.subList(values.size() - windows, values.size());
        double min = last.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        double max = last.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        // The small allowance keeps a ratio of exactly 1 + tolerance (105 / 100) from failing on rounding.
        return min > 0 && max / min - 1 <= tolerance + 1e-12;
    }
}
