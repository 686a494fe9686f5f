package dev.vigil.events.refresh;

import dev.vigil.core.VigilVersion;
import java.util.List;
import java.util.Map;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

/**
 * Client-policy executor {@code vigil-refresh-reuse}: the per-client and per-realm settings of
 * refresh-token theft response, in Realm settings, Client policies, editable without a restart.
 * The policy's conditions pick the clients ("any-client" for the whole realm).
 */
public class RefreshPolicyExecutorFactory implements ClientPolicyExecutorProviderFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "vigil-refresh-reuse";

    @Override
    public ClientPolicyExecutorProvider<RefreshPolicyExecutorConfig> create(KeycloakSession session) {
        return new RefreshPolicyExecutor(session);
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
    public String getHelpText() {
        return "Vigil refresh-token theft response for the selected clients: what a reused refresh token revokes, "
                + "a grace window for benign races, rotation per client, user mail and step-up, and anomaly signals. "
                + "Needs the event listener vigil-refresh-reuse on in Realm settings, Events.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return RefreshPolicyConfigProperties.OPTIONS.properties();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return VigilVersion.operationalInfo(Map.of());
    }
}
