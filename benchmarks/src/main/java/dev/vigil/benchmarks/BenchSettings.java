package dev.vigil.benchmarks;

/**
 * The knobs of a benchmark that alternates two modes in rounds, read from system properties (blank means
 * the default): {@code vigil.bench.threads}, {@code vigil.bench.rounds} (odd, at least 3),
 * {@code vigil.bench.round-seconds}, {@code vigil.bench.warmup-seconds} and {@code vigil.bench.settle-seconds}.
 * In smoke mode the defaults shrink to a few seconds; a knob given explicitly still wins.
 */
record BenchSettings(int threads, int rounds, int roundSeconds, int warmupSeconds, int settleSeconds) {

    /**
     * @param baseline the label of the mode the odd rounds run (first and last), for the error message
     * @param measured the label of the mode the even rounds run
     */
    static BenchSettings fromSystemProperties(int threads, int rounds, int roundSeconds, int warmupSeconds,
                                              int settleSeconds, String baseline, String measured) {
        if (Smoke.on()) {
            rounds = Smoke.ROUNDS;
            roundSeconds = Smoke.ROUND_SECONDS;
            warmupSeconds = Math.min(warmupSeconds, Smoke.WARMUP_SECONDS);
            settleSeconds = Math.min(settleSeconds, Smoke.SETTLE_SECONDS);
        }
        BenchSettings s = new BenchSettings(
                positive("vigil.bench.threads", threads),
                positive("vigil.bench.rounds", rounds),
                positive("vigil.bench.round-seconds", roundSeconds),
                atLeastZero("vigil.bench.warmup-seconds", warmupSeconds),
                atLeastZero("vigil.bench.settle-seconds", settleSeconds));
        if (s.rounds < 3 || s.rounds % 2 == 0) {
            throw new IllegalArgumentException("vigil.bench.rounds must be odd and at least 3 (" + baseline + ", "
                    + measured + ", ..., " + baseline + "), not " + s.rounds);
        }
        return s;
    }

    static int positive(String name, int fallback) {
        int value = integer(name, fallback);
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, not " + value);
        }
        return value;
    }

    static int atLeastZero(String name, int fallback) {
        int value = integer(name, fallback);
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, not " + value);
        }
        return value;
    }

    static int integer(String name, int fallback) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a whole number: '" + value + "'", e);
        }
    }
}
