package dev.vigil.authenticators.emailotp;

import dev.vigil.core.ratelimit.FixedWindowRateLimiter;
import dev.vigil.core.ratelimit.SingleUseObjectSlotStore;
import dev.vigil.core.secrets.OneTimeCodes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Gives a login its new code and hands the mail to the {@link MailDispatcher}. Does the same work
 * whether or not the target has an account: for every request a code is generated, hashed and
 * stored, the limits are counted and a mail job is queued.
 */
final class CodeIssuer {

    /** What the first-factor user typed, kept so that a resend goes to the same place. */
    static final String NOTE_REQUESTED = PendingCode.NOTE_PREFIX + "requested";
    private static final DateTimeFormatter MAIL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final OneTimeCodes codes;
    private final EmailOtpMetrics metrics;

    CodeIssuer(Clock clock, OneTimeCodes codes, EmailOtpMetrics metrics) {
        this.clock = clock;
        this.codes = codes;
        this.metrics = metrics;
    }

    /** @param target the typed address or username (first factor), or the user's address (second factor) */
    PendingCode issue(AuthenticationFlowContext ctx, EmailOtpConfig config, String target) {
        RealmModel realm = ctx.getRealm();
        boolean firstFactor = ctx.getUser() == null;
        UserModel user = firstFactor ? KeycloakModelUtils.findUserByNameOrEmail(ctx.getSession(), realm, target) : ctx.getUser();
        SendDecision.Recipient recipient = recipient(ctx, user);
        boolean account = recipient == SendDecision.Recipient.ACCOUNT;

        Instant now = clock.instant();
        String ip = ctx.getConnection().getRemoteAddr();
        FixedWindowRateLimiter limiter = new FixedWindowRateLimiter(new SingleUseObjectSlotStore(ctx.getSession()), clock);
        boolean addressAllowed = limiter.tryAcquire("vigil-email-otp:address:" + realm.getId() + ":"
                + digest(Addresses.normalize(account ? user.getEmail() : target)), config.mailsPerAddress(), config.addressWindow());
        boolean ipAllowed = addressAllowed && limiter.tryAcquire("vigil-email-otp:ip:" + realm.getId() + ":" + digest(ip),
                config.mailsPerIp(), config.ipWindow());
        SendDecision decision = SendDecision.decide(recipient, addressAllowed, ipAllowed,
                config.notifyUnknownAddresses() && firstFactor, Addresses.looksLikeEmail(target));

        String code = codes.generate(config.codeLength());
        String codeId = UUID.randomUUID().toString();
        PendingCode pending = new PendingCode(codeId, CodeHashing.hash(ctx, codeId, code), account ? user.getId() : "",
                firstFactor ? target : Addresses.mask(user.getEmail()), now, now.plus(config.lifetime()));
        AuthenticationSessionModel authSession = ctx.getAuthenticationSession();
        PendingCodeNotes.store(authSession, pending);
        if (firstFactor) {
            authSession.setAuthNote(NOTE_REQUESTED, target);
            // Keycloak shows the attempted username on later pages: the typed value, whoever it names.
            authSession.setAuthNote(AuthenticationManager.FORM_USERNAME, target);
            authSession.setAuthNote("ATTEMPTED_USERNAME", target);
        }

        MailDispatcher.dispatchAfterCommit(ctx.getSession(), new CodeMail(decision.mail(), realm.getId(), pending.userId(),
                decision.mail() == SendDecision.Mail.NO_ACCOUNT_NOTICE ? target : null,
                mailAttributes(ctx, config, decision, code, now, ip)));

        metrics.decided(decision);
        Map<String, String> details = new HashMap<>();
        details.put("decision", decision.reason());
        details.put("first_factor", String.valueOf(firstFactor));
        if (firstFactor) {
            details.put("requested_for", target);
        }
        EmailOtpAudit.record(ctx, clock, "EMAIL_OTP_SEND", recipient == SendDecision.Recipient.UNKNOWN ? null : user, null,
                details);
        return pending;
    }

    private static Map<String, Object> mailAttributes(AuthenticationFlowContext ctx, EmailOtpConfig config,
                                                      SendDecision decision, String code, Instant now, String ip) {
        RealmModel realm = ctx.getRealm();
        Map<String, Object> attributes = new HashMap<>();
        if (decision.mail() == SendDecision.Mail.CODE) {
            attributes.put("code", code);
        }
        attributes.put("lifetimeMinutes", config.lifetimeMinutes());
        attributes.put("realmName", realm.getDisplayName() != null ? realm.getDisplayName() : realm.getName());
        attributes.put("requestedAt", MAIL_TIME.format(now));
        attributes.put("ipAddress", ip);
        String agent = ctx.getHttpRequest().getHttpHeaders().getHeaderString("User-Agent");
        attributes.put("userAgent", agent == null ? "" : agent);
        return attributes;
    }

    private static SendDecision.Recipient recipient(AuthenticationFlowContext ctx, UserModel user) {
        if (user == null || user.getServiceAccountClientLink() != null) {
            return SendDecision.Recipient.UNKNOWN;
        }
        if (!user.isEnabled()) {
            return SendDecision.Recipient.DISABLED;
        }
        if (AuthenticatorUtils.getDisabledByBruteForceEventError(ctx, user) != null) {
            return SendDecision.Recipient.LOCKED;
        }
        if (user.getEmail() == null || user.getEmail().isBlank()) {
            return SendDecision.Recipient.NO_EMAIL;
        }
        return SendDecision.Recipient.ACCOUNT;
    }

    /** Rate-limit keys hold a digest, not the address or IP itself. */
    private static String digest(String value) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
