package dev.vigil.authenticators.emailotp;

import dev.vigil.core.VigilProviderFactory;
import dev.vigil.core.compat.VigilCapability;
import dev.vigil.core.secrets.OneTimeCodes;
import dev.vigil.core.time.KeycloakClock;
import io.micrometer.core.instrument.Metrics;
import java.util.List;
import java.util.Map;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;

/** {@code vigil-email-otp}: "Email code (Vigil)" in the admin console's step list. */
public class EmailOtpAuthenticatorFactory implements AuthenticatorFactory, VigilProviderFactory<Authenticator> {

    @Override
    public VigilCapability capability() {
        return VigilCapability.EMAIL_CODES;
    }

    public static final String ID = "vigil-email-otp";

    private static final AuthenticationExecutionModel.Requirement[] REQUIREMENTS = {
            AuthenticationExecutionModel.Requirement.REQUIRED,
            AuthenticationExecutionModel.Requirement.ALTERNATIVE,
            AuthenticationExecutionModel.Requirement.DISABLED};

    private EmailOtpAuthenticator authenticator;

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return authenticator;
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        authenticator = new EmailOtpAuthenticator(KeycloakClock.utc(), new OneTimeCodes(),
                new EmailOtpMetrics(Metrics.globalRegistry));
    }

    @Override
    public String getDisplayType() {
        return "Email code (Vigil)";
    }

    @Override
    public String getHelpText() {
        return "Signs in with a one-time code sent by email: as a second factor after a step that set the user, or as "
                + "the first factor, asking for the address and answering every address alike. Codes are stored hashed, "
                + "attempt- and rate-limited, and count towards the realm's brute-force protection.";
    }

    @Override
    public String getReferenceCategory() {
        // "otp" makes Keycloak's brute-force protection count failed codes.
        return "otp";
    }

    @Override
    public boolean isConfigurable() {
        return true;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return REQUIREMENTS;
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return EmailOtpConfigProperties.all();
    }

    @Override
    public Map<String, String> operationalDetails() {
        return Map.of("reference-category", getReferenceCategory());
    }
}
