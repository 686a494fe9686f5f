package dev.vigil.authenticators.stepup;

import dev.vigil.core.VigilProviderFactory;
import dev.vigil.core.compat.VigilCapability;
import dev.vigil.core.time.KeycloakClock;
import dev.vigil.core.users.VigilUserState;
import java.util.List;
import org.keycloak.authentication.AuthenticationFlowCallbackFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.jboss.logging.Logger;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/** Condition {@code vigil-step-up}, for a conditional sub-flow in front of a second factor. */
public class StepUpConditionFactory implements ConditionalAuthenticatorFactory, AuthenticationFlowCallbackFactory,
        VigilProviderFactory<Authenticator> {

    @Override
    public VigilCapability capability() {
        return VigilCapability.STEP_UP;
    }

    public static final String ID = "vigil-step-up";
    private static final Logger LOG = Logger.getLogger(StepUpConditionFactory.class);
    private final java.util.Set<String> reportedErrors = StepUpCondition.newErrorLog();
    private final StepUpCondition singleton = new StepUpCondition(KeycloakClock.utc(), null, reportedErrors);

    @Override
    public ConditionalAuthenticator getSingleton() {
        return singleton;
    }

    /** Keycloak creates the condition through here for its flow callbacks, which need the session. */
    @Override
    public Authenticator create(KeycloakSession session) {
        return new StepUpCondition(KeycloakClock.utc(), session, reportedErrors);
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Condition - Vigil step-up rules";
    }

    @Override
    public String getHelpText() {
        return "Put it in a CONDITIONAL sub-flow at the top level of the flow, after the identification, so that it runs "
                + "on every sign-on (SSO included). Asks for the second factor of this sub-flow when the login's client, the user's roles or groups, the "
                + "client IP, the age of the last second factor, an untrusted browser, the theft-response flag or the "
                + "requested level match the rules (at least one rule must be on; an empty or unknown option fails closed); "
                + "what a session answered is not asked again in it; every decision is explained in the login event (vigil_step_up) and "
                + "the audit trail.";
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[] {
            AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.DISABLED};
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(StepUpRules.CLIENTS).label("Clients").type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
                .helpText("Matches when the login is for one of these client ids. Default: none (rule off).").add()
                .property().name(StepUpRules.ROLES).label("Roles").type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
                .helpText("Matches when the user holds one of these roles (directly, by composite or group): a realm role "
                        + "as 'name', a client role as 'clientId/name'. Default: none (rule off).").add()
                .property().name(StepUpRules.GROUPS).label("Groups").type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
                .helpText("Matches when the user is in one of these groups or a subgroup, by path (e.g. /staff/admins). "
                        + "Default: none (rule off).").add()
                .property().name(StepUpRules.TRUSTED_IP_RANGES).label("Trusted IP ranges")
                .type(ProviderConfigProperty.MULTIVALUED_STRING_TYPE)
                .helpText("Matches when the client IP (as Keycloak resolves it: forwarded headers count only under "
                        + "Keycloak's proxy settings) is outside all of these CIDR ranges, IPv4 or IPv6. Default: none (rule off).").add()
                .property().name(StepUpRules.MAX_SECOND_FACTOR_AGE).label("Second factor older than (seconds)")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("0")
                .helpText("Matches when the user's last second factor, in any session, is older than this or never happened. "
                        + "Needs 'Vigil - second factor done' after the second factor. 0 (default) is off.").add()
                .property().name(StepUpRules.UNTRUSTED_DEVICE).label("Untrusted browsers")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(false)
                .helpText("Matches when the browser is not a trusted device of the user (the 'trust this browser' box of "
                        + "the email code step; the cookie is signed by the realm and bound to the user). Put it in a second "
                        + "condition of the same sub-flow to let trusted browsers skip the other rules. Default off.").add()
                .property().name(StepUpRules.FLAGGED_USER).label("Users flagged by the theft response")
                .type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(false)
                .helpText("Matches when the refresh-token theft response marked the user (attribute vigil.step-up-required, "
                        + "which Vigil declares admin-only in the user profile). Default off.").add()
                .property().name(StepUpRules.MIN_LEVEL).label("Requested level at least")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("0")
                .helpText("Matches when the client asked (acr_values or the claims parameter, through the realm's ACR to "
                        + "LoA mapping) for at least this level of authentication. 0 (default) is off.").add()
                .property().name(StepUpRules.MATCH).label("Match").type(ProviderConfigProperty.LIST_TYPE)
                .options("any", "all").defaultValue("any")
                .helpText("any (default): one matching rule asks for the second factor; all: every rule that is on must match.").add()
                .property().name(StepUpRules.NEGATE).label("Negate").type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(false)
                .helpText("Ask for the second factor when the rules do NOT match. Default off.").add()
                .property().name(StepUpRules.DRY_RUN).label("Dry run").type(ProviderConfigProperty.BOOLEAN_TYPE).defaultValue(false)
                .helpText("Evaluate and explain (event detail vigil_step_up, audit trail) but never ask. Default off.").add()
                .property().name(StepUpRules.LEVEL_REACHED).label("Level reached")
                .type(ProviderConfigProperty.STRING_TYPE).defaultValue("0")
                .helpText("When the second factor of this sub-flow was given, record this level of authentication, as "
                        + "'Condition - Level of Authentication' does: tokens carry the acr mapped to it, and a later request "
                        + "for that level is satisfied for the max age of the flow's condition for that level. 0 (default) "
                        + "records nothing.").add()
                .build();
    }

    /**
     * Declares Vigil's user state admin-only in every realm's user profile once the database is migrated,
     * and in each new or imported realm, so that even a flag written by an older version cannot be deleted
     * through the Account API before Vigil reads it ({@link VigilUserState}).
     */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                KeycloakModelUtils.runJobInTransaction(factory, session ->
                        session.realms().getRealmsStream().forEach(realm -> protect(session, realm)));
            } else if (event instanceof RealmModel.RealmPostCreateEvent created) {
                protect(created.getKeycloakSession(), created.getCreatedRealm());
            }
        });
    }

    private static void protect(KeycloakSession session, RealmModel realm) {
        try {
            VigilUserState.protect(session, realm);
        } catch (RuntimeException e) {
            LOG.errorf("vigil: could not declare Vigil's user state admin-only in realm %s (it is declared at its first "
                    + "use instead): %s", realm.getName(), e.toString());
        }
    }
}
