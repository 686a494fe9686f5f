package dev.vigil.events.refresh;

import dev.vigil.core.users.VigilUserAttributes;
import dev.vigil.core.users.VigilUserState;
import java.time.Instant;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Marks a user for a second factor at the next login, in Vigil's user state ({@link VigilUserState}:
 * durable, cluster-wide, admin-only in the user profile); Vigil's step-up rules read it and clear it once
 * a second factor was given.
 */
public final class StepUpFlag {

    /** The attribute; its value says why and when, e.g. {@code refresh-token-reuse 2026-11-23T10:15:00Z}. */
    public static final String ATTRIBUTE = VigilUserAttributes.STEP_UP_REQUIRED;

    private StepUpFlag() {
    }

    static void raise(KeycloakSession session, RealmModel realm, UserModel user, Detection.Source source, Instant when) {
        VigilUserState.requireStepUp(session, realm, user, reason(source) + " " + when);
        VigilUserState.revokeTrustedDevices(session, realm, user, when);
    }

    static String reason(Detection.Source source) {
        return source.isReuse() ? "refresh-token-reuse" : "refresh-token-" + source.id();
    }
}
