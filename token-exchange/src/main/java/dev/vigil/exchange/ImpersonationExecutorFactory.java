package dev.vigil.exchange;

import dev.vigil.core.VigilProviderFactory;
import dev.vigil.core.compat.VigilCapability;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
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
        ImpersonationSettings d = ImpersonationSettings.DEFAULTS;
        return ProviderConfigurationBuilder.create()
                .property().name(ImpersonationSettings.IMPERSONATOR_ROLE).label("Impersonator role")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(d.impersonatorRole())
                .helpText("Realm role the acting person must hold. Default " + d.impersonatorRole() + ".").add()
                .property().name(ImpersonationSettings.PROTECTED_ROLE).label("Protected role")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(d.protectedRole())
                .helpText("Realm role that makes its holders impossible to impersonate. Default " + d.protectedRole()
                        + ". Holders of the impersonator role and of realm-management roles are always refused too.").add()
                .property().name(ImpersonationSettings.ACTOR_GROUPS_ONLY).label("Only targets in the actor's groups")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(d.actorGroupsOnly())
                .helpText("Allow only targets that are members of one of the acting person's groups (or their subgroups). "
                        + "Default off.").add()
                .property().name(ImpersonationSettings.REASON_REQUIRED).label("Reason required")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(d.reasonRequired())
                .helpText("The request must carry a reason (for example a ticket reference). Default on.").add()
                .property().name(ImpersonationSettings.REASON_MIN_LENGTH).label("Shortest reason")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(d.reasonMinLength()))
                .helpText("Characters, 0-500. Default " + d.reasonMinLength() + ".").add()
                .property().name(ImpersonationSettings.REASON_MAX_LENGTH).label("Longest reason")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(d.reasonMaxLength()))
                .helpText("Characters, at least the shortest, at most 500. Default " + d.reasonMaxLength() + ".").add()
                .property().name(ImpersonationSettings.LIFETIME_SECONDS).label("Token lifetime (seconds)")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(d.lifetimeSeconds()))
                .helpText("Lifetime of an impersonation access token; never renewable. 60 up to the maximum below. Default "
                        + d.lifetimeSeconds() + ".").add()
                .property().name(ImpersonationSettings.MAX_LIFETIME_SECONDS).label("Maximum lifetime (seconds)")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(d.maxLifetimeSeconds()))
                .helpText("Cap on the lifetime, 60-3600. Default 3600.").add()
                .property().name(ImpersonationSettings.MAX_ACTIVE_PER_ACTOR).label("Active impersonations per actor")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue(String.valueOf(d.maxActivePerActor()))
                .helpText("How many unexpired impersonations one person may hold at once, 1-100. Default "
                        + d.maxActivePerActor() + ".").add()
                .property().name(ImpersonationSettings.NOTIFY_TARGET).label("Mail the impersonated user")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(d.notifyTarget())
                .helpText("Tell the user by mail who acted as them, when, why and until when. Default off.").add()
                .property().name(ImpersonationSettings.ALLOWED_AUDIENCES).label("Further allowed audiences")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("")
                .helpText("Client ids, separated by spaces or commas (at most " + ImpersonationSettings.MAX_LISTED + "), that a "
                        + "request may add with the audience parameter. Default none: the token's audience is the "
                        + "requesting client alone. 'account' gives a read-only view of the Account REST API: the roles "
                        + "that write there (manage-account, manage-consent, ...) are never in an impersonation token, and "
                        + "admin clients (realm-management, <realm>-realm, broker) are refused.").add()
                .property().name(ImpersonationSettings.ALLOWED_SCOPES).label("Further allowed client scopes")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("")
                .helpText("Optional client scopes of the client, separated by spaces or commas (at most "
                        + ImpersonationSettings.MAX_LISTED + "), that a request may ask for with the scope parameter. "
                        + "Default none: the client's default scopes only. offline_access is refused.").add()
                .build();
    }
}
