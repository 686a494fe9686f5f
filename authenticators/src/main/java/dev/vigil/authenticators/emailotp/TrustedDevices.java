package dev.vigil.authenticators.emailotp;

import dev.vigil.authenticators.stepup.StepUpRules;
import dev.vigil.authenticators.trust.TrustClaims;
import dev.vigil.authenticators.trust.TrustedDeviceCookie;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** The "trust this browser" box of the code page: sets the cookie and says so in the event and audit trail. */
final class TrustedDevices {

    static final String EVENT_DETAIL = "vigil_trusted_device";

    private TrustedDevices() {
    }

    /**
     * Whether the code page offers the box: a second factor, days set, and some step-up condition of
     * the realm that lets trusted browsers through (otherwise the box would promise what nothing keeps).
     */
    static boolean offered(AuthenticationFlowContext ctx, EmailOtpConfig config) {
        return ctx.getUser() != null && config.offersDeviceTrust() && honouredIn(ctx.getRealm());
    }

    private static boolean honouredIn(RealmModel realm) {
        return realm.getAuthenticatorConfigsStream()
                .anyMatch(c -> c.getConfig() != null && "true".equalsIgnoreCase(c.getConfig().get(StepUpRules.UNTRUSTED_DEVICE)));
    }

    static void grant(AuthenticationFlowContext ctx, UserModel user, int days, Instant now, Clock clock) {
        TrustClaims grant = TrustedDeviceCookie.issue(ctx.getSession(), ctx.getRealm(), user, days, now);
        ctx.getEvent().detail(EVENT_DETAIL, "added until " + grant.expiresAt());
        EmailOtpAudit.record(ctx, clock, "TRUSTED_DEVICE_ADDED", user, null,
                Map.of("device", grant.deviceId(), "days", Integer.toString(days), "expires", grant.expiresAt().toString()));
    }
}
