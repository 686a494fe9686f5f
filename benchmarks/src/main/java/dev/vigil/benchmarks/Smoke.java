package dev.vigil.benchmarks;

/**
 * Smoke mode ({@code -Dvigil.bench.smoke=true}): every scenario and every pair for a few seconds, to prove the
 * harness still works (servers start, requests succeed, report and plots are written). Targets are not judged,
 * no pair adds rounds, the warm-up is capped at a few seconds.
 */
final class Smoke {

    static final String PROPERTY = "vigil.bench.smoke";
    /** Two cycles, so that the bootstrap over cycles runs too. */
    static final int ROUNDS = 2;
    static final int ROUND_SECONDS = 1;
    static final int WARMUP_SECONDS = 2;
    static final int SETTLE_SECONDS = 0;

    private Smoke() {
    }

    static boolean on() {
        return Boolean.parseBoolean(System.getProperty(PROPERTY, "false").trim());
    }
}
