package dev.vigil.authenticators.trust;

import dev.vigil.core.VigilProviderFactory;
import dev.vigil.core.compat.VigilCapability;
import dev.vigil.core.time.KeycloakClock;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;

/** Event listener {@code vigil-trusted-devices}; switch it on in Realm settings → Events → Event listeners. */
public class TrustRevocationListenerFactory implements EventListenerProviderFactory, VigilProviderFactory<EventListenerProvider> {

    @Override
    public VigilCapability capability() {
        return VigilCapability.STEP_UP;
    }

    public static final String ID = "vigil-trusted-devices";

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new TrustRevocationListener(session, KeycloakClock.utc());
    }

    @Override
    public String getId() {
        return ID;
    }
}
