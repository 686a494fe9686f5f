package dev.vigil.events.refresh;

import dev.vigil.core.VigilProviderFactory;
import dev.vigil.core.compat.VigilCapability;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

/**
 * Client-policy executor {@code vigil-refresh-reuse}: the per-client and per-realm settings of
 * refresh-token theft response, in Realm settings, Client policies, editable without a restart.
 * The policy's conditions pick the clients ("any-client" for the whole realm).
 */
public class RefreshPolicyExecutorFactory implements ClientPolicyExecutorProviderFactory, VigilProviderFactory<ClientPolicyExecutorProvider> {

    @Override
    public boolean isSupported(Config.Scope config) { // Keycloak's executor factories have a default of their own
        return VigilProviderFactory.super.isSupported(config);
    }

    @Override
    public VigilCapability capability() {
        return VigilCapability.REFRESH_THEFT;
    }

    public static final String ID = "vigil-refresh-reuse";

    @Override
    public ClientPolicyExecutorProvider<RefreshPolicyExecutorConfig> create(KeycloakSession session) {
        return new RefreshPolicyExecutor(session);
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getHelpText() {
        return "Vigil refresh-token theft response for the selected clients: what a reused refresh token revokes, "
                + "a grace window for benign races, rotation per client, user mail and step-up, and anomaly signals. "
                + "Needs the event listener vigil-refresh-reuse on in Realm settings, Events.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return RefreshPolicyConfigProperties.OPTIONS.properties();
    }
}
