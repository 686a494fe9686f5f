package dev.vigil.events.audit;

import dev.vigil.core.VigilProviderFactory;
import dev.vigil.core.compat.VigilCapability;
import java.util.List;
import java.util.Map;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * {@code vigil-audit}: one JSON line per security-relevant event in the log category
 * {@code vigil.audit}. Switched on per realm under Realm settings, Events, Event listeners.
 */
public class AuditEventListenerProviderFactory implements EventListenerProviderFactory, VigilProviderFactory<EventListenerProvider> {

    @Override
    public VigilCapability capability() {
        return VigilCapability.AUDIT_TRAIL;
    }

    public static final String ID = "vigil-audit";
    static final String OPTION_EVENT_TYPES = "event-types";
    static final String OPTION_ADMIN_RESOURCE_TYPES = "admin-resource-types";

    private AuditedEvents audited = AuditedEvents.defaults();

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new AuditEventListenerProvider(session, audited);
    }

    @Override
    public void init(Config.Scope config) {
        audited = AuditedEvents.of(config.get(OPTION_EVENT_TYPES), config.get(OPTION_ADMIN_RESOURCE_TYPES));
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name(OPTION_EVENT_TYPES).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Comma-separated Keycloak event types to write, or * for all. "
                        + "Default: logins, token grants and refreshes, token exchange, impersonation, logout, "
                        + "credential and required-action events, and their errors.")
                .add()
                .property().name(OPTION_ADMIN_RESOURCE_TYPES).type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Comma-separated admin-event resource types to write, or * for all. "
                        + "Default: realm, users, sessions, groups memberships, clients, client scopes, roles, "
                        + "role mappings, flows, executions, authenticator configs, required actions, components, "
                        + "identity providers.")
                .add()
                .build();
    }

    @Override
    public Map<String, String> operationalDetails() {
        return Map.of(
                "log-category", dev.vigil.core.audit.AuditTrail.CATEGORY,
                OPTION_EVENT_TYPES, audited.describeEventTypes(),
                OPTION_ADMIN_RESOURCE_TYPES, audited.describeResourceTypes());
    }
}
