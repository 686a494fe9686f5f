package dev.vigil.events.refresh;

import java.util.List;

/**
 * What each response scope revokes, free of Keycloak: the decisions of the theft response, carried out
 * through a {@link Sessions} facade (Keycloak's session API in {@link TheftResponse}, a fake in the tests).
 */
final class Revocation {

    /** The operations a response needs, one Keycloak call each. */
    interface Sessions {
        /** Whether the user session (online or offline) still exists. */
        boolean exists(String sessionId, boolean offline);

        /** Detaches the client's session from the user session: that family ends, the rest stays. */
        void detachClientSession(String sessionId, boolean offline, String clientId);

        /** Keycloak's logout of an online session, with back-channel logout to its clients. */
        void logout(String sessionId);

        /** Removes offline sessions and, with a user id, sets that user's not-before (after the request). */
        void removeOffline(List<String> offlineSessionIds, String notBeforeUserId);

        List<String> onlineSessionsOf(String userId);

        List<String> offlineSessionsOf(String userId);
    }

    private Revocation() {
    }

    /**
     * Revokes what {@code scope} takes away after a detection on {@code reuse}.
     *
     * @return how many user sessions were ended (a family revocation ends none)
     */
    static int revoke(RevocationScope scope, RefreshEvent reuse, String userId, Sessions sessions) {
        String sessionId = reuse.sessionId();
        switch (scope) {
            case FAMILY -> {
                if (sessionId != null && reuse.clientId() != null && sessions.exists(sessionId, reuse.isOffline())) {
                    sessions.detachClientSession(sessionId, reuse.isOffline(), reuse.clientId());
                }
                return 0;
            }
            case SESSION -> {
                if (sessionId == null || !sessions.exists(sessionId, reuse.isOffline())) {
                    return 0;
                }
                if (reuse.isOffline()) {
                    sessions.removeOffline(List.of(sessionId), null);
                } else {
                    sessions.logout(sessionId);
                }
                return 1;
            }
            case USER -> {
                if (userId == null) {
                    return 0;
                }
                List<String> online = sessions.onlineSessionsOf(userId);
                online.forEach(sessions::logout);
                List<String> offline = sessions.offlineSessionsOf(userId);
                // Always, even without offline sessions: the not-before ends every older token.
                sessions.removeOffline(offline, userId);
                return online.size() + offline.size();
            }
            default -> throw new IllegalStateException(scope.name());
        }
    }
}
