package dev.vigil.core.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where this node expects the next free slot of each {@link SlotCounter} prefix: the slot after its own last
 * claim. Concurrent requests get different slots, so on one node a claim is one store call; another node's
 * claims cost a few lookups (see {@link SlotCounter#claimNext(String, int, long, int)}). A hint only saves
 * lookups and never decides a count: forgetting them all (as this does past {@code maxPrefixes}) is safe.
 */
public final class SlotHints {

    private final int maxPrefixes;
    private final ConcurrentHashMap<String, AtomicInteger> next = new ConcurrentHashMap<>();

    public SlotHints(int maxPrefixes) {
        this.maxPrefixes = maxPrefixes;
    }

    /** The slot to try first under {@code prefix}, cycling through {@code 0 .. max - 1}. */
    public int take(String prefix, int max) {
        if (next.size() >= maxPrefixes && !next.containsKey(prefix)) {
            next.clear();
        }
        return Math.floorMod(next.computeIfAbsent(prefix, key -> new AtomicInteger()).getAndIncrement(), Math.max(1, max));
    }

    /** A claim under {@code prefix} landed on {@code slot}: the next one is expected just above it. */
    public void landed(String prefix, int hint, int slot) {
        if (slot >= 0 && slot != hint) {
            AtomicInteger counter = next.get(prefix);
            if (counter != null) {
                counter.set(slot + 1);
            }
        }
    }
}
