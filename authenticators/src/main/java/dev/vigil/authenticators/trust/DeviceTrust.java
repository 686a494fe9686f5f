package dev.vigil.authenticators.trust;

import java.time.Duration;
import java.time.Instant;

/** The rules of trusted devices, free of Keycloak: how long trust lasts and whether a cookie counts. */
public final class DeviceTrust {

    /** The {@code typ} of a trust cookie, so that no other token the realm signs can stand in for one. */
    public static final String TYPE = "Vigil-Trusted-Device";
    public static final int DEFAULT_DAYS = 30;
    public static final int MAX_DAYS = 365;

    private DeviceTrust() {
    }

    /** When trust granted at {@code now} for {@code days} days ends. */
    public static Instant expiry(Instant now, int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("trust lasts 1 to " + MAX_DAYS + " days, not " + days);
        }
        return now.plus(Duration.ofDays(days));
    }

    /**
     * Judges a cookie for one login.
     *
     * @param claims    the cookie's claims after its signature was verified; null when there is no cookie
     * @param realmId   the realm of the login
     * @param userId    the user of the login
     * @param notBefore cookies issued before this instant no longer count; null when trust was never revoked
     * @param now       the time of the login
     */
    public static TrustVerdict judge(TrustClaims claims, String realmId, String userId, Instant notBefore, Instant now) {
        if (claims == null) {
            return TrustVerdict.NONE;
        }
        if (!TYPE.equals(claims.type()) || claims.realmId() == null || !claims.realmId().equals(realmId)
                || claims.issuedAt() == null || claims.expiresAt() == null || claims.userId() == null) {
            return TrustVerdict.INVALID;
        }
        if (!claims.userId().equals(userId)) {
            return TrustVerdict.OTHER_USER;
        }
        if (!now.isBefore(claims.expiresAt())) {
            return TrustVerdict.EXPIRED;
        }
        // A grant and a revocation in the same millisecond: the revocation wins.
        if (notBefore != null && !claims.issuedAt().isAfter(notBefore)) {
            return TrustVerdict.REVOKED;
        }
        return TrustVerdict.TRUSTED;
    }
}
