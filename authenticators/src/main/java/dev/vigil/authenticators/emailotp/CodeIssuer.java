package dev.vigil.authenticators.emailotp;

import dev.vigil.core.audit.AuditRecord;
import dev.vigil.core.ratelimit.FixedWindowRateLimiter;
import dev.vigil.core.ratelimit.SingleUseObjectSlotStore;
import dev.vigil.core.secrets.OneTimeCodes;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.util.AuthenticatorUtils;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.BruteForceProtector;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Gives a login its new code. As first factor the request path never looks the address up: it
 * generates, hashes and stores a code and hands the rest (who the address names, the limits, the
 * code's {@link Resolution}, the mail) to a job that runs after the response, for every address
 * alike. As second factor the user is known and the same decisions are made on the request.
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

    /** The same for every request and every kind of address. */
    private record Issued(PendingCode pending, String code, Instant now) {
    }

    private Issued newCode(AuthenticationFlowContext ctx, EmailOtpConfig config, String recipient) {
        Instant now = clock.instant();
        String code = codes.generate(config.codeLength());
        String codeId = UUID.randomUUID().toString();
        PendingCode pending = new PendingCode(codeId, CodeHashing.hash(ctx, codeId, code), recipient, now,
                now.plus(config.lifetime()));
        PendingCodeNotes.store(ctx.getAuthenticationSession(), pending);
        return new Issued(pending, code, now);
    }

    /** First factor: {@code typed} is an address or username, perhaps of nobody. */
    PendingCode issueFirstFactor(AuthenticationFlowContext ctx, EmailOtpConfig config, String typed) {
        Issued issued = newCode(ctx, config, typed);
        AuthenticationSessionModel authSession = ctx.getAuthenticationSession();
        authSession.setAuthNote(NOTE_REQUESTED, typed);
        // Keycloak shows the attempted username on later pages: the typed value, whoever it names.
        authSession.setAuthNote(AuthenticationManager.FORM_USERNAME, typed);
        authSession.setAuthNote("ATTEMPTED_USERNAME", typed);

        FirstFactorJob job = new FirstFactorJob(clock, metrics, config, ctx.getRealm().getId(),
                ctx.getAuthenticationSession().getClient().getClientId(), ctx.getConnection().getRemoteAddr(),
                issued.pending().codeId(), typed, issued.code(), mailAttributes(ctx, config, issued.now()));
        MailDispatcher.afterCommit(ctx.getSession(), job::run);
        return issued.pending();
    }

    /** Second factor: the user gave a password (or another step set the user). */
    PendingCode issueSecondFactor(AuthenticationFlowContext ctx, EmailOtpConfig config) {
        KeycloakSession session = ctx.getSession();
        RealmModel realm = ctx.getRealm();
        UserModel user = ctx.getUser();
        String ip = ctx.getConnection().getRemoteAddr();
        StoreKeys keys = StoreKeys.of(session, realm);
        SendDecision.Recipient recipient = recipient(session, realm, user);
        SendDecision decision = decide(session, clock, keys, config, false, recipient, user.getEmail(), ip, true);

        Issued issued = newCode(ctx, config, Addresses.mask(user.getEmail()));
        EmailOtpLedger.store(session, issued.pending().codeId(),
                new Resolution(decision.mail() == SendDecision.Mail.CODE ? user.getId() : "", user.getId(), keys.budgetOfUser(user.getId()),
                        GuessBudget.Pool.SECOND_FACTOR), config);
        Map<String, Object> attributes = mailAttributes(ctx, config, issued.now());
        if (decision.mail() == SendDecision.Mail.CODE) {
            attributes.put("code", issued.code());
            CodeMail mail = new CodeMail(decision.mail(), realm.getId(), user.getId(), null, attributes);
            MailDispatcher.afterCommit(session, factory -> MailDispatcher.send(factory, mail));
        } else {
            // An empty job all the same: the response never shows whether a mail went out.
            MailDispatcher.afterCommit(session, factory -> {
            });
        }
        metrics.decided(decision);
        EmailOtpAudit.record(ctx, clock, "EMAIL_OTP_SEND", user, null,
                Map.of("decision", decision.reason(), "first_factor", "false"));
        return issued.pending();
    }

    /**
     * Counts the request against the address and client limits and decides. The first factor and the
     * second factor count apart, so that anonymous requests cannot use up the mails of a user who gave
     * a password.
     */
    static SendDecision decide(KeycloakSession session, Clock clock, StoreKeys keys, EmailOtpConfig config, boolean firstFactor,
                               SendDecision.Recipient recipient, String address, String ip, boolean typedAnAddress) {
        FixedWindowRateLimiter limiter = new FixedWindowRateLimiter(new SingleUseObjectSlotStore(session), clock);
        boolean addressAllowed = limiter.tryAcquire(keys.addressLimit(firstFactor, address), config.mailsPerAddress(),
                config.addressWindow());
        boolean ipAllowed = addressAllowed && limiter.tryAcquire(keys.ipLimit(firstFactor, ip), config.mailsPerIp(),
                config.ipWindow());
        return SendDecision.decide(recipient, addressAllowed, ipAllowed, config.notifyUnknownAddresses() && firstFactor,
                typedAnAddress);
    }

    static SendDecision.Recipient recipient(KeycloakSession session, RealmModel realm, UserModel user) {
        if (user == null || user.getServiceAccountClientLink() != null) {
            return SendDecision.Recipient.UNKNOWN;
        }
        if (!user.isEnabled()) {
            return SendDecision.Recipient.DISABLED;
        }
        if (AuthenticatorUtils.getDisabledByBruteForceEventError(session.getProvider(BruteForceProtector.class), session,
                realm, user) != null) {
            return SendDecision.Recipient.LOCKED;
        }
        if (user.getEmail() == null || user.getEmail().isBlank()) {
            return SendDecision.Recipient.NO_EMAIL;
        }
        return SendDecision.Recipient.ACCOUNT;
    }

    /** What every mail of the step says besides the code; read on the request, the same for everybody. */
    private static Map<String, Object> mailAttributes(AuthenticationFlowContext ctx, EmailOtpConfig config, Instant now) {
        RealmModel realm = ctx.getRealm();
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("lifetimeMinutes", config.lifetimeMinutes());
        attributes.put("realmName", realm.getDisplayName() != null ? realm.getDisplayName() : realm.getName());
        attributes.put("requestedAt", MAIL_TIME.format(now));
        attributes.put("ipAddress", ctx.getConnection().getRemoteAddr());
        attributes.put("userAgent", RequesterText.userAgent(ctx.getHttpRequest().getHttpHeaders().getHeaderString("User-Agent")));
        return attributes;
    }

    /**
     * The first factor's work after the response: who the typed value names, the limits, the code's
     * resolution (committed before any mail leaves, so a mailed code is always checkable) and the mail.
     */
    private record FirstFactorJob(Clock clock, EmailOtpMetrics metrics, EmailOtpConfig config, String realmId,
                                  String clientId, String ip, String codeId, String typed, String code,
                                  Map<String, Object> attributes) {

        void run(KeycloakSessionFactory factory) {
            CodeMail[] mail = {null};
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                RealmModel realm = session.realms().getRealm(realmId);
                if (realm == null) {
                    return;
                }
                session.getContext().setRealm(realm);
                UserModel user = KeycloakModelUtils.findUserByNameOrEmail(session, realm, typed);
                SendDecision.Recipient recipient = recipient(session, realm, user);
                boolean account = recipient == SendDecision.Recipient.ACCOUNT;
                StoreKeys keys = StoreKeys.of(session, realm);
                SendDecision decision = decide(session, clock, keys, config, true, recipient, account ? user.getEmail() : typed,
                        ip, Addresses.looksLikeEmail(typed));
                boolean known = recipient != SendDecision.Recipient.UNKNOWN;
                EmailOtpLedger.store(session, codeId, new Resolution(decision.mail() == SendDecision.Mail.CODE ? user.getId() : "",
                        known ? user.getId() : "", known ? keys.budgetOfUser(user.getId()) : keys.budgetOfTyped(typed), GuessBudget.Pool.FIRST_FACTOR), config);
                metrics.decided(decision);
                EmailOtpAudit.write(session, AuditRecord.builder(EmailOtpAudit.SOURCE, "EMAIL_OTP_SEND", clock.instant())
                                .realm(realm.getName()).clientId(clientId).ipAddress(ip),
                        known ? user.getId() : null, known ? user.getUsername() : null, null,
                        Map.of("decision", decision.reason(), "first_factor", "true", "requested_for", typed));
                if (decision.mail() != SendDecision.Mail.NONE) {
                    Map<String, Object> values = new HashMap<>(attributes);
                    if (decision.mail() == SendDecision.Mail.CODE) {
                        values.put("code", code);
                    }
                    mail[0] = new CodeMail(decision.mail(), realmId, account ? user.getId() : "",
                            decision.mail() == SendDecision.Mail.NO_ACCOUNT_NOTICE ? typed : null, values);
                }
            });
            MailDispatcher.send(factory, mail[0]);
        }

        @Override
        public String toString() {
            return "FirstFactorJob[" + codeId + "]";
        }
    }
}
