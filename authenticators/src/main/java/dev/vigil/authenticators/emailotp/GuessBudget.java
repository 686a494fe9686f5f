package dev.vigil.authenticators.emailotp;

/**
 * How many wrong codes an account may see checked in any 24 hours, all ways of guessing together:
 * 10^(digits-4) (100 for 6 digits, a 1-in-10,000 chance per day), split into pools so that only what
 * an attacker lacks earns a share of its own. Unauthenticated first-factor guessing uses its pool
 * only; the second factor (a proven password) and a first factor from a browser with the user's
 * trusted-device cookie keep theirs. The pools sum to the total for every code length.
 */
public final class GuessBudget {

    /** Wrong codes are remembered this long; each one counts for exactly this long after it was made. */
    public static final long WINDOW_SECONDS = 24 * 60 * 60;

    public enum Pool {
        /** Anyone who types the address: attacker and user look alike. Half of the total. */
        FIRST_FACTOR("first-factor"),
        /** A first factor from a browser holding the user's trusted-device cookie: a quarter. */
        TRUSTED_DEVICE("trusted-device"),
        /** After the user's password: a quarter. */
        SECOND_FACTOR("second-factor");

        private final String id;

        Pool(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        public static Pool fromId(String id) {
            for (Pool pool : values()) {
                if (pool.id.equals(id)) {
                    return pool;
                }
            }
            return null;
        }
    }

    private GuessBudget() {
    }

    /** 10^(digits-4): the wrong codes per account per 24 hours over all pools. */
    public static int total(int codeLength) {
        if (codeLength < 6 || codeLength > 10) {
            throw new IllegalArgumentException("code length must be 6-10, not " + codeLength);
        }
        int total = 1;
        for (int i = 4; i < codeLength; i++) {
            total *= 10;
        }
        return total;
    }

    public static int size(Pool pool, int codeLength) {
        int total = total(codeLength);
        int quarter = total / 4;
        return switch (pool) {
            case FIRST_FACTOR -> total - 2 * quarter;
            case TRUSTED_DEVICE, SECOND_FACTOR -> quarter;
        };
    }
}
