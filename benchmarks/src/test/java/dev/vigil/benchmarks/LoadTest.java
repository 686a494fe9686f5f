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
    void failuresAreCountedWithAFewSamplesAndNoLatencyAndWhatWasNotSentIsNotCounted() throws Exception {
        // A fixed rate sends every scheduled slot however slow the machine: 20 per worker, whatever the timing.
        AtomicInteger[] calls = {new AtomicInteger(), new AtomicInteger()};
        Load.Phase phase = Load.fixedRate(pool, 2, 200, w -> {
            int k = calls[w].incrementAndGet();
            switch (k % 4) {
                case 1:
                    return "HTTP 500";
                case 2:
                    throw new IllegalStateException("connection refused");
                case 3:
                    return Load.NOT_SENT;
                default:
                    return null;
            }
        }, 0.2);
        assertThat(calls[0].get() + calls[1].get()).isEqualTo(40);
        assertThat(phase.errors).isEqualTo(20);
        assertThat(phase.latencies.size()).as("successes only; not-sent slots count as neither").isEqualTo(10);
        assertThat(phase.completedAt.size()).isEqualTo(10);
        assertThat(phase.errorSamples).hasSize(10).anyMatch(s -> s.contains("HTTP 500"))
                .anyMatch(s -> s.contains("connection refused"));
    }
}
