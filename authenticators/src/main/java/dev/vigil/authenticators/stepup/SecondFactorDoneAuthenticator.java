package dev.vigil.authenticators.stepup;

import dev.vigil.core.session.AuthContextNotes;
import dev.vigil.core.users.VigilUserState;
import java.time.Clock;
import java.time.Instant;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * {@code vigil-second-factor-done}: placed after the second factor in the step-up sub-flow. Records
 * the time for the "time since the last second factor" rule and lifts the theft-response flag,
 * which a second factor has now answered.
 */
final class SecondFactorDoneAuthenticator implements Authenticator {

    private final Clock clock;

    SecondFactorDoneAuthenticator(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        UserModel user = context.getUser();
        Instant now = clock.instant();
        SecondFactorRecord.record(context.getSession(), context.getRealm(), user, now);
        // mfa_time of oidc-vigil-auth-context; reaches the user session also on a step-up in an SSO session.
        context.getAuthenticationSession().setUserSessionNote(AuthContextNotes.MFA_TIME, Long.toString(now.getEpochSecond()));
        if (VigilUserState.clearStepUp(context.getSession(), context.getRealm(), user)) {
            context.getEvent().detail("vigil_step_up_flag", "cleared");
        }
        context.success();
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        context.success();
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
