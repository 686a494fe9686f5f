package dev.vigil.events.refresh;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Detections and what was done about them, by source and action, at /metrics on the management port. */
final class RefreshReuseMetrics {

    private final MeterRegistry registry;

    RefreshReuseMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * @param source a reuse source (keycloak-reuse-error, ledger) or an anomaly (refresh-rate, user-agent-change)
     * @param action family, session, user (revoked), step-up or log
     */
    void detected(Detection.Source source, String action) {
        Counter.builder("vigil.refresh.reuse.detected").description("Refresh-token reuse and anomalies detected")
                .tag("source", source.id()).tag("action", action).register(registry).increment();
    }
}
