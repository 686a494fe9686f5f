package dev.vigil.core.ratelimit;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Expiring keys in a map, with the same contract as the single-use object store. */
final class InMemorySlotStore implements SlotStore {

    private final Map<String, Long> expiries = new ConcurrentHashMap<>();
    private final Clock clock;
    int lookups;
    int claims;

    InMemorySlotStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean claim(String key, long lifespanSeconds) {
        claims++;
        long now = clock.instant().getEpochSecond();
        boolean[] claimed = {false};
        expiries.compute(key, (k, expiry) -> {
            if (expiry == null || expiry <= now) {
                claimed[0] = true;
                return now + lifespanSeconds;
            }
            return expiry;
        });
        return claimed[0];
    }

    @Override
    public boolean isClaimed(String key) {
        lookups++;
        Long expiry = expiries.get(key);
        return expiry != null && expiry > clock.instant().getEpochSecond();
    }

    @Override
    public void release(String key) {
        expiries.remove(key);
    }
}
