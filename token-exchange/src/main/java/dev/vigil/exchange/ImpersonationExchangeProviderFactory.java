package dev.vigil.exchange;

import dev.vigil.core.VigilVersion;
import dev.vigil.core.compat.MinimumKeycloak;
import dev.vigil.core.time.KeycloakClock;
import io.micrometer.core.instrument.Metrics;
import java.util.Map;
import org.keycloak.Config;
import org.keycloak.common.Version;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.protocol.oidc.TokenExchangeProvider;
import org.keycloak.protocol.oidc.TokenExchangeProviderFactory;
import org.keycloak.provider.EnvironmentDependentProviderFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

/**
 * Ordered above Keycloak's standard token exchange (10), so it sees requests with
 * {@code requested_subject} first; it supports nothing else.
 */
public class ImpersonationExchangeProviderFactory implements TokenExchangeProviderFactory, ServerInfoAwareProviderFactory,
        EnvironmentDependentProviderFactory {

    public static final String ID = "vigil-impersonation";
    private ImpersonationMetrics metrics;
    private ImpersonationExpiry expiry;

    @Override
    public TokenExchangeProvider create(KeycloakSession session) {
        return new ImpersonationExchangeProvider(session, KeycloakClock.utc(), metrics, expiry);
    }

    /**
     * Before 26.5.0 Keycloak's {@code client-roles} condition (the one the docs and the demo use to name the
     * clients that may impersonate) does not vote on {@code TOKEN_EXCHANGE_REQUEST}, so the impersonation
     * executor would never run; before 26.7.0 Vigil's introspection provider, which keeps an impersonation
     * token's restricted scope when Keycloak rebuilds it for the Account API, is off (see
     * {@code ActorIntrospectionProviderFactory}), and the token could write through the Account API.
     */
    static final MinimumKeycloak MINIMUM = new MinimumKeycloak(ID, 26, 7, "before 26.7 Keycloak rebuilds an"
            + " impersonation token for its Account API without Vigil's restriction (and before 26.5 its client-roles"
            + " condition does not see token-exchange requests), so the token could do more than it was issued for.");

    /** Off, with one ERROR line, on a Keycloak older than {@link #MINIMUM}. */
    @Override
    public boolean isSupported(Config.Scope config) {
        return MINIMUM.supported(Version.VERSION);
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        metrics = new ImpersonationMetrics(Metrics.globalRegistry);
        expiry = new ImpersonationExpiry(factory, KeycloakClock.utc());
        // Swept from the end of Keycloak's start: before it the single-use store's cache does not exist yet.
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                expiry.start();
            }
        });
    }

    @Override
    public void close() {
        if (expiry != null) {
            expiry.close();
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

    @Override
    public Map<String, String> getOperationalInfo() {
        return VigilVersion.operationalInfo(Map.of());
    }
}
