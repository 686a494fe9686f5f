package dev.vigil.benchmarks;

import java.util.function.ToDoubleFunction;

/** What a pair compares: a rate, a latency percentile, or CPU per request; each read from a (pooled) round. */
enum Metric {
    THROUGHPUT("throughput", "/s", MeasuredRound::perSecond),
    P50("p50 latency", "ms", MeasuredRound::p50),
    P95("p95 latency", "ms", r -> r.percentile(95)),
    P99("p99 latency", "ms", MeasuredRound::p99),
    CPU_PER_REQUEST("Keycloak CPU per request", "ms", RoundResult::cpuMillisPerRequest);

    private final String label;
    private final String unit;
    private final ToDoubleFunction<RoundResult> reader;

    Metric(String label, String unit, ToDoubleFunction<RoundResult> reader) {
        this.label = label;
        this.unit = unit;
        this.reader = reader;
    }

    String label() {
        return label;
    }

    String unit() {
        return unit;
    }

    double of(RoundResult round) {
        return reader.applyAsDouble(round);
    }
}
