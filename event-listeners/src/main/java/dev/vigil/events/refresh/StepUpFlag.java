package dev.vigil.events.refresh;

import dev.vigil.core.users.VigilUserAttributes;
import java.time.Instant;
import org.keycloak.models.UserModel;

/**
 * Marks a user for a second factor at the next login. A user attribute, so it survives restarts and
 * holds on every node; Vigil's step-up rules read it and clear it once a second factor was given.
 */
public final class StepUpFlag {

    /** The attribute; its value says why and when, e.g. {@code refresh-token-reuse 2026-11-23T10:15:00Z}. */
    public static final String ATTRIBUTE = VigilUserAttributes.STEP_UP_REQUIRED;

    private StepUpFlag() {
    }

    static void raise(UserModel user, Detection.Source source, Instant when) {
        String reason = source.isReuse() ? "refresh-token-reuse" : "refresh-token-" + source.id();
        user.setSingleAttribute(ATTRIBUTE, reason + " " + when);
        user.setSingleAttribute(VigilUserAttributes.TRUSTED_DEVICES_NOT_BEFORE, Long.toString(when.toEpochMilli()));
    }
}
