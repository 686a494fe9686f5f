package dev.vigil.core.ratelimit;

/**
 * A counter with a ceiling built from atomic keys {@code <prefix>:0 .. <prefix>:<max-1>}: counting
 * one means claiming the lowest free slot. The store has no atomic increment, but claiming a key
 * is atomic on every node, so concurrent requests never count past the ceiling.
 */
public final class SlotCounter {

    private final SlotStore store;

    public SlotCounter(SlotStore store) {
        this.store = store;
    }

    /**
     * Counts one under {@code prefix}.
     *
     * @return the zero-based slot taken, or -1 when all {@code max} slots are taken
     */
    public int claimNext(String prefix, int max, long lifespanSeconds) {
        int low = firstFree(prefix, 0, max);
        int slot = claimUpwards(prefix, low, max, lifespanSeconds);
        return slot >= 0 ? slot : claimBelow(prefix, Math.min(low, max), lifespanSeconds);
    }

    /**
     * Counts one under {@code prefix}, starting at {@code hint} (where this node expects the next free slot): one
     * claim when the hint is right, a few lookups when another node got there first. Slots below the hint are
     * looked at only when none is free above it.
     *
     * @return the zero-based slot taken, or -1 when all {@code max} slots are taken
     */
    public int claimNext(String prefix, int max, long lifespanSeconds, int hint) {
        int slot = claimFrom(prefix, hint, max, lifespanSeconds);
        return slot >= 0 ? slot : claimBelow(prefix, Math.min(hint, max), lifespanSeconds);
    }

    /**
     * Claims the first free slot at or above {@code from} and never one below it: one claim when {@code from}
     * is free, otherwise a gallop upwards to a free slot and a bisection back to the first one.
     *
     * @return the zero-based slot taken, or -1 when every slot from {@code from} to {@code max - 1} is taken
     */
    public int claimFrom(String prefix, int from, int max, long lifespanSeconds) {
        int taken = Math.max(0, from);
        if (taken >= max) {
            return -1;
        }
        if (store.claim(prefix + ":" + taken, lifespanSeconds)) {
            return taken;
        }
        int free = max;
        for (long step = 1; taken + step < max; step <<= 1) {
            int probe = (int) (taken + step);
            if (!store.isClaimed(prefix + ":" + probe)) {
                free = probe;
                break;
            }
            taken = probe;
        }
        return claimUpwards(prefix, firstFree(prefix, taken + 1, free), max, lifespanSeconds);
    }

    /**
     * The first slot in {@code low .. high} that is not claimed, {@code high} if none below it is free: slots fill
     * upwards, so a bisection over "is claimed" finds it.
     */
    private int firstFree(String prefix, int low, int high) {
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (store.isClaimed(prefix + ":" + mid)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Claims the first slot from {@code from} upwards that is still free (another request may take one first). */
    private int claimUpwards(String prefix, int from, int max, long lifespanSeconds) {
        for (int slot = from; slot < max; slot++) {
            if (store.claim(prefix + ":" + slot, lifespanSeconds)) {
                return slot;
            }
        }
        return -1;
    }

    /**
     * Slots with lifespans of their own, or released early, expire out of order and leave holes below the first
     * free slot found upwards; at the ceiling, one of those is taken before saying no.
     */
    private int claimBelow(String prefix, int limit, long lifespanSeconds) {
        return claimUpwards(prefix, 0, limit, lifespanSeconds);
    }

    /** Gives back a slot that {@link #claimNext} returned, so that it no longer counts. */
    public void release(String prefix, int slot) {
        if (slot >= 0) {
            store.release(prefix + ":" + slot);
        }
    }
}
