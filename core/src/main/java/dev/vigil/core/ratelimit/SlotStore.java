package dev.vigil.core.ratelimit;

/**
 * Atomic, expiring keys shared by every node: Keycloak's {@code SingleUseObjectProvider} in
 * production ({@link SingleUseObjectSlotStore}), a map in unit tests.
 */
public interface SlotStore {

    /** Claims {@code key} for {@code lifespanSeconds}; false if someone holds it already. */
    boolean claim(String key, long lifespanSeconds);

    boolean isClaimed(String key);

    /**
     * Gives {@code key} back before its lifespan ends (a counted event that turned out not to count).
     * Stores that cannot do it say so instead of ignoring the call.
     */
    default void release(String key) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot release keys");
    }
}
