package dev.vigil.exchange;

import dev.vigil.core.VigilProviderFactory;
import dev.vigil.core.compat.VigilCapability;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProviderFactory;

/** Client-policy executor {@code vigil-impersonation}: which clients may impersonate, and how. */
public class ImpersonationExecutorFactory implements ClientPolicyExecutorProviderFactory, VigilProviderFactory<ClientPolicyExecutorProvider> {

    @Override
    public boolean isSupported(Config.Scope config) { // Keycloak's executor factories have a default of their own
        return VigilProviderFactory.super.isSupported(config);
    }

    @Override
    public VigilCapability capability() {
        return VigilCapability.IMPERSONATION;
    }

    public static final String ID = "vigil-impersonation";

    @Override
    public ClientPolicyExecutorProvider<ImpersonationExecutorConfig> create(KeycloakSession session) {
        return new ImpersonationExecutor(session);
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
}
