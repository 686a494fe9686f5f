package dev.vigil.events.refresh;

import dev.vigil.core.VigilVersion;
import dev.vigil.core.time.KeycloakClock;
import java.util.Map;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.protocol.oidc.refresh.RefreshTokenProvider;
import org.keycloak.protocol.oidc.refresh.RefreshTokenProviderFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * Takes over Keycloak's refresh path (SPI {@code refresh-token}) by a higher order than the default
 * provider; it supports exactly what the default one supports, so other providers (OID4VCI) keep
 * their tokens.
 */
public class GraceRefreshTokenProviderFactory implements RefreshTokenProviderFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "vigil-refresh-reuse";

    @Override
    public RefreshTokenProvider create(KeycloakSession session) {
        return new GraceRefreshTokenProvider(session, KeycloakClock.utc());
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
    public String getId() {
        return ID;
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return VigilVersion.operationalInfo(Map.of("role", "Keycloak's refresh path plus the grace window of vigil-refresh-reuse client policies"));
    }
}
