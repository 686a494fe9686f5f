package dev.vigil.events.refresh;

import java.util.Locale;

/**
 * Something about a refresh that needs an answer: proof of reuse (a token presented more often than
 * allowed, so someone besides the client holds a copy) or a signal short of proof.
 *
 * @param firstUse  when and where the reused token was first presented, if Vigil saw it (null otherwise)
 * @param userAgent the user agent of the request at hand, if known
 */
public record Detection(Source source, RefreshEvent reuse, FirstUse firstUse, String userAgent) {

    public enum Source {
        /** Keycloak refused the token itself (rotation on). */
        KEYCLOAK_REUSE_ERROR(true),
        /** Keycloak accepted it, but Vigil's ledger had seen the token's uses already. */
        LEDGER(true),
        /** A family refreshed more often than the policy's limit per minute. */
        REFRESH_RATE(false),
        /** A family's user agent changed between refreshes. */
        USER_AGENT_CHANGE(false);

        private final boolean reuse;

        Source(boolean reuse) {
            this.reuse = reuse;
        }

        /** Proof of reuse, as opposed to an anomaly. */
        public boolean isReuse() {
            return reuse;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The first presentation of a refresh token, as recorded from its successful refresh. */
    public record FirstUse(long time, String ipAddress, String userAgent) {
    }
}
