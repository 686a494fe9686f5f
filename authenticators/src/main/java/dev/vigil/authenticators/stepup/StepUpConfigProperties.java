package dev.vigil.authenticators.stepup;

import dev.vigil.core.config.Option;
import dev.vigil.core.config.OptionSet;
import java.time.Duration;
import java.util.List;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * The options of the condition {@code vigil-step-up}, each defined once (key, label, help, default); read by
 * {@link StepUpRules}, shown by {@link StepUpConditionFactory}. Any other key in a condition's config is a
 * configuration error (the condition then fails closed).
 */
public final class StepUpConfigProperties {

    private static final String OFF = "none (off)";

    public static final Option<List<String>> CLIENTS = Option.parsed("clients", ProviderConfigProperty.MULTIVALUED_STRING_TYPE,
                    List.<String>of(), OFF, raw -> StepUpRules.split(raw))
            .label("Clients").help("Matches when the login is for one of these client ids.").build();
    public static final Option<List<String>> ROLES = Option.parsed("roles", ProviderConfigProperty.MULTIVALUED_STRING_TYPE,
                    List.<String>of(), OFF, raw -> StepUpRules.split(raw))
            .label("Roles").help("Matches when the user holds one of these roles (directly, by composite or group): a realm "
                    + "role as 'name', a client role as 'clientId/name'.").build();
    public static final Option<List<String>> GROUPS = Option.parsed("groups", ProviderConfigProperty.MULTIVALUED_STRING_TYPE,
                    List.<String>of(), OFF, raw -> StepUpRules.split(raw))
            .label("Groups").help("Matches when the user is in one of these groups or a subgroup, by path (e.g. "
                    + "/staff/admins).").build();
    public static final Option<List<CidrRange>> TRUSTED_IP_RANGES = Option.parsed("trusted-ip-ranges",
                    ProviderConfigProperty.MULTIVALUED_STRING_TYPE, List.<CidrRange>of(), OFF, StepUpRules::ranges)
            .label("Trusted IP ranges").help("Matches when the client IP (as Keycloak resolves it: forwarded headers count "
                    + "only under Keycloak's proxy settings) is outside all of these CIDR ranges, IPv4 or IPv6.").build();
    public static final Option<Duration> MAX_SECOND_FACTOR_AGE = Option.parsed("max-second-factor-age",
                    ProviderConfigProperty.STRING_TYPE, Duration.ZERO, "0 (off)",
                    raw -> Duration.ofSeconds(StepUpRules.whole("max-second-factor-age", raw, Long.MAX_VALUE,
                            "a whole number of seconds, 0 (off) or more")))
            .label("Second factor older than (seconds)").help("Matches when the user's last second factor, in any "
                    + "session, is older than this or never happened. Needs 'Vigil - second factor done' after the second "
                    + "factor.").build();
    public static final Option<Boolean> UNTRUSTED_DEVICE = Option.bool("untrusted-device", false)
            .label("Untrusted browsers").help("Matches when the browser is not a trusted device of the user (the 'trust "
                    + "this browser' box of the email code step; the cookie is signed by the realm and bound to the user). "
                    + "Put it in a second condition of the same sub-flow to let trusted browsers skip the other rules.").build();
    public static final Option<Boolean> FLAGGED_USER = Option.bool("flagged-user", false)
            .label("Users flagged by the theft response").help("Matches when the refresh-token theft response marked the "
                    + "user (attribute vigil.step-up-required, which Vigil declares admin-only in the user profile).").build();
    public static final Option<Integer> MIN_LEVEL = Option.parsed("min-level", ProviderConfigProperty.STRING_TYPE, 0, "0 (off)",
                    raw -> (int) StepUpRules.whole("min-level", raw, Integer.MAX_VALUE, "a whole number, 0 (off) or more"))
            .label("Requested level at least").help("Matches when the client asked (acr_values or the claims parameter, "
                    + "through the realm's ACR to LoA mapping) for at least this level of authentication.").build();
    public static final Option<StepUpRules.Match> MATCH = Option.parsed("match", ProviderConfigProperty.LIST_TYPE,
                    StepUpRules.Match.ANY, "any", StepUpRules.Match::parse)
            .choices(List.of("any", "all"))
            .label("Match").help("any: one matching rule asks for the second factor; all: every rule that is on must "
                    + "match.").build();
    public static final Option<Boolean> NEGATE = Option.bool("negate", false)
            .label("Negate").help("Ask for the second factor when the rules do NOT match.").build();
    public static final Option<Boolean> DRY_RUN = Option.bool("dry-run", false)
            .label("Dry run").help("Evaluate and explain (event detail vigil_step_up, audit trail) but never ask.").build();
    /** Not a rule: the level of authentication recorded when the sub-flow this condition opens succeeds. */
    public static final Option<Integer> LEVEL_REACHED = Option.parsed("level-reached", ProviderConfigProperty.STRING_TYPE, 0,
                    "0 (records nothing)",
                    raw -> (int) StepUpRules.whole("level-reached", raw, Integer.MAX_VALUE, "a whole number, 0 (off) or more"))
            .label("Level reached").help("When the second factor of this sub-flow was given, record this level of "
                    + "authentication, as 'Condition - Level of Authentication' does: tokens carry the acr mapped to it, and "
                    + "a later request for that level is satisfied for the max age of the flow's condition for that level.")
            .build();

    /** Every key a condition's config may hold. */
    public static final OptionSet OPTIONS = OptionSet.of(CLIENTS, ROLES, GROUPS, TRUSTED_IP_RANGES, MAX_SECOND_FACTOR_AGE,
            UNTRUSTED_DEVICE, FLAGGED_USER, MIN_LEVEL, MATCH, NEGATE, DRY_RUN, LEVEL_REACHED);

    private StepUpConfigProperties() {
    }
}
