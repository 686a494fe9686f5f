package dev.vigil.authenticators.stepup;

import dev.vigil.core.VigilProviderFactory;
import dev.vigil.core.compat.VigilCapability;
import dev.vigil.core.time.KeycloakClock;
import dev.vigil.core.users.VigilUserState;
import java.util.List;
import org.jboss.logging.Logger;
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
import org.keycloak.provider.ProviderConfigProperty;

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
        return StepUpConfigProperties.OPTIONS.properties();
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
