package dev.vigil.authenticators.stepup;

import dev.vigil.core.audit.AuditOnCommit;
import dev.vigil.core.audit.AuditRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.conditional.ConditionalAuthenticator;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * {@code vigil-step-up}: a condition in front of a second factor. Gathers the login's facts from
 * Keycloak, lets {@link StepUpDecision} decide, and explains the decision in the login event
 * ({@code vigil_step_up}) and the audit trail.
 */
final class StepUpCondition implements ConditionalAuthenticator {

    static final String EVENT_DETAIL = "vigil_step_up";
    private static final Logger LOG = Logger.getLogger(StepUpCondition.class);

    private final Clock clock;

    StepUpCondition(Clock clock) {
        this.clock = clock;
    }

    @Override
    public boolean matchCondition(AuthenticationFlowContext context) {
        AuthenticatorConfigModel config = context.getAuthenticatorConfig();
        Map<String, String> options = config == null || config.getConfig() == null ? Map.of() : config.getConfig();
        StepUpRules rules;
        try {
            rules = StepUpRules.from(options);
        } catch (IllegalArgumentException invalid) {
            // Fail closed: a broken rule set asks for the second factor rather than waving everyone through.
            LOG.errorf("vigil-step-up: condition %s in realm %s is misconfigured, asking for a second factor: %s",
                    config == null ? "(no config)" : config.getAlias(), context.getRealm().getName(), invalid.getMessage());
            explain(context, "second factor required: the condition is misconfigured (" + invalid.getMessage() + ")", true);
            return true;
        }
        StepUpDecision decision = StepUpDecision.evaluate(rules, facts(context, rules), clock);
        explain(context, decision.explanation(), decision.required());
        return decision.required();
    }

    private static LoginFacts facts(AuthenticationFlowContext context, StepUpRules rules) {
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
                false,
                user != null && user.getFirstAttribute(LoginFacts.FLAG_ATTRIBUTE) != null,
                null);
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
        AuditOnCommit.enlist(session).add(AuditRecord.builder("step-up", "STEP_UP_DECISION", Instant.now(clock))
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
