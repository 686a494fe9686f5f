package dev.vigil.authenticators.trust;

import java.time.Instant;

/**
 * What a trusted-device cookie says, once its signature checked out.
 *
 * @param type      must be {@link DeviceTrust#TYPE}; anything else is another token signed by the realm
 * @param realmId   the realm that issued it
 * @param userId    the user it trusts the browser for
 * @param deviceId  a random id naming this grant of trust in audit records (not a secret)
 * @param issuedAt  when the user ticked "trust this browser"
 * @param expiresAt when the trust ends by itself
 */
public record TrustClaims(String type, String realmId, String userId, String deviceId, Instant issuedAt, Instant expiresAt) {
}
