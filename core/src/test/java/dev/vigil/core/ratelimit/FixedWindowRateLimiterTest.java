package dev.vigil.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class FixedWindowRateLimiterTest {

    private static final Duration WINDOW = Duration.ofMinutes(15);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T08:00:00Z"));
    private final InMemorySlotStore store = new InMemorySlotStore(clock);
    private final FixedWindowRateLimiter limiter = new FixedWindowRateLimiter(store, clock);

    @Test
    void allowsTheLimitThenRefusesUntilTheNextWindow() {
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.tryAcquire("addr:a", 5, WINDOW)).as("request %d", i + 1).isTrue();
        }
        assertThat(limiter.tryAcquire("addr:a", 5, WINDOW)).isFalse();

        clock.advance(Duration.ofMinutes(14).plusSeconds(59));
        assertThat(limiter.tryAcquire("addr:a", 5, WINDOW)).as("same window").isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire("addr:a", 5, WINDOW)).as("next window").isTrue();
    }

    @Test
    void keysAreCountedApart() {
        for (int i = 0; i < 5; i++) {
            limiter.tryAcquire("addr:a", 5, WINDOW);
        }
        assertThat(limiter.tryAcquire("addr:b", 5, WINDOW)).isTrue();
        assertThat(limiter.tryAcquire("ip:a", 5, WINDOW)).isTrue();
    }

    @Test
    void concurrentRequestsNeverCountPastTheLimit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                calls.add(() -> limiter.tryAcquire("ip:1.2.3.4", 20, WINDOW));
            }
            long allowed = 0;
            for (Future<Boolean> f : pool.invokeAll(calls)) {
                allowed += f.get() ? 1 : 0;
            }
            assertThat(allowed).isEqualTo(20);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void findsTheFreeSlotWithFewLookups() {
        for (int i = 0; i < 19; i++) {
            limiter.tryAcquire("ip:x", 20, WINDOW);
        }
        store.lookups = 0;
        assertThat(limiter.tryAcquire("ip:x", 20, WINDOW)).isTrue();
        assertThat(store.lookups).isLessThanOrEqualTo(5);
    }
}
