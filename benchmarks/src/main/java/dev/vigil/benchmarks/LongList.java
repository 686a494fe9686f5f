package dev.vigil.benchmarks;

import java.util.Arrays;

/** A growable array of longs (nanoTimes), so a round's latencies are not boxed. */
final class LongList {
    private long[] values = new long[1024];
    private int size;

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    void addAll(LongList other) {
        for (int i = 0; i < other.size; i++) {
            add(other.values[i]);
        }
    }

    long get(int i) {
        return values[i];
    }

    int size() {
        return size;
    }

    /** The values, durations in nanoseconds, as milliseconds. */
    double[] nanosAsMillis() {
        double[] millis = new double[size];
        for (int i = 0; i < millis.length; i++) {
            millis[i] = values[i] / 1e6;
        }
        return millis;
    }

    /** The values, nanoTimes, as seconds since {@code origin} (a nanoTime). */
    double[] secondsSince(long origin) {
        double[] seconds = new double[size];
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = (values[i] - origin) / 1e9;
        }
        return seconds;
    }
}
