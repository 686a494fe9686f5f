package dev.vigil.exchange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.keycloak.models.ImpersonationSessionNote;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;

/**
 * The impersonations running in a realm, read from the user sessions themselves (Keycloak's
 * cluster-wide session store), so every node sees the same list and ending one ends its tokens.
 * Reads every session of the realm's clients: for the admin resource, never on the token path.
 */
public final class ActiveImpersonations {

    /** One running impersonation. */
    public record Entry(String sessionId, String actorId, String actorUsername, String clientId, String targetId,
                        String targetUsername, String reason, long startedSeconds, long expiresSeconds) {
    }

    private ActiveImpersonations() {
    }

    /** Unexpired Vigil impersonation sessions of the realm, oldest first. */
    public static List<Entry> list(KeycloakSession session, RealmModel realm, long nowSeconds) {
        List<Entry> entries = new ArrayList<>();
        for (UserSessionModel s : sessions(session, realm)) {
            Entry entry = entry(s, nowSeconds);
            if (entry != null) {
                entries.add(entry);
            }
        }
        entries.sort(Comparator.comparingLong(Entry::startedSeconds));
        return entries;
    }

    /** Every user session of the realm's clients, once each (impersonations among them, expired or not). */
    static List<UserSessionModel> sessions(KeycloakSession session, RealmModel realm) {
        Map<String, UserSessionModel> sessions = new java.util.LinkedHashMap<>();
        for (String clientUuid : session.sessions().getActiveClientSessionStats(realm, false).keySet()) {
            var client = realm.getClientById(clientUuid);
            if (client != null) {
                session.sessions().getUserSessionsStream(realm, client).forEach(s -> sessions.putIfAbsent(s.getId(), s));
            }
        }
        return new ArrayList<>(sessions.values());
    }

    /** The session as an impersonation, or null if it is none or has expired. */
    static Entry entry(UserSessionModel s, long nowSeconds) {
        String expires = s.getNote(SessionNotes.EXPIRES);
        String actor = s.getNote(ImpersonationSessionNote.IMPERSONATOR_ID.toString());
        if (expires == null || actor == null) {
            return null;
        }
        try {
            long expiresSeconds = Long.parseLong(expires);
            if (expiresSeconds <= nowSeconds) {
                return null;
            }
            return new Entry(s.getId(), actor, s.getNote(ImpersonationSessionNote.IMPERSONATOR_USERNAME.toString()),
                    s.getNote(SessionNotes.CLIENT), s.getUser().getId(), s.getUser().getUsername(),
                    s.getNote(SessionNotes.REASON), Long.parseLong(s.getNote(SessionNotes.STARTED)), expiresSeconds);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
