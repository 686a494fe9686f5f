package dev.vigil.authenticators.stepup;

import dev.vigil.core.VigilProviderFactory;
import dev.vigil.core.compat.VigilCapability;
import dev.vigil.core.time.KeycloakClock;
import java.util.List;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

/** {@code vigil-second-factor-done}: records a completed second factor (see {@link SecondFactorDoneAuthenticator}). */
public class SecondFactorDoneAuthenticatorFactory implements AuthenticatorFactory, VigilProviderFactory<Authenticator> {

    @Override
    public VigilCapability capability() {
        return VigilCapability.STEP_UP;
    }

    public static final String ID = "vigil-second-factor-done";
    private static final SecondFactorDoneAuthenticator SINGLETON = new SecondFactorDoneAuthenticator(KeycloakClock.utc());

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Vigil - second factor done";
    }

    @Override
    public String getHelpText() {
        return "Put after the second factor in a step-up sub-flow: records when the user last gave a second factor "
                + "(for the step-up rule 'time since the last second factor') and clears the theft-response flag.";
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[] {
            AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.DISABLED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
