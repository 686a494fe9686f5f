package dev.vigil.events.audit;

import dev.vigil.core.audit.AuditTrail;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * Turns audited events into records at once and writes them when the request's transaction
 * commits, so a rolled back request leaves no record of something that did not happen. Error
 * events arrive in their own transaction, which Keycloak commits straight away.
 */
public class AuditEventListenerProvider implements EventListenerProvider {

    private final KeycloakSession session;
    private final AuditedEvents audited;

    AuditEventListenerProvider(KeycloakSession session, AuditedEvents audited) {
        this.session = session;
        this.audited = audited;
    }

    @Override
    public void onEvent(Event event) {
        if (audited.includes(event.getType())) {
            AuditTrail.writeAfterCommit(session, KeycloakEventRecords.of(event, usernameOf(event)));
        }
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        if (audited.includes(event.getResourceType())) {
            AuditTrail.writeAfterCommit(session, KeycloakEventRecords.of(event));
        }
    }

    /** Events such as REFRESH_TOKEN carry only the user id; the user cache answers without a query. */
    private String usernameOf(Event event) {
        if (event.getUserId() == null || (event.getDetails() != null && event.getDetails().containsKey(Details.USERNAME))) {
            return null;
        }
        RealmModel realm = session.getContext().getRealm();
        if (realm == null || !realm.getId().equals(event.getRealmId())) {
            realm = session.realms().getRealm(event.getRealmId());
        }
        if (realm == null) {
            return null;
        }
        UserModel user = session.users().getUserById(realm, event.getUserId());
        return user == null ? null : user.getUsername();
    }

    @Override
    public void close() {
    }
}
