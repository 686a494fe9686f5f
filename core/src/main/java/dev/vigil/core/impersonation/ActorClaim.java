package dev.vigil.core.impersonation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The RFC 8693 (section 4.1) {@code act} claim of an impersonation, built from the notes of the user
 * session. Keycloak's admin-console impersonation sets {@code IMPERSONATOR_ID} and
 * {@code IMPERSONATOR_USERNAME}; Vigil's impersonation token exchange sets the same two and the actor's
 * OAuth client in {@code vigil.impersonation.client}. No {@code IMPERSONATOR_ID}, no actor. The one
 * definition for the token mapper, the introspection provider and the exchange itself.
 */
public final class ActorClaim {

    /** The registered claim name (RFC 8693 section 4.1); never configurable. */
    public static final String CLAIM = "act";

    /** {@code org.keycloak.models.ImpersonationSessionNote.IMPERSONATOR_ID.toString()}. */
    public static final String IMPERSONATOR_ID_NOTE = "IMPERSONATOR_ID";
    /** {@code org.keycloak.models.ImpersonationSessionNote.IMPERSONATOR_USERNAME.toString()}. */
    public static final String IMPERSONATOR_USERNAME_NOTE = "IMPERSONATOR_USERNAME";
    /** Set by Vigil's impersonation token exchange. */
    public static final String ACTOR_CLIENT_NOTE = "vigil.impersonation.client";

    public static final String SUB = "sub";
    public static final String PREFERRED_USERNAME = "preferred_username";
    public static final String CLIENT_ID = "client_id";

    private ActorClaim() {
    }

    /**
     * The value of {@code act} for a session with these notes: {@code sub} (the impersonator's user id),
     * {@code preferred_username} and {@code client_id} when their notes are present; empty when the
     * session is no impersonation. A new map on every call.
     */
    public static Optional<Map<String, Object>> fromNotes(Map<String, String> notes) {
        if (notes == null) {
            return Optional.empty();
        }
        String sub = present(notes.get(IMPERSONATOR_ID_NOTE));
        if (sub == null) {
            return Optional.empty();
        }
        Map<String, Object> actor = new LinkedHashMap<>();
        actor.put(SUB, sub);
        String username = present(notes.get(IMPERSONATOR_USERNAME_NOTE));
        if (username != null) {
            actor.put(PREFERRED_USERNAME, username);
        }
        String client = present(notes.get(ACTOR_CLIENT_NOTE));
        if (client != null) {
            actor.put(CLIENT_ID, client);
        }
        return Optional.of(actor);
    }

    /** The {@code client_id} of an {@code act} claim's value, or null when it names none (or is no object). */
    public static String client(Object act) {
        return act instanceof Map<?, ?> actor && actor.get(CLIENT_ID) instanceof String client && !client.isBlank()
                ? client : null;
    }

    private static String present(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
