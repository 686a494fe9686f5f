package dev.vigil.authenticators.emailotp;

import dev.vigil.core.audit.AuditOnCommit;
import dev.vigil.core.audit.AuditRecord;
import java.time.Clock;
import java.util.Map;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.UserModel;

/** The step's decisions in the audit trail, written when the request's transaction commits. */
final class EmailOtpAudit {

    static final String SOURCE = "email-otp";

    private EmailOtpAudit() {
    }

    static void record(AuthenticationFlowContext ctx, Clock clock, String type, UserModel user, String error,
                       Map<String, String> details) {
        AuditRecord.Builder record = AuditRecord.builder(SOURCE, type, clock.instant())
                .realm(ctx.getRealm().getName())
                .clientId(ctx.getAuthenticationSession().getClient().getClientId())
                .ipAddress(ctx.getConnection().getRemoteAddr())
                .error(error)
                .details(details);
        if (user != null) {
            record.userId(user.getId()).username(user.getUsername());
        }
        AuditOnCommit.enlist(ctx.getSession()).add(record.build());
    }
}
