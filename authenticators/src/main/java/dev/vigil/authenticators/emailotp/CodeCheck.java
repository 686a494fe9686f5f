package dev.vigil.authenticators.emailotp;

import dev.vigil.core.secrets.KeyedHash;
import java.time.Instant;

/**
 * Decides whether a submitted code signs in. Pure: what it needs from the cluster-wide store and
 * the request comes through a {@link Ledger}. Every failure looks the same to the user, and every
 * submission of a live code does the same work (an attempt counted, the code's resolution read, a
 * budget slot claimed, the hashes compared) whatever the address names.
 */
public final class CodeCheck {

    public enum Outcome {
        VALID,
        WRONG,
        EXPIRED,
        /** No code was requested in this login. */
        NO_CODE,
        /** The code's own attempts are used up. */
        EXHAUSTED,
        /** The code can sign in nobody (unknown address, disabled or locked user, rate-limited request). */
        NO_ACCOUNT,
        /** The account's guessing budget is used up: even the right code fails. */
        OVER_BUDGET,
        /** Submitted before the code's resolution was stored (first factor, right after the request). */
        NOT_READY
    }

    /** What the check reads and counts; a facade over Keycloak in production, a fake in tests. */
    public interface Ledger {
        /** Counts one try of the code; false when its attempts were used up before. */
        boolean countAttempt(String codeId);

        /** The code's resolution, or null when it is not stored (yet). */
        Resolution resolution(String codeId);

        /** Claims one slot of the budget {@code pool} of {@code budgetKey}; the slot, or -1 when it is used up. */
        int claim(GuessBudget.Pool pool, String budgetKey);

        /** Gives back a slot: the right code is no guess against the budget. */
        void release(GuessBudget.Pool pool, String budgetKey, int slot);

        /** Whether this request carries a valid trusted-device cookie of {@code userId}. */
        boolean trustedDevice(String userId);
    }

    /**
     * @param outcome    the decision
     * @param resolution what the code was issued for, null when not known
     * @param charged    the pool a failed try was counted in, null when none
     */
    public record Result(Outcome outcome, Resolution resolution, GuessBudget.Pool charged) {
    }

    private CodeCheck() {
    }

    /**
     * @param submittedHash   the keyed hash of what the user typed, in the code's context
     * @param standInBudget   the budget key counted when the resolution is not there yet (the typed address's)
     */
    public static Result check(PendingCode pending, String submittedHash, Instant now, String standInBudget, Ledger ledger) {
        if (pending == null) {
            return new Result(Outcome.NO_CODE, null, null);
        }
        if (pending.isExpired(now)) {
            return new Result(Outcome.EXPIRED, null, null);
        }
        boolean attemptCounted = ledger.countAttempt(pending.codeId());
        Resolution resolution = ledger.resolution(pending.codeId());
        String budgetKey = resolution != null ? resolution.budgetKey() : standInBudget;
        GuessBudget.Pool pool = resolution != null ? resolution.pool() : GuessBudget.Pool.FIRST_FACTOR;
        // Counted before anything is compared, for every kind of address alike; given back only for the right code.
        int slot = ledger.claim(pool, budgetKey);
        boolean matches = KeyedHash.matches(pending.hash(), submittedHash);

        if (!attemptCounted) {
            return new Result(Outcome.EXHAUSTED, resolution, slot >= 0 ? pool : null);
        }
        if (resolution == null) {
            return new Result(Outcome.NOT_READY, null, slot >= 0 ? pool : null);
        }
        if (slot < 0) {
            // The first-factor pool is used up. Only a browser the user trusted earns a pool of its own.
            if (pool == GuessBudget.Pool.FIRST_FACTOR && resolution.hasAccount() && ledger.trustedDevice(resolution.userId())) {
                pool = GuessBudget.Pool.TRUSTED_DEVICE;
                slot = ledger.claim(pool, budgetKey);
            }
            if (slot < 0) {
                return new Result(Outcome.OVER_BUDGET, resolution, null);
            }
        }
        if (!resolution.hasAccount()) {
            return new Result(Outcome.NO_ACCOUNT, resolution, pool);
        }
        if (!matches) {
            return new Result(Outcome.WRONG, resolution, pool);
        }
        ledger.release(pool, budgetKey, slot);
        return new Result(Outcome.VALID, resolution, null);
    }

    /** What the code's hash binds it to: the authentication session, its tab and the code itself. */
    public static String context(String authSessionId, String tabId, String codeId) {
        return authSessionId + "/" + tabId + "/" + codeId;
    }
}
