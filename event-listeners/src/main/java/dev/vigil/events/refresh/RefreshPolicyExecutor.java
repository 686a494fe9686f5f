package dev.vigil.events.refresh;

import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.clientpolicy.ClientPolicyContext;
import org.keycloak.services.clientpolicy.ClientPolicyEvent;
import org.keycloak.services.clientpolicy.executor.ClientPolicyExecutorProvider;

/**
 * On a refresh of a client that a {@code vigil-refresh-reuse} client policy selects, leaves the
 * policy for Vigil's refresh path and listener. Refuses nothing itself.
 */
public class RefreshPolicyExecutor implements ClientPolicyExecutorProvider<RefreshPolicyExecutorConfig> {

    private static final Logger LOG = Logger.getLogger(RefreshPolicyExecutor.class);

    private final KeycloakSession session;
    private RefreshPolicy policy = RefreshPolicy.NONE;

    RefreshPolicyExecutor(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public Class<RefreshPolicyExecutorConfig> getExecutorConfigurationClass() {
        return RefreshPolicyExecutorConfig.class;
    }

    @Override
    public void setupConfiguration(RefreshPolicyExecutorConfig config) {
        try {
            policy = config.toPolicy();
        } catch (IllegalArgumentException e) {
            // Keycloak sets up an executor to validate a configuration before it refuses to save it.
            LOG.debugf("vigil-refresh-reuse: ignoring an invalid client-policy executor configuration: %s", e.getMessage());
            policy = RefreshPolicy.NONE;
        }
    }

    @Override
    public void executeOnEvent(ClientPolicyContext context) {
        if (context.getEvent() == ClientPolicyEvent.TOKEN_REFRESH) {
            session.setAttribute(RefreshPolicy.SESSION_ATTRIBUTE, policy);
        }
    }

    @Override
    public String getProviderId() {
        return RefreshPolicyExecutorFactory.ID;
    }
}
