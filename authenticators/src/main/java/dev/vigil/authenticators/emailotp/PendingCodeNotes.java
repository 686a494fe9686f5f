package dev.vigil.authenticators.emailotp;

import java.util.HashMap;
import java.util.Map;
import org.keycloak.sessions.AuthenticationSessionModel;

/** Where a login keeps its {@link PendingCode}: the notes of its authentication session (one per browser tab). */
final class PendingCodeNotes {

    private PendingCodeNotes() {
    }

    static PendingCode load(AuthenticationSessionModel authSession) {
        Map<String, String> notes = new HashMap<>();
        for (String name : PendingCode.noteNames()) {
            String value = authSession.getAuthNote(name);
            if (value != null) {
                notes.put(name, value);
            }
        }
        return PendingCode.fromNotes(notes);
    }

    /** Replaces the login's code: the one before it is dead from now on. */
    static void store(AuthenticationSessionModel authSession, PendingCode pending) {
        clear(authSession);
        pending.toNotes().forEach(authSession::setAuthNote);
    }

    static void clear(AuthenticationSessionModel authSession) {
        PendingCode.noteNames().forEach(authSession::removeAuthNote);
    }
}
