package dev.vigil.mappers.authcontext;

import dev.vigil.mappers.VigilTokenMapper;
import dev.vigil.core.session.AuthContextNotes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.IDToken;

/**
 * {@code oidc-vigil-auth-context}: {@code amr} (RFC 8176) and {@code mfa_time} from what happened in
 * the user session (see {@link AuthContext}): the steps Keycloak recorded as completed and the time
 * {@code vigil-second-factor-done} recorded.
 */
public class AuthContextMapper extends VigilTokenMapper {

    public static final String PROVIDER_ID = "oidc-vigil-auth-context";
    public static final String AMR = "amr";
    public static final String MFA_TIME = "mfa_time";

    private static final Logger LOG = Logger.getLogger(AuthContextMapper.class);
    private static final List<ProviderConfigProperty> CONFIG_PROPERTIES = List.of(
            includeIn("id.token.claim", "Add to ID token", true, "the ID token"),
            includeIn("access.token.claim", "Add to access token", true, "the access token"),
            includeIn("lightweight.claim", "Add to lightweight access token", false,
                    "the access token even when the client uses lightweight access tokens"),
            includeIn("userinfo.token.claim", "Add to userinfo", true, "the userinfo answer"),
            includeIn("introspection.token.claim", "Add to token introspection", true, "the token introspection answer"));

    private static ProviderConfigProperty includeIn(String name, String label, boolean on, String where) {
        return new ProviderConfigProperty(name, label,
                "Put amr and mfa_time into " + where + ". Default: " + (on ? "on" : "off") + ".",
                ProviderConfigProperty.BOOLEAN_TYPE, Boolean.toString(on));
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Authentication context (amr, mfa_time, Vigil)";
    }

    @Override
    public String getHelpText() {
        return "Adds 'amr' (RFC 8176: pwd, otp, hwk, mfa when two different factors were used, or the step's "
                + "Authenticator Reference when set) for the steps completed in this user session, and 'mfa_time' "
                + "(epoch seconds) of the last second factor recorded by 'Vigil - second factor done'. A step's "
                + "Authenticator Reference Max Age counts back from the session's last authentication, so the "
                + "claims stay the same across token refreshes. Use instead of the built-in AMR mapper.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG_PROPERTIES;
    }

    @Override
    protected void setClaim(IDToken token, UserSessionModel userSession) {
        AuthContext context = AuthContext.of(completedSteps(userSession), mfaTime(userSession));
        if (!context.amr().isEmpty()) {
            token.setOtherClaims(AMR, context.amr());
        }
        context.mfaTime().ifPresent(time -> token.setOtherClaims(MFA_TIME, time.getEpochSecond()));
    }

    private static List<CompletedStep> completedSteps(UserSessionModel userSession) {
        RealmModel realm = userSession.getRealm();
        Map<String, Integer> executions;
        try {
            executions = AuthenticatorUtils.parseCompletedExecutions(userSession.getNote(Constants.AUTHENTICATORS_COMPLETED));
        } catch (IllegalStateException e) {
            LOG.warnf("user session in realm %s has an unreadable %s note; no amr", realm.getName(), Constants.AUTHENTICATORS_COMPLETED);
            return List.of();
        }
        List<CompletedStep> steps = new ArrayList<>();
        executions.forEach((executionId, completedAt) -> {
            AuthenticationExecutionModel execution = realm.getAuthenticationExecutionById(executionId);
            if (execution == null || completedAt == null) {
                return; // the flow was edited since; Keycloak's mapper skips these as well
            }
            Map<String, String> config = stepConfig(realm, execution);
            steps.add(new CompletedStep(execution.getAuthenticator(),
                    config.get(Constants.AUTHENTICATION_EXECUTION_REFERENCE_VALUE),
                    config.get(Constants.AUTHENTICATION_EXECUTION_REFERENCE_MAX_AGE),
                    Instant.ofEpochSecond(completedAt)));
        });
        return steps;
    }

    private static Map<String, String> stepConfig(RealmModel realm, AuthenticationExecutionModel execution) {
        if (execution.getAuthenticatorConfig() == null) {
            return Map.of();
        }
        AuthenticatorConfigModel config = realm.getAuthenticatorConfigById(execution.getAuthenticatorConfig());
        return config == null || config.getConfig() == null ? Map.of() : config.getConfig();
    }

    private static Optional<Instant> mfaTime(UserSessionModel userSession) {
        String note = userSession.getNote(AuthContextNotes.MFA_TIME);
        if (note == null || note.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(note.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public Map<String, String> operationalDetails() {
        return Map.of("claims", AMR + ", " + MFA_TIME);
    }
}
