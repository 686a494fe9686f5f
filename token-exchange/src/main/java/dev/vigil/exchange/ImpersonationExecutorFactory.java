package dev.vigil.exchange;

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

/** Client-policy executor {@code vigil-impersonation}: which clients may impersonate, and how. */
public class ImpersonationExecutorFactory implements ClientPolicyExecutorProviderFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "vigil-impersonation";

    @Override
    public ClientPolicyExecutorProvider<ImpersonationExecutorConfig> create(KeycloakSession session) {
        return new ImpersonationExecutor(session);
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
        return "Vigil audited impersonation: the selected (confidential) clients may exchange an impersonator's access "
                + "token for a short access token of another user (token exchange with requested_subject and reason).";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ImpersonationConfigProperties.OPTIONS.properties();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return VigilVersion.operationalInfo(Map.of());
    }
}
