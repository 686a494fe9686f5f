package dev.vigil.benchmarks;

/**
 * The refresh grant at a fixed rate, listener off and on alternating: what the listener costs in latency and CPU
 * when the server is not saturated. Sessions of their own, so the saturation rounds' tokens are not touched. The
 * rounds run in {@link RefreshThroughputBenchmark} through {@link Alternation}; here the rate and the sessions.
 */
final class RefreshFixedRate {

    static final String RATE_PROPERTY = "vigil.bench.refresh-rate";

    private RefreshFixedRate() {
    }

    /** The rate given with {@value #RATE_PROPERTY}, else half of {@code saturation} (at least 1/s). */
    static double rate(double saturation) {
        String given = System.getProperty(RATE_PROPERTY);
        if (given != null && !given.isBlank()) {
            double rate = Double.parseDouble(given.trim());
            if (!(rate > 0)) {
                throw new IllegalArgumentException(RATE_PROPERTY + " must be positive, not " + given);
            }
            return rate;
        }
        return Math.max(1, Math.round(saturation / 2));
    }

    /** Twice the saturation threads: a session's next slot comes long after its last answer. */
    static int workers(BenchSettings settings) {
        return 2 * settings.threads();
    }
}
