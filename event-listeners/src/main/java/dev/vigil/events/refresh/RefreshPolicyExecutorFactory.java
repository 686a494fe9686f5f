package dev.vigil.events.refresh;

import dev.vigil.core.VigilProviderFactory;
import dev.vigil.core.compat.VigilCapability;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
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
        return ProviderConfigurationBuilder.create()
                .property().name(RefreshPolicy.RESPONSE).label("Response to a reused refresh token")
                .type(ProviderConfigProperty.LIST_TYPE)
                .options(RefreshPolicy.SERVER_DEFAULT, RevocationScope.FAMILY.id(), RevocationScope.SESSION.id(),
                        RevocationScope.USER.id())
                .defaultValue(RefreshPolicy.SERVER_DEFAULT)
                .helpText("What a detected reuse revokes. server-default (default): the server option "
                        + "--spi-events-listener--vigil-refresh-reuse--response (itself session by default); family: that "
                        + "client's session only; session: the whole user session, every client in it; user: every session "
                        + "of the user, offline ones too, and every older refresh token.")
                .add()
                .property().name(RefreshPolicy.GRACE_SECONDS).label("Grace window (seconds)")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("0")
                .helpText("Presenting the immediately previous refresh token again within this many seconds of its first "
                        + "use is treated as a benign race (two tabs, a retried request) and answered like a normal refresh. "
                        + "0 to 60; default 0 (off: Keycloak's own behaviour). Only where the realm revokes refresh tokens.")
                .add()
                .property().name(RefreshPolicy.ROTATION_ENFORCED).label("Rotation enforced")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(false)
                .helpText("Treat a second use of one refresh token as theft for these clients even where the realm does "
                        + "not revoke refresh tokens (Realm settings, Tokens). Default off.")
                .add()
                .property().name(RefreshPolicy.NOTIFY_USER).label("Mail the user")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(false)
                .helpText("After a revocation, mail the user that they were signed out because of suspicious activity. "
                        + "Default off.")
                .add()
                .property().name(RefreshPolicy.STEP_UP_NEXT_LOGIN).label("Second factor at next login")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(false)
                .helpText("After a detection, mark the user (attribute vigil.step-up-required) so that step-up rules ask "
                        + "for a second factor at the next login. Default off.")
                .add()
                .property().name(RefreshPolicy.MAX_REFRESHES_PER_MINUTE).label("Refreshes per minute before a signal")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("0")
                .helpText("More refreshes than this in one refresh-token family within a minute is recorded as an "
                        + "anomaly. 0 (default) is off; at most 10000.")
                .add()
                .property().name(RefreshPolicy.USER_AGENT_CHANGE).label("Signal a changed user agent")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(false)
                .helpText("Record an anomaly when the user agent of a refresh-token family changes between refreshes. "
                        + "Default off.")
                .add()
                .property().name(RefreshPolicy.ANOMALY_ACTION).label("Action on an anomaly")
                .type(ProviderConfigProperty.LIST_TYPE)
                .options(AnomalyAction.LOG.id(), AnomalyAction.STEP_UP.id(), AnomalyAction.REVOKE.id())
                .defaultValue(AnomalyAction.LOG.id())
                .helpText("log (default): audit record only; step-up: also require a second factor at the next login; "
                        + "revoke: also revoke as for a detected reuse.")
                .add()
                .build();
    }
}
