package dev.vigil.authenticators.stepup;

import dev.vigil.authenticators.trust.TrustVerdict;
import dev.vigil.authenticators.trust.TrustedDeviceCookie;
import dev.vigil.core.audit.AuditRecord;
import dev.vigil.core.audit.AuditTrail;
import dev.vigil.core.users.VigilUserState;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowCallback;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.authentication.authenticators.util.AcrStore;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.Constants;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * {@code vigil-step-up}: a condition in front of a second factor. Gathers the login's facts from
 * Keycloak, lets {@link StepUpDecision} decide, and explains the decision in the login event
 * ({@code vigil_step_up}) and the audit trail. With {@code level-reached} set it records that level
 * of authentication when its sub-flow succeeds, as Keycloak's level-of-authentication condition does,
 * so tokens say what the login really achieved.
 *
 * <p>Runs on every sign-on when its sub-flow sits at the top level of the flow, after the identification
 * (SSO included). When its sub-flow succeeds, the rules that asked and what they saw are remembered in the
 * user session ({@link SatisfiedRules}), so the same requirement is not asked twice in one session.
 */
final class StepUpCondition implements ConditionalAuthenticator, AuthenticationFlowCallback {

    static final String EVENT_DETAIL = "vigil_step_up";
    /** Auth-session note (suffix: the condition's config id): what a second factor in this sub-flow will answer. */
    static final String PENDING_NOTE = "vigil.step-up.pending.";
    private static final Logger LOG = Logger.getLogger(StepUpCondition.class);

    private final Clock clock;
    /** Null in the singleton that evaluates conditions; set in the instances Keycloak creates for callbacks. */
    private final KeycloakSession session;
    /** Configuration errors already logged at ERROR (realm, config id and content), shared by the factory's instances. */
    private final Set<String> reportedErrors;

    StepUpCondition(Clock clock, KeycloakSession session, Set<String> reportedErrors) {
        this.clock = clock;
        this.session = session;
        this.reportedErrors = reportedErrors;
    }

    /** A fresh set for {@link #reportedErrors}. */
    static Set<String> newErrorLog() {
        return ConcurrentHashMap.newKeySet();
    }

    @Override
    public boolean matchCondition(AuthenticationFlowContext context) {
        AuthenticatorConfigModel config = context.getAuthenticatorConfig();
        Map<String, String> options = config == null || config.getConfig() == null ? Map.of() : config.getConfig();
        StepUpRules rules;
        try {
            rules = StepUpRules.from(options);
            List<String> missing = RealmNames.missing(context.getSession(), context.getRealm(), rules);
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("names what does not exist in the realm: " + String.join(", ", missing));
            }
        } catch (IllegalArgumentException invalid) {
            // Fail closed: a broken rule set asks for the second factor rather than waving everyone through.
            String alias = config == null ? "(no config)" : config.getAlias();
            String message = "vigil-step-up: condition " + alias + " in realm " + context.getRealm().getName()
                    + " is misconfigured, asking for a second factor: " + invalid.getMessage();
            if (reportedErrors.add(context.getRealm().getId() + "|" + (config == null ? "" : config.getId()) + "|" + options)) {
                LOG.error(message);
            } else {
                LOG.debug(message);
            }
            explain(context, "second factor required: the condition is misconfigured (" + invalid.getMessage() + ")", true);
            return true;
        }
        LoginFacts facts = facts(context, rules);
        StepUpDecision decision = StepUpDecision.evaluate(rules, facts, clock);
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String pendingNote = PENDING_NOTE + config.getId();
        authSession.removeAuthNote(pendingNote);
        if (decision.required()) {
            Optional<List<SatisfiedRules.Entry>> needed = SatisfiedRules.answers(config.getId(), rules, decision, facts,
                    Instant.now(clock));
            if (needed.isPresent()) {
                authSession.setAuthNote(pendingNote, new SatisfiedRules(needed.get()).format());
                // Keycloak ANDs the conditions of a sub-flow: the session has answered the sub-flow only if it
                // answered what every other step-up condition there asks now, or one of those cannot be answered
                // from memory (an untrusted browser, the flag, the age of the second factor) and must ask.
                Optional<List<SatisfiedRules.Entry>> all = withSiblings(context, config, needed.get());
                SatisfiedRules memory = all.isPresent() ? memory(context) : SatisfiedRules.NONE;
                if (all.isPresent() && memory.covers(all.get())) {
                    decision = SatisfiedRules.answered(decision, memory.answeredAt(all.get()));
                    authSession.removeAuthNote(pendingNote);
                }
            }
        }
        explain(context, decision.explanation(), decision.required());
        return decision.required();
    }

    /**
     * {@code own} plus what the other {@code vigil-step-up} conditions of the same sub-flow would need answered
     * now; empty when one of them asks for a reason memory never answers, or its config cannot be read. A
     * sibling that does not ask adds nothing (the sub-flow does not run then anyway).
     */
    private Optional<List<SatisfiedRules.Entry>> withSiblings(AuthenticationFlowContext context, AuthenticatorConfigModel own,
                                                              List<SatisfiedRules.Entry> needed) {
        RealmModel realm = context.getRealm();
        if (context.getExecution() == null || context.getExecution().getParentFlow() == null) {
            return Optional.of(needed);
        }
        List<SatisfiedRules.Entry> all = new java.util.ArrayList<>(needed);
        for (org.keycloak.models.AuthenticationExecutionModel sibling : realm.getAuthenticationExecutionsStream(
                context.getExecution().getParentFlow()).toList()) {
            if (!StepUpConditionFactory.ID.equals(sibling.getAuthenticator()) || sibling.isDisabled()
                    || sibling.getId().equals(context.getExecution().getId())) {
                continue;
            }
            AuthenticatorConfigModel config = sibling.getAuthenticatorConfig() == null ? null
                    : realm.getAuthenticatorConfigById(sibling.getAuthenticatorConfig());
            StepUpRules rules;
            try {
                rules = StepUpRules.from(config == null ? null : config.getConfig());
            } catch (IllegalArgumentException invalid) {
                return Optional.empty();
            }
            LoginFacts facts = facts(context, rules);
            StepUpDecision decision = StepUpDecision.evaluate(rules, facts, clock);
            if (!decision.required()) {
                continue;
            }
            Optional<List<SatisfiedRules.Entry>> theirs = SatisfiedRules.answers(config.getId(), rules, decision, facts,
                    Instant.now(clock));
            if (theirs.isEmpty()) {
                return Optional.empty();
            }
            all.addAll(theirs.get());
        }
        return Optional.of(all);
    }

    /**
     * What this sign-on's user session already answered: the note set earlier in this flow, else, on an SSO
     * sign-on (the cookie identified the user), the one of the session it continues (its id is the root
     * authentication session's), else nothing.
     */
    private static SatisfiedRules memory(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String inFlow = authSession.getUserSessionNotes().get(SatisfiedRules.NOTE);
        if (inFlow != null) {
            return SatisfiedRules.parse(inFlow);
        }
        // Only an SSO sign-on continues the session; whoever typed the credentials again is judged afresh.
        if (!"true".equals(authSession.getAuthNote(AuthenticationManager.SSO_AUTH))) {
            return SatisfiedRules.NONE;
        }
        UserModel user = context.getUser();
        if (user == null || authSession.getParentSession() == null) {
            return SatisfiedRules.NONE;
        }
        UserSessionModel userSession = context.getSession().sessions().getUserSession(context.getRealm(),
                authSession.getParentSession().getId());
        if (userSession == null || userSession.getUser() == null || !user.getId().equals(userSession.getUser().getId())) {
            return SatisfiedRules.NONE;
        }
        return SatisfiedRules.parse(userSession.getNote(SatisfiedRules.NOTE));
    }

    private LoginFacts facts(AuthenticationFlowContext context, StepUpRules rules) {
        UserModel user = context.getUser();
        RealmModel realm = context.getRealm();
        ClientModel client = context.getAuthenticationSession().getClient();
        return new LoginFacts(client == null ? null : client.getClientId(),
                user == null ? Set.of() : heldRoles(realm, user, rules),
                // Only what a rule that is on needs: this runs on every login through the flow.
                user == null || rules.groups().isEmpty() ? Set.of()
                        : user.getGroupsStream().map(KeycloakModelUtils::buildGroupPath).collect(Collectors.toSet()),
                context.getConnection().getRemoteAddr(),
                user == null || !rules.enabledRules().contains(StepUpRule.SECOND_FACTOR_AGE) ? null
                        : SecondFactorRecord.last(context.getSession(), realm, user),
                user != null && rules.untrustedDevice() && TrustedDeviceCookie.verdict(context.getSession(), realm, user,
                        Instant.now(clock)) == TrustVerdict.TRUSTED,
                user != null && rules.flaggedUser()
                        && VigilUserState.stepUpRequired(context.getSession(), realm, user) != null,
                rules.minLevel() > 0 ? requestedLevel(context) : null);
    }

    /** The level the client asked for (acr_values or claims, mapped through the realm's acr-to-level map); null if none. */
    private static Integer requestedLevel(AuthenticationFlowContext context) {
        int level = new AcrStore(context.getSession(), context.getAuthenticationSession())
                .getRequestedLevelOfAuthentication(context.getTopLevelFlow());
        return level < Constants.MINIMUM_LOA ? null : level;
    }

    @Override
    public void onParentFlowSuccess(AuthenticationFlowContext context) {
        AuthenticatorConfigModel config = context.getAuthenticatorConfig();
        remember(context, config);
        int level;
        try {
            level = StepUpRules.levelReached(config == null ? null : config.getConfig());
        } catch (IllegalArgumentException invalid) {
            LOG.errorf("vigil-step-up: condition %s in realm %s records no level: %s",
                    config == null ? "(no config)" : config.getAlias(), context.getRealm().getName(), invalid.getMessage());
            return;
        }
        AcrStore acr = new AcrStore(context.getSession(), context.getAuthenticationSession());
        if (level > 0 && acr.getLevelOfAuthenticationFromCurrentAuthentication() < level) {
            acr.setLevelAuthenticated(level);
        }
    }

    /** The second factor of this sub-flow answered what the condition asked: the user session remembers it. */
    private static void remember(AuthenticationFlowContext context, AuthenticatorConfigModel config) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        String pending = config == null ? null : authSession.getAuthNote(PENDING_NOTE + config.getId());
        if (pending == null) {
            return;
        }
        authSession.removeAuthNote(PENDING_NOTE + config.getId());
        SatisfiedRules merged = memory(context).with(SatisfiedRules.parse(pending).entries());
        authSession.setUserSessionNote(SatisfiedRules.NOTE, merged.format());
    }

    /** Keeps the levels for later logins in this session, as Keycloak's own level condition does. */
    @Override
    public void onTopFlowSuccess(AuthenticationFlowModel topFlow) {
        AuthenticationSessionModel authSession = session == null ? null : session.getContext().getAuthenticationSession();
        if (authSession != null && authSession.getAuthNote(Constants.LOA_MAP) != null) {
            authSession.setUserSessionNote(Constants.LOA_MAP, authSession.getAuthNote(Constants.LOA_MAP));
        }
    }

    /** The configured roles the user holds, directly, by composite or through a group. */
    private static Set<String> heldRoles(RealmModel realm, UserModel user, StepUpRules rules) {
        Set<String> held = new HashSet<>();
        for (String name : rules.roles()) {
            RoleModel role = resolveRole(realm, name);
            if (role != null && user.hasRole(role)) {
                held.add(name);
            }
        }
        return held;
    }

    /** {@code name} is a realm role, {@code clientId/name} a client role. */
    static RoleModel resolveRole(RealmModel realm, String name) {
        int slash = name.indexOf('/');
        if (slash < 0) {
            return realm.getRole(name);
        }
        ClientModel client = realm.getClientByClientId(name.substring(0, slash));
        return client == null ? null : client.getRole(name.substring(slash + 1));
    }

    private void explain(AuthenticationFlowContext context, String explanation, boolean required) {
        context.getEvent().detail(EVENT_DETAIL, explanation);
        LOG.debugf("vigil-step-up: %s", explanation);
        UserModel user = context.getUser();
        KeycloakSession session = context.getSession();
        AuditTrail.writeAfterCommit(session, AuditRecord.builder("step-up", "STEP_UP_DECISION", Instant.now(clock))
                .realm(context.getRealm().getName())
                .userId(user == null ? null : user.getId())
                .username(user == null ? null : user.getUsername())
                .clientId(context.getAuthenticationSession().getClient().getClientId())
                .ipAddress(context.getConnection().getRemoteAddr())
                .detail("required", required)
                .detail("explanation", explanation)
                .detail("condition", context.getAuthenticatorConfig() == null ? null : context.getAuthenticatorConfig().getAlias())
                .build());
    }

    @Override
    public void action(AuthenticationFlowContext context) {
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public void setRequiredActions(KeycloakSession session, RealmModel realm, UserModel user) {
    }

    @Override
    public void close() {
    }
}
