package dev.vigil.authenticators.trust;

import dev.vigil.core.VigilVersion;
import dev.vigil.core.time.KeycloakClock;
import java.util.Map;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/** Event listener {@code vigil-trusted-devices}; switch it on in Realm settings → Events → Event listeners. */
public class TrustRevocationListenerFactory implements EventListenerProviderFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "vigil-trusted-devices";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new TrustRevocationListener(session, KeycloakClock.utc());
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return VigilVersion.operationalInfo(Map.of());
    }
}
