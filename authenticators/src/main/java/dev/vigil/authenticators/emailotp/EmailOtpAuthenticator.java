package dev.vigil.authenticators.emailotp;

import dev.vigil.core.config.InvalidConfigException;
import dev.vigil.core.secrets.OneTimeCodes;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.FormMessage;

/**
 * {@code vigil-email-otp}: the translation between Keycloak's flow and the step's logic. Reads the
 * form and the authentication session, asks {@link CodeIssuer}, {@link SendDecision} and
 * {@link CodeCheck}, and turns their answers into pages. As second factor the user is known; as
 * first factor it asks for an address and answers every address the same way.
 */
public class EmailOtpAuthenticator implements Authenticator {

    static final String ACTION = "vigil-action";
    static final String ACTION_SEND = "send";
    static final String ACTION_RESEND = "resend";
    static final String FIELD_EMAIL = "email";
    static final String FIELD_CODE = "code";
    static final String FIELD_TRUST_DEVICE = "trust-device";
    /** The longest address SMTP allows; anything longer is not an address or username worth a lookup. */
    static final int MAX_TYPED_LENGTH = 320;
    private static final Logger LOG = Logger.getLogger(EmailOtpAuthenticator.class);

    private final Clock clock;
    private final CodeIssuer issuer;
    private final EmailOtpMetrics metrics;

    EmailOtpAuthenticator(Clock clock, OneTimeCodes codes, EmailOtpMetrics metrics) {
        this.clock = clock;
        this.issuer = new CodeIssuer(clock, codes, metrics);
        this.metrics = metrics;
    }

    @Override
    public void authenticate(AuthenticationFlowContext ctx) {
        EmailOtpConfig config = config(ctx);
        if (config == null) {
            return;
        }
        PendingCode pending = PendingCodeNotes.load(ctx.getAuthenticationSession());
        if (ctx.getUser() != null && !configuredFor(ctx.getSession(), ctx.getRealm(), ctx.getUser())) {
            // Second factor for an account without an address: nothing can be sent, and skipping the
            // step would skip a required factor. Say so; "try another way" stays available.
            ctx.challenge(ctx.form().setError("vigilEmailOtpNoAddress").createErrorPage(Response.Status.BAD_REQUEST));
        } else if (pending != null) {
            ctx.challenge(codePage(ctx, config, pending, null));
        } else if (ctx.getUser() == null) {
            ctx.challenge(EmailOtpPages.email(ctx, null));
        } else if ("POST".equals(ctx.getHttpRequest().getHttpMethod())) {
            // Reached right after the password form was posted: that POST asks for the code.
            ctx.challenge(codePage(ctx, config, issuer.issueSecondFactor(ctx, config), null));
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
        PendingCode pending = PendingCodeNotes.load(ctx.getAuthenticationSession());

        if (ACTION_SEND.equals(action) && ctx.getUser() == null) {
            String typed = form.getFirst(FIELD_EMAIL);
            if (typed == null || typed.isBlank() || typed.length() > MAX_TYPED_LENGTH) {
                ctx.challenge(EmailOtpPages.email(ctx, new FormMessage(FIELD_EMAIL, "vigilEmailOtpEmailRequired")));
                return;
            }
            if (pending != null && pending.resendWaitSeconds(clock.instant(), config.resendCooldown()) > 0) {
                // The address form posted again in the same login: the cooldown holds here too.
                ctx.challenge(codePage(ctx, config, pending, null));
                return;
            }
            ctx.challenge(codePage(ctx, config, issuer.issueFirstFactor(ctx, config, typed.trim()), null));
        } else if (ACTION_SEND.equals(action) || ACTION_RESEND.equals(action)) {
            resend(ctx, config, pending);
        } else {
            verify(ctx, config, pending, form.getFirst(FIELD_CODE), "on".equals(form.getFirst(FIELD_TRUST_DEVICE)));
        }
    }

    private void resend(AuthenticationFlowContext ctx, EmailOtpConfig config, PendingCode pending) {
        String target = ctx.getUser() != null ? ctx.getUser().getEmail()
                : ctx.getAuthenticationSession().getAuthNote(CodeIssuer.NOTE_REQUESTED);
        if (target == null) {
            ctx.challenge(EmailOtpPages.email(ctx, null));
            return;
        }
        if (pending != null && pending.resendWaitSeconds(clock.instant(), config.resendCooldown()) > 0) {
            ctx.challenge(codePage(ctx, config, pending, null));
            return;
        }
        PendingCode fresh = ctx.getUser() != null ? issuer.issueSecondFactor(ctx, config)
                : issuer.issueFirstFactor(ctx, config, target);
        ctx.challenge(codePage(ctx, config, fresh, new FormMessage(null, EmailOtpPages.NEW_CODE_SENT)));
    }

    private void verify(AuthenticationFlowContext ctx, EmailOtpConfig config, PendingCode pending, String typed,
                        boolean trustDevice) {
        String code = typed == null ? "" : typed.replaceAll("[\\s-]", "");
        if (code.isEmpty()) {
            ctx.challenge(codePage(ctx, config, pending, new FormMessage(FIELD_CODE, "vigilEmailOtpCodeRequired")));
            return;
        }
        KeycloakSession session = ctx.getSession();
        RealmModel realm = ctx.getRealm();
        Instant now = clock.instant();
        StoreKeys keys = StoreKeys.of(session, realm);
        String requested = ctx.getAuthenticationSession().getAuthNote(CodeIssuer.NOTE_REQUESTED);
        String standIn = keys.budgetOfTyped(requested != null ? requested : pending == null ? "" : pending.recipient());
        String submittedHash = pending == null ? null : CodeHashing.hash(ctx, pending.codeId(), code);
        CodeCheck.Result result = CodeCheck.check(pending, submittedHash, now, standIn,
                new EmailOtpLedger(session, realm, keys, config, clock));
        Resolution resolution = result.resolution();
        String userId = resolution != null && resolution.hasAccount() ? resolution.userId() : null;

        if (result.outcome() == CodeCheck.Outcome.VALID) {
            // Only the right code loads the user: a wrong one does the same work for every address.
            UserModel user = session.users().getUserById(realm, userId);
            boolean sameUser = ctx.getUser() == null ? resolution.pool() != GuessBudget.Pool.SECOND_FACTOR
                    : user != null && ctx.getUser().getId().equals(user.getId());
            if (user != null && sameUser && user.isEnabled()
                    && AuthenticatorUtils.getDisabledByBruteForceEventError(ctx, user) == null
                    && session.singleUseObjects().putIfAbsent(StoreKeys.used(pending.codeId()), config.lifetime().getSeconds())) {
                PendingCodeNotes.clear(ctx.getAuthenticationSession());
                metrics.checked(result.outcome());
                EmailOtpAudit.record(ctx, clock, "EMAIL_OTP_VERIFY", user, null, Map.of("result", "valid"));
                if (trustDevice && TrustedDevices.offered(ctx, config)) {
                    // Second factor only: trusting a browser after a first factor alone would trust a password.
                    TrustedDevices.grant(ctx, user, config.trustDeviceDays(), now, clock);
                }
                if (ctx.getUser() == null) {
                    ctx.setUser(user);
                }
                ctx.success();
                return;
            }
        }
        CodeCheck.Outcome reported = result.outcome() == CodeCheck.Outcome.VALID ? CodeCheck.Outcome.WRONG : result.outcome();
        metrics.checked(reported);
        Map<String, String> details = new java.util.HashMap<>();
        details.put("result", reported.name().toLowerCase());
        if (result.charged() != null) {
            details.put("budget", result.charged().id());
        }
        if (ctx.getUser() == null && requested != null) {
            // What was typed, as in the send record: the check loads no user to name one.
            details.put("requested_for", requested);
        }
        UserModel knownUser = ctx.getUser();
        EmailOtpAudit.record(ctx, clock, "EMAIL_OTP_VERIFY", knownUser != null ? knownUser.getId()
                        : resolution != null ? resolution.accountId() : null,
                knownUser != null ? knownUser.getUsername() : null, "invalid_code", details);
        if (knownUser != null && reported != CodeCheck.Outcome.NO_CODE) {
            // Second factor: the caller gave the user's password, so the realm's brute-force protection
            // counts the failure (otp category). A first-factor failure is anyone's and locks nothing.
            ctx.getProtector().failedLogin(realm, knownUser, ctx.getConnection(), ctx.getUriInfo(), Set.of("otp"));
            ctx.getEvent().clone().user(knownUser).detail(Details.REASON, "vigil-email-otp " + reported.name().toLowerCase())
                    .error(Errors.INVALID_USER_CREDENTIALS);
        }
        ctx.challenge(codePage(ctx, config, pending, new FormMessage(FIELD_CODE, "vigilEmailOtpInvalidCode")));
    }

    private Response codePage(AuthenticationFlowContext ctx, EmailOtpConfig config, PendingCode pending, FormMessage message) {
        return EmailOtpPages.code(ctx, config, pending, message, clock.instant());
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
