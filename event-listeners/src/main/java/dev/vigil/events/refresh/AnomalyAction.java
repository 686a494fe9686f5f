package dev.vigil.events.refresh;

import dev.vigil.core.config.Options;
import java.util.Locale;

/** What a signal short of proof (an unusual refresh pattern) leads to. */
public enum AnomalyAction {
    /** Record it in the audit trail only (default). */
    LOG,
    /** Record it and require a second factor at the user's next login. */
    STEP_UP,
    /** Record it and revoke as for a detected reuse. */
    REVOKE;

    public static AnomalyAction parse(String value) {
        if (value == null || value.isBlank()) {
            return LOG;
        }
        for (AnomalyAction action : values()) {
            if (action.id().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return action;
            }
        }
        throw new IllegalArgumentException("anomaly-action must be one of log, step-up, revoke, not '" + Options.shown(value) + "'");
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
