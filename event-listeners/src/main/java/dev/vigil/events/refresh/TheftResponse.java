package dev.vigil.events.refresh;

import dev.vigil.core.audit.AuditRecord;
import dev.vigil.core.audit.AuditTrail;
import dev.vigil.core.time.KeycloakClock;
import dev.vigil.core.tx.AfterCommit;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * Revokes what a detected reuse puts at risk, after the request's transaction has completed and in a
 * transaction of its own, through Keycloak's logout path (back-channel logout to the clients), then
 * writes one audit record.
 */
final class TheftResponse {

    static final String AUDIT_SOURCE = "refresh-reuse";

    private TheftResponse() {
    }

    static final String EXECUTOR = "vigil-refresh-reuse";

    static void afterCommit(KeycloakSession session, Detection detection, ResponsePlan plan, RefreshReuseMetrics metrics) {
        ExecutorService worker = session.getProvider(ExecutorsProvider.class).getExecutor(EXECUTOR);
        RefreshEvent reuse = detection.reuse();
        // A rolled-back request changed nothing: no response; its next attempt is seen again.
        AfterCommit.of(session, RefreshReuseListenerProviderFactory.ID, "responding to " + detection.source().id() + " in realm "
                        + reuse.realmName())
                .inRealm(reuse.realmId(), (s, realm) -> respond(s, realm, worker, detection, plan, metrics));
    }

    /**
     * Online sessions are logged out here, on the request thread, because Keycloak's back-channel
     * logout needs the request's context. Offline sessions are removed on a worker thread: an error
     * event's transaction commits before the request's own, which still holds the lock on the reused
     * offline client session that Keycloak deletes, and waiting for it here would wait forever.
     */
    private static void respond(KeycloakSession session, RealmModel realm, ExecutorService worker, Detection detection,
                                ResponsePlan plan, RefreshReuseMetrics metrics) {
        RefreshEvent reuse = detection.reuse();
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        UserModel user = reuse.userId() == null ? null : session.users().getUserById(realm, reuse.userId());
        int revoked = plan.revoke() == null ? 0 : revoke(session, realm, user, reuse, plan.revoke(), worker, factory);
        if (plan.stepUp() && user != null) {
            StepUpFlag.raise(session, realm, user, detection.source(), Instant.now(KeycloakClock.utc()));
        }
        boolean mailed = plan.mailUser() && plan.revoke() != null && user != null && user.getEmail() != null
                && SignedOutMail.sendLater(worker, factory, realm, user, reuse, detection.userAgent(), plan.revoke());
        metrics.detected(detection.source(), plan.action());
        AuditTrail.write(auditRecord(realm, user, detection, plan, revoked, mailed));
    }

    private static AuditRecord auditRecord(RealmModel realm, UserModel user, Detection detection, ResponsePlan plan,
                                           int revoked, boolean mailed) {
        RefreshEvent reuse = detection.reuse();
        AuditRecord.Builder record = AuditRecord.builder(AUDIT_SOURCE,
                        detection.source().isReuse() ? "REFRESH_TOKEN_REUSE" : "REFRESH_TOKEN_ANOMALY", Instant.now(KeycloakClock.utc()))
                .realm(realm.getName())
                .userId(reuse.userId())
                .username(user == null ? null : user.getUsername())
                .clientId(reuse.clientId())
                .sessionId(reuse.sessionId())
                .ipAddress(reuse.ipAddress())
                .error(detection.source().isReuse() ? "refresh_token_reused" : "refresh_token_anomaly")
                .detail("source", detection.source().id())
                .detail("family", reuse.family())
                .detail("token_type", reuse.tokenType());
        if (detection.source().isReuse()) {
            record.detail("reused_token_id", reuse.refreshTokenId())
                    .detail("reuse_time", Instant.ofEpochMilli(reuse.time()).toString())
                    .detail("reuse_ip", reuse.ipAddress())
                    .detail("reuse_user_agent", detection.userAgent());
            Detection.FirstUse first = detection.firstUse();
            if (first != null) {
                record.detail("first_use_time", Instant.ofEpochMilli(first.time()).toString())
                        .detail("first_use_ip", first.ipAddress())
                        .detail("first_use_user_agent", first.userAgent());
            }
        } else {
            record.detail("refresh_token_id", reuse.refreshTokenId())
                    .detail("time", Instant.ofEpochMilli(reuse.time()).toString())
                    .detail("user_agent", detection.userAgent());
        }
        return record.detail("action", plan.action())
                .detail("sessions_revoked", revoked)
                .detail("step_up_required", plan.stepUp() && user != null)
                .detail("user_notified", mailed)
                .build();
    }

    /** @return how many user sessions were ended (a family revocation ends none). */
    private static int revoke(KeycloakSession session, RealmModel realm, UserModel user, RefreshEvent reuse,
                              RevocationScope scope, ExecutorService offlineWork, KeycloakSessionFactory factory) {
        return Revocation.revoke(scope, reuse, user == null ? null : user.getId(),
                new KeycloakSessions(session, realm, offlineWork, factory));
    }

    /** {@link Revocation.Sessions} on Keycloak's session API, for one request. */
    private record KeycloakSessions(KeycloakSession session, RealmModel realm, ExecutorService offlineWork,
                                    KeycloakSessionFactory factory) implements Revocation.Sessions {

        private UserSessionModel find(String sessionId, boolean offline) {
            return offline ? session.sessions().getOfflineUserSession(realm, sessionId)
                    : session.sessions().getUserSession(realm, sessionId);
        }

        @Override
        public boolean exists(String sessionId, boolean offline) {
            return find(sessionId, offline) != null;
        }

        @Override
        public void detachClientSession(String sessionId, boolean offline, String clientId) {
            UserSessionModel userSession = find(sessionId, offline);
            ClientModel client = realm.getClientByClientId(clientId);
            if (userSession != null && client != null) {
                AuthenticatedClientSessionModel clientSession = userSession.getAuthenticatedClientSessionByClient(client.getId());
                if (clientSession != null) {
                    clientSession.detachFromUserSession();
                }
            }
        }

        @Override
        public void logout(String sessionId) {
            UserSessionModel userSession = find(sessionId, false);
            if (userSession != null) {
                AuthenticationManager.backchannelLogout(session, userSession, true);
            }
        }

        @Override
        public void removeOffline(List<String> offlineSessionIds, String notBeforeUserId) {
            TheftResponse.removeOffline(offlineWork, factory, realm.getId(), offlineSessionIds, notBeforeUserId);
        }

        @Override
        public List<String> onlineSessionsOf(String userId) {
            UserModel user = session.users().getUserById(realm, userId);
            return user == null ? List.of()
                    : session.sessions().getUserSessionsStream(realm, user).map(UserSessionModel::getId).collect(Collectors.toList());
        }

        @Override
        public List<String> offlineSessionsOf(String userId) {
            UserModel user = session.users().getUserById(realm, userId);
            return user == null ? List.of()
                    : session.sessions().getOfflineUserSessionsStream(realm, user).map(UserSessionModel::getId)
                    .collect(Collectors.toList());
        }
    }

    /** Removes offline sessions and, with a user id, sets that user's not-before, in a transaction of its own. */
    private static void removeOffline(ExecutorService offlineWork, KeycloakSessionFactory factory, String realmId,
                                      List<String> offlineSessionIds, String notBeforeUserId) {
        offlineWork.execute(() -> AfterCommit.now(factory, RefreshReuseListenerProviderFactory.ID,
                "removing offline sessions in realm " + realmId, realmId, (session, realm) -> {
                    for (String id : offlineSessionIds) {
                        UserSessionModel offline = session.sessions().getOfflineUserSession(realm, id);
                        if (offline != null) {
                            session.sessions().removeOfflineUserSession(realm, offline);
                        }
                    }
                    if (notBeforeUserId != null) {
                        UserModel user = session.users().getUserById(realm, notBeforeUserId);
                        // Every refresh token issued before now, online or offline, fails from here on.
                        session.users().setNotBeforeForUser(realm, user, (int) KeycloakClock.utc().instant().getEpochSecond());
                    }
                }));
    }
}
