package dev.vigil.exchange;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyEvent;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

/**
 * Enables impersonation for the clients a client policy selects, with that policy's settings: on a
 * token-exchange request it leaves the settings for the exchange provider. Without it a client may
 * not impersonate.
 */
public class ImpersonationExecutor implements ClientPolicyExecutorProvider<ImpersonationExecutorConfig> {

    static final String SESSION_ATTRIBUTE = "vigil.impersonation-settings";

    private final KeycloakSession session;
    private ImpersonationSettings settings = ImpersonationSettings.DEFAULTS;

    ImpersonationExecutor(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Class<ImpersonationExecutorConfig> getExecutorConfigurationClass() {
        return ImpersonationExecutorConfig.class;
    }

    @Override
    public void setupConfiguration(ImpersonationExecutorConfig config) {
        try {
            settings = config.toSettings();
        } catch (IllegalArgumentException e) {
            // Keycloak sets an executor up to validate a configuration before it refuses to save it.
            settings = null;
        }
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) {
        if (context.getEvent() == ClientPolicyEvent.TOKEN_EXCHANGE_REQUEST && settings != null) {
            session.setAttribute(SESSION_ATTRIBUTE, settings);
        }
    }

    @Override
    public String getProviderId() {
        return ImpersonationExecutorFactory.ID;
    }
}
