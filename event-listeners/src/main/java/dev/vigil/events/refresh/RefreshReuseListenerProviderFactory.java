package dev.vigil.events.refresh;

import dev.vigil.core.VigilProviderFactory;
import dev.vigil.core.compat.VigilCapability;
import dev.vigil.core.config.ServerOptions;
import io.micrometer.core.instrument.Metrics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * {@code vigil-refresh-reuse}: switched on per realm under Realm settings, Events, Event listeners.
 * The response is a server-wide option ({@code --spi-events-listener--vigil-refresh-reuse--response}).
 */
public class RefreshReuseListenerProviderFactory implements EventListenerProviderFactory, VigilProviderFactory<EventListenerProvider> {

    @Override
    public VigilCapability capability() {
        return VigilCapability.REFRESH_THEFT;
    }

    public static final String ID = "vigil-refresh-reuse";
    static final String OPTION_RESPONSE = RefreshPolicyConfigProperties.SERVER_RESPONSE.key();
    private static final Logger LOG = Logger.getLogger(RefreshReuseListenerProviderFactory.class);

    private RevocationScope scope = RevocationScope.SESSION;
    private RefreshReuseMetrics metrics;
    /** Realms told once that detection is inactive because they do not rotate refresh tokens. */
    private final Set<String> rotationOffRealms = ConcurrentHashMap.newKeySet();

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new RefreshReuseListenerProvider(session, this);
    }

    @Override
    public void init(Config.Scope config) {
        scope = RefreshPolicyConfigProperties.SERVER_RESPONSE.read(
                ServerOptions.read(ID, config, RefreshPolicyConfigProperties.SERVER_OPTIONS));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        metrics = new RefreshReuseMetrics(Metrics.globalRegistry);
    }

    RevocationScope scope() {
        return scope;
    }

    RefreshReuseMetrics metrics() {
        return metrics;
    }

    void rotationOff(RealmModel realm) {
        if (rotationOffRealms.add(realm.getName())) {
            LOG.warnf("vigil-refresh-reuse: realm %s does not rotate refresh tokens (Realm settings, Tokens, "
                    + "Revoke Refresh Token is off), so reusing one is allowed there and not detected, except for clients under "
                    + "a vigil-refresh-reuse client policy with rotation enforced.", realm.getName());
        }
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return RefreshPolicyConfigProperties.SERVER_OPTIONS.properties();
    }

    @Override
    public Map<String, String> operationalDetails() {
        return Map.of(
                OPTION_RESPONSE, scope.id(),
                "detection-inactive-in-realms", String.join(",", new TreeSet<>(rotationOffRealms)));
    }
}
