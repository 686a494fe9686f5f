package dev.vigil.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoadTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(2, new DaemonThreads("load-test"));

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void aFixedRateSendsExactlyTheScheduledRequestsSpreadOverTheWorkers() throws Exception {
        AtomicInteger[] perWorker = {new AtomicInteger(), new AtomicInteger()};
        Load.Phase phase = Load.fixedRate(pool, 2, 200, w -> {
            perWorker[w].incrementAndGet();
            return null;
        }, 0.2);
        // Slots every 5 ms in [0, 200 ms): 40, alternating between the two workers.
        assertThat(phase.latencies.size()).isEqualTo(40);
        assertThat(perWorker[0].get()).isEqualTo(20);
        assertThat(perWorker[1].get()).isEqualTo(20);
        assertThat(phase.seconds()).isGreaterThanOrEqualTo(0.19);
    }

    @Test
    void failuresAreCountedWithAFewSamplesAndNoLatency() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Load.Phase phase = Load.closedLoop(pool, 2, w -> {
            int n = calls.incrementAndGet();
            if (n % 2 == 0) {
                return "HTTP 500";
            }
            if (n % 3 == 0) {
                throw new IllegalStateException("connection refused");
            }
            return null;
        }, 0.05);
        assertThat(phase.errors + phase.latencies.size()).isEqualTo(calls.get());
        assertThat(phase.errors).isPositive();
        assertThat(phase.errorSamples).hasSizeLessThanOrEqualTo(10)
                .anyMatch(s -> s.contains("HTTP 500"));
    }
}
