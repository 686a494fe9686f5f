package dev.vigil.benchmarks;

/** One measured round of a benchmark: its successful requests' latencies and when they completed. */
interface MeasuredRound {

    /** 1, 2, ...; 0 for the rounds of one mode pooled. */
    int number();

    /** The mode the round ran, as the report and the CSV files name it. */
    String modeLabel();

    /** Measured seconds. */
    double seconds();

    double[] latencyMillis();

    /** When each request of {@link #latencyMillis()} completed, seconds since the benchmark began. */
    double[] completedAt();

    int errors();

    /** CPU the rest of the machine (not this JVM, not its Keycloak) used meanwhile, in cores. */
    double otherCores();

    default double perSecond() {
        return latencyMillis().length / seconds();
    }

    default double percentile(double p) {
        return Latencies.percentile(latencyMillis(), p);
    }

    default double p50() {
        return percentile(50);
    }

    default double p99() {
        return percentile(99);
    }
}
