package dev.vigil.events.refresh;

import dev.vigil.core.VigilProviderFactory;
import dev.vigil.core.compat.VigilCapability;
import dev.vigil.core.time.KeycloakClock;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.refresh.RefreshTokenProvider;
import org.keycloak.protocol.oidc.refresh.RefreshTokenProviderFactory;

/**
 * Takes over Keycloak's refresh path (SPI {@code refresh-token}) by a higher order than the default
 * provider; it supports exactly what the default one supports, so other providers (OID4VCI) keep
 * their tokens.
 */
public class GraceRefreshTokenProviderFactory implements RefreshTokenProviderFactory, VigilProviderFactory<RefreshTokenProvider> {

    @Override
    public VigilCapability capability() {
        return VigilCapability.REFRESH_THEFT;
    }

    public static final String ID = "vigil-refresh-reuse";

    @Override
    public RefreshTokenProvider create(KeycloakSession session) {
        return new GraceRefreshTokenProvider(session, KeycloakClock.utc());
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public Map<String, String> operationalDetails() {
        return Map.of("role", "Keycloak's refresh path plus the grace window of vigil-refresh-reuse client policies");
    }
}
