package dev.vigil.authenticators.stepup;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the Keycloak side knows about one login, in plain values, for {@link StepUpDecision#evaluate}.
 *
 * @param clientId         the client the user logs in to; null if unknown (then no {@code clients} entry matches)
 * @param roles            the user's effective roles (composites expanded), realm roles as {@code name} and
 *                         client roles as {@code clientId/role}, the notation of the {@code roles} option
 * @param groups           the paths of the groups the user is a direct member of, such as {@code /team-a/emea}.
 *                         Ancestors need not be listed: a configured group matches when the user is in it
 *                         <em>or in any of its subgroups</em> (configured {@code /team-a} matches a user in
 *                         {@code /team-a/emea}; configured {@code /team-a/emea} does not match a user only in
 *                         {@code /team-a}; {@code /team-ab} is not a subgroup of {@code /team-a})
 * @param clientIp         the client's IP address as text; null, blank or unparseable is outside every trusted range
 * @param lastSecondFactor when this user last completed a second factor; null if never (or not recorded)
 * @param trustedDevice    whether the browser is a trusted device of this user
 * @param flagged          whether the user carries the step-up flag {@value #FLAG_ATTRIBUTE}
 * @param requestedLevel   the level of authentication the client requested (acr mapped to a level); null if none
 */
public record LoginFacts(
        String clientId,
        Set<String> roles,
        Set<String> groups,
        String clientIp,
        Instant lastSecondFactor,
        boolean trustedDevice,
        boolean flagged,
        Integer requestedLevel) {

    /**
     * The user attribute the refresh-token theft response sets to ask for a second factor at the next
     * login (the same name as {@code dev.vigil.events.refresh.StepUpFlag.ATTRIBUTE}).
     */
    public static final String FLAG_ATTRIBUTE = dev.vigil.core.users.VigilUserAttributes.STEP_UP_REQUIRED;

    /** Null collections are empty; null and blank entries are dropped; group paths lose a trailing '/'. */
    public LoginFacts {
        roles = copy(roles, false);
        groups = copy(groups, true);
    }

    private static Set<String> copy(Collection<String> values, boolean groupPaths) {
        if (values == null) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                out.add(groupPaths ? StepUpRules.normaliseGroupPath(value) : value);
            }
        }
        return Set.copyOf(out);
    }
}
