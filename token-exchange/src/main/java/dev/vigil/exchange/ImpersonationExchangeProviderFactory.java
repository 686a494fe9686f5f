package dev.vigil.exchange;

import dev.vigil.core.VigilProviderFactory;
import dev.vigil.core.compat.VigilCapability;
import dev.vigil.core.time.KeycloakClock;
import io.micrometer.core.instrument.Metrics;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.protocol.oidc.TokenExchangeProvider;
import org.keycloak.protocol.oidc.TokenExchangeProviderFactory;

/**
 * Ordered above Keycloak's standard token exchange (10), so it sees requests with
 * {@code requested_subject} first; it supports nothing else.
 */
public class ImpersonationExchangeProviderFactory implements TokenExchangeProviderFactory, VigilProviderFactory<TokenExchangeProvider> {

    @Override
    public VigilCapability capability() {
        return VigilCapability.IMPERSONATION;
    }

    public static final String ID = "vigil-impersonation";
    private ImpersonationMetrics metrics;
    private ExpiredImpersonations expired;

    @Override
    public TokenExchangeProvider create(KeycloakSession session) {
        return new ImpersonationExchangeProvider(session, KeycloakClock.utc(), metrics);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        metrics = new ImpersonationMetrics(Metrics.globalRegistry);
        expired = new ExpiredImpersonations(factory, KeycloakClock.utc());
        // From the end of Keycloak's start: before it Vigil's table may not exist yet.
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                expired.start();
            }
        });
    }

    @Override
    public void close() {
        if (expired != null) {
            expired.close();
        }
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public int order() {
        return 20;
    }
}
