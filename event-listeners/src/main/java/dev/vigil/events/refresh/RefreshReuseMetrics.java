package dev.vigil.events.refresh;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Detections and revocations, by source and action, at /metrics on the management port. */
final class RefreshReuseMetrics {

    private final MeterRegistry registry;

    RefreshReuseMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void detected(Detection.Source source, RevocationScope scope) {
        Counter.builder("vigil.refresh.reuse.detected").description("Refresh-token reuse detected and answered")
                .tag("source", source.id()).tag("action", scope.id()).register(registry).increment();
    }
}
