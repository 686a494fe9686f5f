package dev.vigil.benchmarks;

/**
 * The knobs of a benchmark that alternates modes in rounds, read from system properties (blank means the
 * default): {@code vigil.bench.threads}, {@code vigil.bench.rounds} (rounds per mode before the verdict, at least
 * {@value #MIN_ROUNDS}), {@code vigil.bench.round-seconds}, {@code vigil.bench.settle-seconds} (unmeasured load at
 * the start of each round), {@code vigil.bench.warmup-seconds} (the cap of the warm-up, which stops earlier on a
 * plateau), {@code vigil.bench.undecided-seconds} (how long a pair with an UNDECIDED target may add rounds).
 * In smoke mode the defaults shrink to a few seconds; a knob given explicitly still wins.
 *
 * @param warmupWindowSeconds one warm-up measurement window per mode
 * @param warmup              when the warm-up may stop
 */
record BenchSettings(int threads, int rounds, int roundSeconds, int settleSeconds, int warmupSeconds,
                     int warmupWindowSeconds, Plateau warmup, int undecidedSeconds) {

    /** The floor: at least this many interleaved rounds of each mode of a pair. */
    static final int MIN_ROUNDS = 10;
    /** Warm-up windows of a mode that must agree within {@link #WARMUP_TOLERANCE} (largest / smallest - 1). */
    static final int WARMUP_WINDOWS = 3;
    static final double WARMUP_TOLERANCE = 0.05;
    static final int WARMUP_WINDOW_SECONDS = 5;
    static final int UNDECIDED_SECONDS = 300;

    static BenchSettings fromSystemProperties(int threads, int roundSeconds, int settleSeconds, int warmupSeconds) {
        int rounds = MIN_ROUNDS;
        int window = WARMUP_WINDOW_SECONDS;
        int undecided = UNDECIDED_SECONDS;
        int minRounds = MIN_ROUNDS;
        if (Smoke.on()) {
            rounds = Smoke.ROUNDS;
            minRounds = 1;
            roundSeconds = Smoke.ROUND_SECONDS;
            settleSeconds = Math.min(settleSeconds, Smoke.SETTLE_SECONDS);
            warmupSeconds = Math.min(warmupSeconds, Smoke.WARMUP_SECONDS);
            window = 1;
            undecided = 0;
        }
        BenchSettings s = new BenchSettings(
                positive("vigil.bench.threads", threads),
                positive("vigil.bench.rounds", rounds),
                positive("vigil.bench.round-seconds", roundSeconds),
                atLeastZero("vigil.bench.settle-seconds", settleSeconds),
                atLeastZero("vigil.bench.warmup-seconds", warmupSeconds),
                window, new Plateau(WARMUP_WINDOWS, WARMUP_TOLERANCE),
                atLeastZero("vigil.bench.undecided-seconds", undecided));
        if (s.rounds < minRounds) {
            throw new IllegalArgumentException("vigil.bench.rounds must be at least " + minRounds
                    + " (interleaved rounds of each mode before a verdict), not " + s.rounds);
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
