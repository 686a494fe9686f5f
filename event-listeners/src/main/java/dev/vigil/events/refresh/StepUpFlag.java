package dev.vigil.events.refresh;

import java.time.Instant;
import org.keycloak.models.UserModel;

/**
 * Marks a user for a second factor at the next login. A user attribute, so it survives restarts and
 * holds on every node; Vigil's step-up rules read it and clear it once a second factor was given.
 */
public final class StepUpFlag {

    /** The attribute; its value says why and when, e.g. {@code refresh-token-reuse 2026-11-23T10:15:00Z}. */
    public static final String ATTRIBUTE = "vigil.step-up-required";

    private StepUpFlag() {
    }

    static void raise(UserModel user, Detection.Source source, Instant when) {
        String reason = source.isReuse() ? "refresh-token-reuse" : "refresh-token-" + source.id();
        user.setSingleAttribute(ATTRIBUTE, reason + " " + when);
    }
}
