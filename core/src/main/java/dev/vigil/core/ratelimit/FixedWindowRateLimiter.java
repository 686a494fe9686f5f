package dev.vigil.core.ratelimit;

import java.time.Clock;
import java.time.Duration;

/**
 * At most {@code limit} events per key in each fixed window of time, counted cluster-wide in a
 * {@link SlotStore}. A burst straddling two windows can reach twice the limit; the windows are
 * aligned to the epoch so every node agrees on them.
 */
public final class FixedWindowRateLimiter {

    private final SlotCounter counter;
    private final Clock clock;

    public FixedWindowRateLimiter(SlotStore store, Clock clock) {
        this.counter = new SlotCounter(store);
        this.clock = clock;
    }

    /** Counts one event for {@code key}; false when the window's limit was already reached. */
    public boolean tryAcquire(String key, int limit, Duration window) {
        long windowSeconds = Math.max(1, window.getSeconds());
        long now = clock.instant().getEpochSecond();
        long index = now / windowSeconds;
        long remaining = (index + 1) * windowSeconds - now;
        return counter.claimNext(key + ":" + windowSeconds + ":" + index, limit, remaining) >= 0;
    }
}
