package dev.vigil.authenticators.emailotp;

import dev.vigil.core.audit.AuditRecord;
import dev.vigil.core.audit.AuditTrail;
import java.time.Clock;
import java.util.Map;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

/** The step's decisions in the audit trail, written when the transaction that made them commits. */
final class EmailOtpAudit {

    static final String SOURCE = "email-otp";

    private EmailOtpAudit() {
    }

    static void record(AuthenticationFlowContext ctx, Clock clock, String type, UserModel user, String error,
                       Map<String, String> details) {
        record(ctx, clock, type, user == null ? null : user.getId(), user == null ? null : user.getUsername(), error, details);
    }

    /** With the user's id only: the check does not load a user to write its name. */
    static void record(AuthenticationFlowContext ctx, Clock clock, String type, String userId, String username, String error,
                       Map<String, String> details) {
        write(ctx.getSession(), AuditRecord.builder(SOURCE, type, clock.instant())
                .realm(ctx.getRealm().getName())
                .clientId(ctx.getAuthenticationSession().getClient().getClientId())
                .ipAddress(ctx.getConnection().getRemoteAddr()), userId, username, error, details);
    }

    /** From a job off the request path, which has no flow context. */
    static void write(KeycloakSession session, AuditRecord.Builder record, String userId, String username, String error,
                      Map<String, String> details) {
        record.error(error).details(details);
        if (userId != null && !userId.isEmpty()) {
            record.userId(userId);
        }
        if (username != null) {
            record.username(username);
        }
        AuditTrail.writeAfterCommit(session, record.build());
    }
}
