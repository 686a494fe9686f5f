package dev.vigil.exchange;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Grants and denials by reason, at /metrics on the management port. */
final class ImpersonationMetrics {

    private final MeterRegistry registry;

    ImpersonationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void granted() {
        Counter.builder("vigil.impersonation.granted").description("Impersonation tokens issued").register(registry).increment();
    }

    void denied(String reason) {
        Counter.builder("vigil.impersonation.denied").description("Impersonation requests refused, by reason")
                .tag("reason", reason).register(registry).increment();
    }
}
