package dev.vigil.authenticators.emailotp;

import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.utils.FormMessage;

/** The step's two pages, rendered in the realm's login theme from the templates in themes/. */
final class EmailOtpPages {

    static final String EMAIL_PAGE = "vigil-email-otp-email.ftl";
    static final String CODE_PAGE = "vigil-email-otp-code.ftl";
    static final String NEW_CODE_SENT = "vigilEmailOtpNewCodeSent";

    private EmailOtpPages() {
    }

    static Response email(AuthenticationFlowContext ctx, FormMessage error) {
        LoginFormsProvider form = ctx.form();
        if (error != null) {
            form.addError(error);
        }
        return form.createForm(EMAIL_PAGE);
    }

    /**
     * @param pending the login's code, or null when none was requested yet (the page then offers to send one)
     * @param message an error for a field, or {@link #NEW_CODE_SENT} as information
     */
    static Response code(AuthenticationFlowContext ctx, EmailOtpConfig config, PendingCode pending, FormMessage message,
                         Instant now) {
        boolean firstFactor = ctx.getUser() == null;
        Map<String, Object> page = new HashMap<>();
        page.put("firstFactor", firstFactor);
        page.put("codeRequested", pending != null);
        page.put("recipient", pending != null ? pending.recipient()
                : firstFactor ? "" : Addresses.mask(ctx.getUser().getEmail()));
        page.put("codeLength", config.codeLength());
        page.put("lifetimeMinutes", config.lifetimeMinutes());
        page.put("trustDeviceDays", TrustedDevices.offered(ctx, config) ? config.trustDeviceDays() : 0);
        page.put("resendWaitSeconds", pending == null ? 0L : pending.resendWaitSeconds(now, config.resendCooldown()));
        LoginFormsProvider form = ctx.form().setAttribute("vigilOtp", page);
        if (message != null && NEW_CODE_SENT.equals(message.getMessage())) {
            form.setInfo(message.getMessage());
        } else if (message != null) {
            form.addError(message);
        }
        return form.createForm(CODE_PAGE);
    }
}
