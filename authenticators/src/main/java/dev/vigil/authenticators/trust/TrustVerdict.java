package dev.vigil.authenticators.trust;

/** Whether a browser is a trusted device of a user, and if not, why not (for explanations and audit). */
public enum TrustVerdict {
    /** A valid cookie of this user, not expired, issued after every revocation. */
    TRUSTED("trusted"),
    /** No cookie. */
    NONE("no trust cookie"),
    /** A cookie whose signature, algorithm, type or realm is wrong, or that cannot be read. */
    INVALID("trust cookie invalid"),
    /** A valid cookie, but for another user of this browser. */
    OTHER_USER("trust cookie of another user"),
    /** A valid cookie past its lifetime. */
    EXPIRED("trust cookie expired"),
    /** A valid cookie issued before the user's trust was revoked. */
    REVOKED("trust revoked since");

    private final String description;

    TrustVerdict(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
