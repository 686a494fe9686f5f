package dev.vigil.events.refresh;

import dev.vigil.core.audit.AuditRecord;
import dev.vigil.core.audit.AuditTrail;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.managers.AuthenticationManager;

/**
 * Revokes what a detected reuse puts at risk, after the request's transaction has completed and in a
 * transaction of its own, through Keycloak's logout path (back-channel logout to the clients), then
 * writes one audit record.
 */
final class TheftResponse {

    static final String AUDIT_SOURCE = "refresh-reuse";
    private static final Logger LOG = Logger.getLogger(TheftResponse.class);

    private TheftResponse() {
    }

    static void afterCommit(KeycloakSession session, Detection detection, RevocationScope scope, RefreshReuseMetrics metrics) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                respond(factory, detection, scope, metrics);
            }

            @Override
            protected void rollbackImpl() {
                // Error events arrive in a transaction of their own; a rolled-back success event changed nothing.
                if (detection.source() == Detection.Source.KEYCLOAK_REUSE_ERROR) {
                    respond(factory, detection, scope, metrics);
                }
            }
        });
    }

    private static void respond(KeycloakSessionFactory factory, Detection detection, RevocationScope scope,
                                RefreshReuseMetrics metrics) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                RefreshEvent reuse = detection.reuse();
                RealmModel realm = session.realms().getRealm(reuse.realmId());
                if (realm == null) {
                    return;
                }
                session.getContext().setRealm(realm);
                UserModel user = reuse.userId() == null ? null : session.users().getUserById(realm, reuse.userId());
                int revoked = revoke(session, realm, user, reuse, scope);
                metrics.detected(detection.source(), scope);
                AuditTrail.write(AuditRecord.builder(AUDIT_SOURCE, "REFRESH_TOKEN_REUSE", Instant.now())
                        .realm(realm.getName())
                        .userId(reuse.userId())
                        .username(user == null ? null : user.getUsername())
                        .clientId(reuse.clientId())
                        .sessionId(reuse.sessionId())
                        .ipAddress(reuse.ipAddress())
                        .error("refresh_token_reused")
                        .detail("source", detection.source().id())
                        .detail("family", reuse.clientId() + "/" + reuse.sessionId())
                        .detail("reused_token_id", reuse.refreshTokenId())
                        .detail("token_type", reuse.tokenType())
                        .detail("reuse_time", Instant.ofEpochMilli(reuse.time()).toString())
                        .detail("reuse_ip", reuse.ipAddress())
                        .detail("action", scope.id())
                        .detail("sessions_revoked", revoked)
                        .build());
            });
        } catch (RuntimeException e) {
            LOG.errorf("vigil-refresh-reuse: revoking after a detected reuse in realm %s failed: %s",
                    detection.reuse().realmName(), e.toString());
        }
    }

    /** @return how many user sessions were ended (a family revocation ends none). */
    private static int revoke(KeycloakSession session, RealmModel realm, UserModel user, RefreshEvent reuse,
                              RevocationScope scope) {
        UserSessionModel userSession = reuse.sessionId() == null ? null
                : reuse.isOffline() ? session.sessions().getOfflineUserSession(realm, reuse.sessionId())
                : session.sessions().getUserSession(realm, reuse.sessionId());
        switch (scope) {
            case FAMILY -> {
                ClientModel client = reuse.clientId() == null ? null : realm.getClientByClientId(reuse.clientId());
                if (userSession != null && client != null) {
                    AuthenticatedClientSessionModel clientSession = userSession.getAuthenticatedClientSessionByClient(client.getId());
                    if (clientSession != null) {
                        clientSession.detachFromUserSession();
                    }
                }
                return 0;
            }
            case SESSION -> {
                if (userSession == null) {
                    return 0;
                }
                if (reuse.isOffline()) {
                    session.sessions().removeOfflineUserSession(realm, userSession);
                } else {
                    AuthenticationManager.backchannelLogout(session, userSession, true);
                }
                return 1;
            }
            case USER -> {
                if (user == null) {
                    return 0;
                }
                List<UserSessionModel> online = session.sessions().getUserSessionsStream(realm, user).collect(Collectors.toList());
                online.forEach(s -> AuthenticationManager.backchannelLogout(session, s, true));
                List<UserSessionModel> offline = session.sessions().getOfflineUserSessionsStream(realm, user)
                        .collect(Collectors.toList());
                offline.forEach(s -> session.sessions().removeOfflineUserSession(realm, s));
                // Every refresh token issued before now, online or offline, fails from here on.
                session.users().setNotBeforeForUser(realm, user, (int) (System.currentTimeMillis() / 1000));
                return online.size() + offline.size();
            }
            default -> throw new IllegalStateException(scope.name());
        }
    }
}
