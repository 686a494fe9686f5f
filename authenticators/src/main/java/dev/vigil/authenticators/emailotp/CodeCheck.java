package dev.vigil.authenticators.emailotp;

import dev.vigil.core.secrets.KeyedHash;
import java.time.Instant;

/** Checks a submitted code against the pending one. Every failure looks the same to the user. */
public final class CodeCheck {

    public enum Outcome { VALID, WRONG, EXPIRED, NO_CODE, EXHAUSTED, NO_ACCOUNT }

    private CodeCheck() {
    }

    /**
     * @param attemptCounted whether this try could be counted under the code's attempt limit
     *                       (false: the limit was reached before, the code is dead)
     * @param submittedHash  the keyed hash of what the user typed, in the code's context
     */
    public static Outcome check(PendingCode pending, String submittedHash, Instant now, boolean attemptCounted) {
        if (pending == null) {
            return Outcome.NO_CODE;
        }
        if (pending.isExpired(now)) {
            return Outcome.EXPIRED;
        }
        if (!attemptCounted) {
            return Outcome.EXHAUSTED;
        }
        // Compared for an address without an account too, so both take the same time.
        boolean matches = KeyedHash.matches(pending.hash(), submittedHash);
        if (!pending.hasAccount()) {
            return Outcome.NO_ACCOUNT;
        }
        return matches ? Outcome.VALID : Outcome.WRONG;
    }

    /** What the code's hash binds it to: the authentication session, its tab and the code itself. */
    public static String context(String authSessionId, String tabId, String codeId) {
        return authSessionId + "/" + tabId + "/" + codeId;
    }
}
