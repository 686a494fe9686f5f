package dev.vigil.benchmarks;

/**
 * Smoke mode ({@code -Dvigil.bench.smoke=true}): every scenario for a few seconds, to prove the harness still
 * works (servers start, requests succeed, report and plots are written). Targets are not judged.
 */
final class Smoke {

    static final String PROPERTY = "vigil.bench.smoke";
    static final int ROUNDS = 3;
    static final int ROUND_SECONDS = 3;
    static final int WARMUP_SECONDS = 4;
    static final int SETTLE_SECONDS = 1;

    private Smoke() {
    }

    static boolean on() {
        return Boolean.parseBoolean(System.getProperty(PROPERTY, "false").trim());
    }
}
