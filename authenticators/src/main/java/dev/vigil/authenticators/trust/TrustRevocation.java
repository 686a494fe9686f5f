package dev.vigil.authenticators.trust;

import dev.vigil.core.users.VigilUserState;
import java.time.Instant;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * When a user's trusted devices stopped counting: the latest of Vigil's own revocation mark (sign out
 * everywhere, credential removed, theft response), Keycloak's not-before of the user (an admin's
 * "Sign out" of the user) and the creation of the user's newest credential (a changed password or
 * a new authenticator app). The last two need no listener: they hold even where Vigil's event
 * listener is not switched on.
 */
public final class TrustRevocation {

    private TrustRevocation() {
    }

    /** Ends the trust of every browser of the user from {@code now} on. */
    public static void revoke(KeycloakSession session, RealmModel realm, UserModel user, Instant now) {
        VigilUserState.revokeTrustedDevices(session, realm, user, now);
    }

    /** The instant before which no trust cookie of the user counts; null if trust was never revoked. */
    public static Instant notBefore(KeycloakSession session, RealmModel realm, UserModel user) {
        long latest = Long.MIN_VALUE;
        String marked = VigilUserState.trustedDevicesNotBefore(session, realm, user);
        if (marked != null) {
            try {
                latest = Long.parseLong(marked.trim());
            } catch (NumberFormatException e) {
                // A value nobody can read revokes everything: the safe side.
                return Instant.MAX;
            }
        }
        int keycloakNotBefore = session.users().getNotBeforeOfUser(realm, user);
        if (keycloakNotBefore > 0) {
            // Keycloak keeps whole seconds: a grant in the same second as the sign-out is revoked too.
            latest = Math.max(latest, keycloakNotBefore * 1000L + 999);
        }
        latest = Math.max(latest, user.credentialManager().getStoredCredentialsStream()
                .map(c -> c.getCreatedDate() == null ? Long.MIN_VALUE : c.getCreatedDate())
                .max(Long::compare).orElse(Long.MIN_VALUE));
        return latest == Long.MIN_VALUE ? null : Instant.ofEpochMilli(latest);
    }
}
