package dev.vigil.events.audit;

import dev.vigil.core.audit.AuditRecord;
import java.time.Instant;
import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;

/** Turns Keycloak's user and admin events into audit records. No Keycloak session needed. */
public final class KeycloakEventRecords {

    public static final String SOURCE_EVENT = "event";
    public static final String SOURCE_ADMIN_EVENT = "admin-event";

    private KeycloakEventRecords() {
    }

    /**
     * @param username the user's name when the caller could resolve it, else null (the event's own
     *                 {@code username} detail is used then)
     */
    public static AuditRecord of(Event event, String username) {
        String name = username != null ? username : detail(event, Details.USERNAME);
        return AuditRecord.builder(SOURCE_EVENT, event.getType().name(), Instant.ofEpochMilli(event.getTime()))
                .realm(event.getRealmName() != null ? event.getRealmName() : event.getRealmId())
                .userId(event.getUserId())
                .username(name)
                .clientId(event.getClientId())
                .sessionId(event.getSessionId())
                .ipAddress(event.getIpAddress())
                .error(event.getError())
                .details(event.getDetails())
                .build();
    }

    /** The admin event without its representation: a representation can hold secrets and credentials. */
    public static AuditRecord of(AdminEvent event) {
        AuthDetails auth = event.getAuthDetails();
        AuditRecord.Builder b = AuditRecord.builder(SOURCE_ADMIN_EVENT,
                        event.getResourceTypeAsString() + "_" + event.getOperationType().name(),
                        Instant.ofEpochMilli(event.getTime()))
                .realm(event.getRealmName() != null ? event.getRealmName() : event.getRealmId())
                .error(event.getError())
                .detail("operation", event.getOperationType().name())
                .detail("resource_type", event.getResourceTypeAsString())
                .detail("resource_path", event.getResourcePath())
                .details(event.getDetails());
        if (auth != null) {
            b.userId(auth.getUserId()).clientId(auth.getClientId()).ipAddress(auth.getIpAddress())
                    .detail("auth_realm", auth.getRealmName() != null ? auth.getRealmName() : auth.getRealmId());
        }
        return b.build();
    }

    private static String detail(Event event, String key) {
        return event.getDetails() == null ? null : event.getDetails().get(key);
    }
}
