package dev.vigil.testing;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits on a condition until it holds or a deadline passes. Never a fixed sleep. */
public final class Deadline {

    private static final long POLL_MILLIS = 100;

    private Deadline() {
    }

    /**
     * Polls {@code probe} until it returns non-null; throws with {@code what} once {@code timeout} has passed.
     * Exceptions from the probe count as "not yet", and the last one is attached to the timeout.
     */
    public static <T> T await(String what, Duration timeout, Supplier<T> probe) {
        long end = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (true) {
            try {
                T value = probe.get();
                if (value != null) {
                    return value;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() > end) {
                AssertionError error = new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
                if (last != null) {
                    error.initCause(last);
                }
                throw error;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }

    public static void awaitTrue(String what, Duration timeout, Supplier<Boolean> condition) {
        await(what, timeout, () -> Boolean.TRUE.equals(condition.get()) ? Boolean.TRUE : null);
    }
}
