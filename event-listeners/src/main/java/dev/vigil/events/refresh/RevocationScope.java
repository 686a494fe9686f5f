package dev.vigil.events.refresh;

import dev.vigil.core.config.Options;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a detected reuse takes away from the user. */
public enum RevocationScope {
    /** The refresh-token family: the client's session within the user session. */
    FAMILY,
    /** The whole user session, with back-channel logout to every client in it (default). */
    SESSION,
    /** Every session of the user, offline ones included, and every older token (the user's not-before). */
    USER;

    public static RevocationScope parse(String value) {
        if (value == null || value.isBlank()) {
            return SESSION;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("vigil-refresh-reuse option 'response' must be one of "
                    + Arrays.stream(values()).map(v -> v.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                    + ", not '" + Options.shown(value) + "'");
        }
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
