package dev.vigil.authenticators.trust;

import dev.vigil.core.audit.AuditRecord;
import dev.vigil.core.audit.AuditTrail;
import dev.vigil.core.tx.AfterCommit;
import java.time.Clock;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * {@code vigil-trusted-devices}: ends the trust of every browser of a user when the user signs out of
 * all devices or changes a credential, or an admin resets or removes one or signs the user out.
 * The mark is written after the request's own transaction, in one of its own.
 */
final class TrustRevocationListener implements EventListenerProvider {

    private final KeycloakSession session;
    private final Clock clock;

    TrustRevocationListener(KeycloakSession session, Clock clock) {
        this.session = session;
        this.clock = clock;
    }

    @Override
    public void onEvent(Event event) {
        if (event.getError() != null || event.getUserId() == null) {
            return;
        }
        String method = session.getContext().getHttpRequest() == null ? null : session.getContext().getHttpRequest().getHttpMethod();
        String path = session.getContext().getUri() == null ? null : session.getContext().getUri().getPath();
        String reason = TrustRevokingEvents.reason(event.getType(), method, path);
        if (reason != null) {
            revokeAfterCommit(event.getRealmId(), event.getUserId(), reason, "user");
        }
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        if (event.getError() != null) {
            return;
        }
        String userId = TrustRevokingEvents.adminTarget(event.getResourceType(), event.getOperationType(), event.getResourcePath());
        if (userId != null) {
            revokeAfterCommit(event.getRealmId(), userId, "admin " + event.getOperationType().name().toLowerCase()
                    + " " + event.getResourcePath(), "admin");
        }
    }

    private void revokeAfterCommit(String realmId, String userId, String reason, String by) {
        AfterCommit.of(session, "vigil-trusted-devices", "ending the trusted devices of user " + userId + " in realm " + realmId)
                .inRealm(realmId, (s, realm) -> revoke(s, realm, userId, reason, by));
    }

    private void revoke(KeycloakSession s, RealmModel realm, String userId, String reason, String by) {
        UserModel user = s.users().getUserById(realm, userId);
        if (user == null) {
            return;
        }
        TrustRevocation.revoke(s, realm, user, clock.instant());
        AuditTrail.write(AuditRecord.builder("trusted-devices", "TRUSTED_DEVICES_REVOKED", clock.instant())
                .realm(realm.getName()).userId(user.getId()).username(user.getUsername())
                .detail("reason", reason).detail("by", by).build());
    }

    @Override
    public void close() {
    }
}
