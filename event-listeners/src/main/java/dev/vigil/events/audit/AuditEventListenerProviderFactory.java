package dev.vigil.events.audit;

import dev.vigil.core.VigilProviderFactory;
import dev.vigil.core.compat.VigilCapability;
import dev.vigil.core.config.ServerOptions;
import java.util.List;
import java.util.Map;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

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
    static final String OPTION_EVENT_TYPES = AuditConfigProperties.EVENT_TYPES.key();
    static final String OPTION_ADMIN_RESOURCE_TYPES = AuditConfigProperties.ADMIN_RESOURCE_TYPES.key();

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
        Map<String, String> options = ServerOptions.read(ID, config, AuditConfigProperties.OPTIONS);
        audited = AuditedEvents.of(AuditConfigProperties.EVENT_TYPES.read(options),
                AuditConfigProperties.ADMIN_RESOURCE_TYPES.read(options));
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return AuditConfigProperties.OPTIONS.properties();
    }

    @Override
    public Map<String, String> operationalDetails() {
        return Map.of(
                "log-category", dev.vigil.core.audit.AuditTrail.CATEGORY,
                OPTION_EVENT_TYPES, audited.describeEventTypes(),
                OPTION_ADMIN_RESOURCE_TYPES, audited.describeResourceTypes());
    }
}
