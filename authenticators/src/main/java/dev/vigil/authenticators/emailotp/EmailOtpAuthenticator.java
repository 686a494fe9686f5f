package dev.vigil.authenticators.emailotp;

import dev.vigil.core.audit.AuditOnCommit;
import dev.vigil.core.audit.AuditRecord;
import dev.vigil.core.ratelimit.FixedWindowRateLimiter;
import dev.vigil.core.ratelimit.SingleUseObjectSlotStore;
import dev.vigil.core.ratelimit.SlotCounter;
import dev.vigil.core.secrets.KeyedHash;
import dev.vigil.core.secrets.OneTimeCodes;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
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
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * {@code vigil-email-otp}: the translation between Keycloak's flow and the step's logic. Reads the
 * form and the authentication session, asks {@link SendDecision} and {@link CodeCheck}, and turns
 * their answers into pages. As second factor the user is known; as first factor it asks for an
 * address and answers every address the same way.
 */
public class EmailOtpAuthenticator implements Authenticator {

    static final String ACTION = "vigil-action";
    static final String ACTION_SEND = "send";
    static final String ACTION_RESEND = "resend";
    static final String FIELD_EMAIL = "email";
    static final String FIELD_CODE = "code";
    /** The longest address SMTP allows; anything longer is not an address or username worth a lookup. */
    static final int MAX_TYPED_LENGTH = 320;
    static final String EMAIL_PAGE = "vigil-email-otp-email.ftl";
    static final String CODE_PAGE = "vigil-email-otp-code.ftl";
    static final String AUDIT_SOURCE = "email-otp";
    /** What the first-factor user typed, kept so that a resend goes to the same place. */
    static final String NOTE_REQUESTED = PendingCode.NOTE_PREFIX + "requested";
    private static final String HMAC_ALGORITHM = "HS512";
    private static final DateTimeFormatter MAIL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final Logger LOG = Logger.getLogger(EmailOtpAuthenticator.class);

    private final Clock clock;
    private final OneTimeCodes codes;
    private final EmailOtpMetrics metrics;

    EmailOtpAuthenticator(Clock clock, OneTimeCodes codes, EmailOtpMetrics metrics) {
        this.clock = clock;
        this.codes = codes;
        this.metrics = metrics;
    }

    @Override
    public void authenticate(AuthenticationFlowContext ctx) {
        EmailOtpConfig config = config(ctx);
        if (config == null) {
            return;
        }
        PendingCode pending = PendingCode.fromNotes(notes(ctx.getAuthenticationSession()));
        if (ctx.getUser() != null && !configuredFor(ctx.getSession(), ctx.getRealm(), ctx.getUser())) {
            // Second factor for an account without an address: nothing can be sent, and skipping the
            // step would skip a required factor. Say so; "try another way" stays available.
            ctx.challenge(ctx.form().setError("vigilEmailOtpNoAddress").createErrorPage(Response.Status.BAD_REQUEST));
        } else if (pending != null) {
            ctx.challenge(codePage(ctx, config, pending, null));
        } else if (ctx.getUser() == null) {
            ctx.challenge(emailPage(ctx, null));
        } else if ("POST".equals(ctx.getHttpRequest().getHttpMethod())) {
            // Reached right after the password form was posted: that POST asks for the code.
            ctx.challenge(codePage(ctx, config, issue(ctx, config, ctx.getUser().getEmail()), null));
        } else {
            // A page load never sends mail (link scanners, prefetching, reloads): offer a button.
            ctx.challenge(codePage(ctx, config, null, null));
        }
    }

    @Override
    public void action(AuthenticationFlowContext ctx) {
        EmailOtpConfig config = config(ctx);
        if (config == null) {
            return;
        }
        MultivaluedMap<String, String> form = ctx.getHttpRequest().getDecodedFormParameters();
        String action = form.getFirst(ACTION);
        AuthenticationSessionModel authSession = ctx.getAuthenticationSession();
        PendingCode pending = PendingCode.fromNotes(notes(authSession));

        if (ACTION_SEND.equals(action) && ctx.getUser() == null) {
            String typed = form.getFirst(FIELD_EMAIL);
            if (typed == null || typed.isBlank() || typed.length() > MAX_TYPED_LENGTH) {
                ctx.challenge(emailPage(ctx, new FormMessage(FIELD_EMAIL, "vigilEmailOtpEmailRequired")));
                return;
            }
            ctx.challenge(codePage(ctx, config, issue(ctx, config, typed.trim()), null));
        } else if (ACTION_SEND.equals(action) || ACTION_RESEND.equals(action)) {
            resend(ctx, config, pending);
        } else {
            verify(ctx, config, pending, form.getFirst(FIELD_CODE));
        }
    }

    private void resend(AuthenticationFlowContext ctx, EmailOtpConfig config, PendingCode pending) {
        String target = ctx.getUser() != null ? ctx.getUser().getEmail()
                : ctx.getAuthenticationSession().getAuthNote(NOTE_REQUESTED);
        if (target == null) {
            ctx.challenge(emailPage(ctx, null));
            return;
        }
        if (pending != null && pending.resendWaitSeconds(clock.instant(), config.resendCooldown()) > 0) {
            ctx.challenge(codePage(ctx, config, pending, null));
            return;
        }
        PendingCode fresh = issue(ctx, config, target);
        ctx.challenge(codePage(ctx, config, fresh, new FormMessage(null, "vigilEmailOtpNewCodeSent")));
    }

    private void verify(AuthenticationFlowContext ctx, EmailOtpConfig config, PendingCode pending, String typed) {
        String code = typed == null ? "" : typed.replaceAll("[\\s-]", "");
        if (code.isEmpty()) {
            ctx.challenge(codePage(ctx, config, pending, new FormMessage(FIELD_CODE, "vigilEmailOtpCodeRequired")));
            return;
        }
        KeycloakSession session = ctx.getSession();
        RealmModel realm = ctx.getRealm();
        Instant now = clock.instant();
        boolean counted = pending != null && !pending.isExpired(now) && new SlotCounter(new SingleUseObjectSlotStore(session))
                .claimNext("vigil-email-otp:attempt:" + pending.codeId(), config.maxAttempts(),
                        config.lifetime().getSeconds()) >= 0;
        String submittedHash = pending == null ? null
                : KeyedHash.of(hmacKey(session, realm), context(ctx, pending.codeId()), code);
        CodeCheck.Outcome outcome = CodeCheck.check(pending, submittedHash, now, counted);
        UserModel user = pending != null && pending.hasAccount() ? session.users().getUserById(realm, pending.userId()) : null;
        boolean sameUser = ctx.getUser() == null || (user != null && ctx.getUser().getId().equals(user.getId()));

        if (outcome == CodeCheck.Outcome.VALID && user != null && sameUser && user.isEnabled()
                && AuthenticatorUtils.getDisabledByBruteForceEventError(ctx, user) == null
                && session.singleUseObjects().putIfAbsent("vigil-email-otp:used:" + pending.codeId(),
                        config.lifetime().getSeconds())) {
            clearNotes(ctx.getAuthenticationSession());
            metrics.checked(outcome);
            audit(ctx, "EMAIL_OTP_VERIFY", user, null, Map.of("result", "valid"));
            if (ctx.getUser() == null) {
                ctx.setUser(user);
            }
            ctx.success();
            return;
        }
        CodeCheck.Outcome reported = outcome == CodeCheck.Outcome.VALID ? CodeCheck.Outcome.WRONG : outcome;
        metrics.checked(reported);
        audit(ctx, "EMAIL_OTP_VERIFY", user, "invalid_code", Map.of("result", reported.name().toLowerCase()));
        if (user != null && reported != CodeCheck.Outcome.NO_CODE) {
            // Counted by the realm's brute-force protection, under the otp category.
            ctx.getProtector().failedLogin(realm, user, ctx.getConnection(), ctx.getUriInfo(), Set.of("otp"));
            ctx.getEvent().clone().user(user).detail(Details.REASON, "vigil-email-otp " + reported.name().toLowerCase())
                    .error(Errors.INVALID_USER_CREDENTIALS);
        }
        ctx.challenge(codePage(ctx, config, pending, new FormMessage(FIELD_CODE, "vigilEmailOtpInvalidCode")));
    }

    /**
     * Creates the login's new code and hands its mail to the dispatcher. Does the same work whether
     * or not the target has an account: a code is generated, hashed and stored for every request.
     */
    private PendingCode issue(AuthenticationFlowContext ctx, EmailOtpConfig config, String target) {
        KeycloakSession session = ctx.getSession();
        RealmModel realm = ctx.getRealm();
        AuthenticationSessionModel authSession = ctx.getAuthenticationSession();
        boolean firstFactor = ctx.getUser() == null;
        UserModel user = firstFactor ? KeycloakModelUtils.findUserByNameOrEmail(session, realm, target) : ctx.getUser();
        SendDecision.Recipient recipient = recipient(ctx, user);

        Instant now = clock.instant();
        FixedWindowRateLimiter limiter = new FixedWindowRateLimiter(new SingleUseObjectSlotStore(session), clock);
        String ip = ctx.getConnection().getRemoteAddr();
        boolean addressAllowed = limiter.tryAcquire("vigil-email-otp:address:" + realm.getId() + ":"
                + digest(Addresses.normalize(recipient == SendDecision.Recipient.ACCOUNT ? user.getEmail() : target)),
                config.mailsPerAddress(), config.addressWindow());
        boolean ipAllowed = addressAllowed && limiter.tryAcquire("vigil-email-otp:ip:" + realm.getId() + ":" + digest(ip),
                config.mailsPerIp(), config.ipWindow());
        SendDecision decision = SendDecision.decide(recipient, addressAllowed, ipAllowed,
                config.notifyUnknownAddresses() && firstFactor, Addresses.looksLikeEmail(target));

        String code = codes.generate(config.codeLength());
        String codeId = UUID.randomUUID().toString();
        PendingCode pending = new PendingCode(codeId, KeyedHash.of(hmacKey(session, realm), context(ctx, codeId), code),
                recipient == SendDecision.Recipient.ACCOUNT ? user.getId() : "",
                firstFactor ? target : Addresses.mask(user.getEmail()), now, now.plus(config.lifetime()));
        clearNotes(authSession);
        pending.toNotes().forEach(authSession::setAuthNote);
        if (firstFactor) {
            authSession.setAuthNote(NOTE_REQUESTED, target);
            authSession.setAuthNote(AuthenticationManager.FORM_USERNAME, target);
            authSession.setAuthNote("ATTEMPTED_USERNAME", target);
        }

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
        MailDispatcher.dispatchAfterCommit(session, new CodeMail(decision.mail(), realm.getId(),
                pending.userId(), decision.mail() == SendDecision.Mail.NO_ACCOUNT_NOTICE ? target : null, attributes));

        metrics.decided(decision);
        Map<String, String> details = new HashMap<>();
        details.put("decision", decision.reason());
        details.put("first_factor", String.valueOf(firstFactor));
        if (firstFactor) {
            details.put("requested_for", target);
        }
        audit(ctx, "EMAIL_OTP_SEND", recipient == SendDecision.Recipient.UNKNOWN ? null : user, null, details);
        return pending;
    }

    private SendDecision.Recipient recipient(AuthenticationFlowContext ctx, UserModel user) {
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

    private Response emailPage(AuthenticationFlowContext ctx, FormMessage error) {
        var form = ctx.form();
        if (error != null) {
            form.addError(error);
        }
        return form.createForm(EMAIL_PAGE);
    }

    private Response codePage(AuthenticationFlowContext ctx, EmailOtpConfig config, PendingCode pending, FormMessage message) {
        Map<String, Object> page = new HashMap<>();
        boolean firstFactor = ctx.getUser() == null;
        page.put("firstFactor", firstFactor);
        page.put("codeRequested", pending != null);
        page.put("recipient", pending != null ? pending.recipient()
                : firstFactor ? "" : Addresses.mask(ctx.getUser().getEmail()));
        page.put("codeLength", config.codeLength());
        page.put("lifetimeMinutes", config.lifetimeMinutes());
        page.put("resendWaitSeconds", pending == null ? 0L : pending.resendWaitSeconds(clock.instant(), config.resendCooldown()));
        var form = ctx.form().setAttribute("vigilOtp", page);
        if (message != null && "vigilEmailOtpNewCodeSent".equals(message.getMessage())) {
            form.setInfo(message.getMessage());
        } else if (message != null) {
            form.addError(message);
        }
        return form.createForm(CODE_PAGE);
    }

    private EmailOtpConfig config(AuthenticationFlowContext ctx) {
        AuthenticatorConfigModel model = ctx.getAuthenticatorConfig();
        try {
            return EmailOtpConfig.from(model == null ? null : model.getConfig());
        } catch (InvalidConfigException e) {
            LOG.errorf("vigil-email-otp in realm %s, execution %s: %s. The step refuses every login until the "
                    + "configuration is corrected.", ctx.getRealm().getName(), ctx.getExecution().getId(), e.getMessage());
            // A challenge, not a failure: Keycloak would answer a failure with its own 500 page.
            ctx.challenge(ctx.form().setError("vigilEmailOtpMisconfigured").createErrorPage(Response.Status.BAD_REQUEST));
            return null;
        }
    }

    private void audit(AuthenticationFlowContext ctx, String type, UserModel user, String error, Map<String, String> details) {
        AuditRecord.Builder record = AuditRecord.builder(AUDIT_SOURCE, type, clock.instant())
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

    private static Map<String, String> notes(AuthenticationSessionModel authSession) {
        Map<String, String> notes = new HashMap<>();
        for (String name : PendingCode.noteNames()) {
            String value = authSession.getAuthNote(name);
            if (value != null) {
                notes.put(name, value);
            }
        }
        return notes;
    }

    private static void clearNotes(AuthenticationSessionModel authSession) {
        PendingCode.noteNames().forEach(authSession::removeAuthNote);
    }

    private static String context(AuthenticationFlowContext ctx, String codeId) {
        AuthenticationSessionModel authSession = ctx.getAuthenticationSession();
        return CodeCheck.context(authSession.getParentSession().getId(), authSession.getTabId(), codeId);
    }

    /** The realm's active HMAC key: secret from anyone who can read the authentication-session cache. */
    private static byte[] hmacKey(KeycloakSession session, RealmModel realm) {
        KeyWrapper key = session.keys().getActiveKey(realm, KeyUse.SIG, HMAC_ALGORITHM);
        if (key == null || key.getSecretKey() == null) {
            throw new IllegalStateException("realm " + realm.getName() + " has no active " + HMAC_ALGORITHM + " key");
        }
        return key.getSecretKey().getEncoded();
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

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return user.getEmail() != null && !user.getEmail().isBlank();
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
