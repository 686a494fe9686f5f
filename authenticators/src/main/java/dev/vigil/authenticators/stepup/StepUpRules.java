package dev.vigil.authenticators.stepup;

import dev.vigil.core.config.Options;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The options of one {@code vigil-step-up} condition: which rules are switched on and how their
 * results combine. Read null-safely from the execution config; a missing or blank option takes its
 * default, a present but invalid one is refused with an {@link IllegalArgumentException} naming the
 * option and the value (the condition then fails closed rather than guessing). List options hold
 * several values separated by {@value #SEPARATOR}, Keycloak's separator for multivalued options;
 * values are trimmed, blank values dropped and duplicates removed, in the order given.
 *
 * <table>
 * <caption>Options</caption>
 * <tr><th>Option</th><th>Default</th><th>Rule switched on when set, and when it matches</th></tr>
 * <tr><td>{@code clients}</td><td>none (off)</td><td>{@code client}: the login is for one of these client ids (exact, case-sensitive)</td></tr>
 * <tr><td>{@code roles}</td><td>none (off)</td><td>{@code role}: the user holds one of these roles; realm roles as {@code name}, client roles as {@code clientId/role}</td></tr>
 * <tr><td>{@code groups}</td><td>none (off)</td><td>{@code group}: the user is in one of these groups (paths such as {@code /team-a/emea}) or in any subgroup of one</td></tr>
 * <tr><td>{@code trusted-ip-ranges}</td><td>none (off)</td><td>{@code ip-outside-trusted}: the client IP is outside all of these ranges ({@link CidrRange}), or unknown</td></tr>
 * <tr><td>{@code max-second-factor-age}</td><td>0 (off)</td><td>{@code second-factor-age}: the user's last second factor is more than this many seconds ago, or never happened</td></tr>
 * <tr><td>{@code untrusted-device}</td><td>false (off)</td><td>{@code untrusted-device}: the browser is not a trusted device</td></tr>
 * <tr><td>{@code flagged-user}</td><td>false (off)</td><td>{@code flagged-user}: the user carries the step-up flag {@value LoginFacts#FLAG_ATTRIBUTE}</td></tr>
 * <tr><td>{@code min-level}</td><td>0 (off)</td><td>{@code level}: the requested level of authentication is at least this</td></tr>
 * <tr><td>{@code match}</td><td>{@code any}</td><td>{@code any}: one switched-on rule matching is enough; {@code all}: every switched-on rule must match</td></tr>
 * <tr><td>{@code negate}</td><td>false</td><td>invert the combined result (a condition with no rules stays false)</td></tr>
 * <tr><td>{@code dry-run}</td><td>false</td><td>evaluate and report, but never require a second factor</td></tr>
 * </table>
 *
 * <p>Whether the listed clients, roles and groups exist can only be checked against the realm; the
 * names are exposed as given ({@link #clients()}, {@link #roles()}, {@link #groups()}) so the
 * Keycloak side can check them and warn. Here they are only checked for form.
 */
public record StepUpRules(
        List<String> clients,
        List<String> roles,
        List<String> groups,
        List<CidrRange> trustedIpRanges,
        Duration maxSecondFactorAge,
        boolean untrustedDevice,
        boolean flaggedUser,
        int minLevel,
        Match match,
        boolean negate,
        boolean dryRun) {

    public static final String CLIENTS = "clients";
    public static final String ROLES = "roles";
    public static final String GROUPS = "groups";
    public static final String TRUSTED_IP_RANGES = "trusted-ip-ranges";
    public static final String MAX_SECOND_FACTOR_AGE = "max-second-factor-age";
    public static final String UNTRUSTED_DEVICE = "untrusted-device";
    public static final String FLAGGED_USER = "flagged-user";
    public static final String MIN_LEVEL = "min-level";
    public static final String MATCH = "match";
    public static final String NEGATE = "negate";
    public static final String DRY_RUN = "dry-run";
    /** Not a rule: the level of authentication recorded when the sub-flow this condition opens succeeds. */
    public static final String LEVEL_REACHED = "level-reached";

    /** Separates the values of a list option (Keycloak's {@code Constants.CFG_DELIMITER}). */
    public static final String SEPARATOR = "##";

    /** Every option this condition knows; any other key in its config is a configuration error. */
    public static final Set<String> KNOWN_OPTIONS = Set.of(CLIENTS, ROLES, GROUPS, TRUSTED_IP_RANGES, MAX_SECOND_FACTOR_AGE,
            UNTRUSTED_DEVICE, FLAGGED_USER, MIN_LEVEL, MATCH, NEGATE, DRY_RUN, LEVEL_REACHED);

    /**
     * Every option at its default: no rule switched on. {@link #from} refuses such a config (a configuration
     * error), and {@link StepUpDecision#evaluate} asks for the second factor under it.
     */
    public static final StepUpRules DEFAULTS = new StepUpRules(List.of(), List.of(), List.of(), List.of(), Duration.ZERO,
            false, false, 0, Match.ANY, false, false);

    /** How the results of the switched-on rules combine. */
    public enum Match {
        ANY("any"), ALL("all");

        private final String id;

        Match(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }

        /** {@code any} or {@code all}, any case; null or blank is {@code any}. */
        public static Match parse(String value) {
            if (value == null || value.isBlank()) {
                return ANY;
            }
            String v = value.trim().toLowerCase(Locale.ROOT);
            for (Match m : values()) {
                if (m.id.equals(v)) {
                    return m;
                }
            }
            throw new IllegalArgumentException(MATCH + " must be any or all, not '" + CidrRange.shown(value) + "'");
        }
    }

    /** Checks the values; null lists are empty, a null age is zero (off), a null match is {@code any}. */
    public StepUpRules {
        clients = names(CLIENTS, clients);
        roles = names(ROLES, roles);
        for (String role : roles) {
            if (role.startsWith("/") || role.endsWith("/")) {
                throw new IllegalArgumentException(ROLES + " must name realm roles as name and client roles as clientId/role, not '"
                        + CidrRange.shown(role) + "'");
            }
        }
        List<String> paths = new ArrayList<>();
        for (String group : names(GROUPS, groups)) {
            if (!group.startsWith("/") || normaliseGroupPath(group).equals("/")) {
                throw new IllegalArgumentException(GROUPS + " must be group paths such as /team-a/emea, not '"
                        + CidrRange.shown(group) + "'");
            }
            paths.add(normaliseGroupPath(group));
        }
        groups = List.copyOf(new LinkedHashSet<>(paths));
        trustedIpRanges = trustedIpRanges == null ? List.of() : List.copyOf(new LinkedHashSet<>(trustedIpRanges));
        maxSecondFactorAge = maxSecondFactorAge == null ? Duration.ZERO : maxSecondFactorAge;
        if (maxSecondFactorAge.isNegative()) {
            throw new IllegalArgumentException(MAX_SECOND_FACTOR_AGE + " must be 0 (off) or more seconds, not "
                    + maxSecondFactorAge.getSeconds());
        }
        if (minLevel < 0) {
            throw new IllegalArgumentException(MIN_LEVEL + " must be 0 (off) or more, not " + minLevel);
        }
        match = match == null ? Match.ANY : match;
    }

    /**
     * Reads the options of one condition (keys as in the class description). A config with a key this
     * condition does not know (a typo such as {@code clientz}) or with no rule switched on is a
     * configuration error, refused like a malformed value: the condition then fails closed.
     *
     * @param config the execution config; null is an empty one
     * @throws IllegalArgumentException naming the option and the value it refuses, the unknown keys, or
     *                                  saying that no rule is switched on
     */
    public static StepUpRules from(Map<String, String> config) {
        Map<String, String> c = config == null ? Map.of() : config;
        List<String> unknown = c.keySet().stream().filter(k -> !KNOWN_OPTIONS.contains(k)).sorted()
                .map(CidrRange::shown).toList();
        if (!unknown.isEmpty()) {
            // At most three named, so a config full of junk keys cannot make a log line of any length.
            String named = String.join(", ", unknown.subList(0, Math.min(3, unknown.size())))
                    + (unknown.size() > 3 ? " and " + (unknown.size() - 3) + " more" : "");
            throw new IllegalArgumentException((unknown.size() == 1 ? "unknown option " : "unknown options ")
                    + named + " (known: " + String.join(", ", new java.util.TreeSet<>(KNOWN_OPTIONS)) + ")");
        }
        StepUpRules rules = parse(c);
        if (!rules.hasRules()) {
            throw new IllegalArgumentException("no rule is switched on (set at least one of clients, roles, groups, "
                    + "trusted-ip-ranges, max-second-factor-age, untrusted-device, flagged-user, min-level)");
        }
        return rules;
    }

    private static StepUpRules parse(Map<String, String> c) {
        return new StepUpRules(
                list(c, CLIENTS),
                list(c, ROLES),
                list(c, GROUPS),
                ranges(c),
                Duration.ofSeconds(whole(c, MAX_SECOND_FACTOR_AGE, Long.MAX_VALUE, "a whole number of seconds, 0 (off) or more")),
                bool(c, UNTRUSTED_DEVICE),
                bool(c, FLAGGED_USER),
                (int) whole(c, MIN_LEVEL, Integer.MAX_VALUE, "a whole number, 0 (off) or more"),
                Match.parse(c.get(MATCH)),
                bool(c, NEGATE),
                bool(c, DRY_RUN));
    }

    /**
     * The {@value #LEVEL_REACHED} option: 0 (off, the default) or the level to record.
     *
     * @throws IllegalArgumentException naming the option and the value it refuses
     */
    public static int levelReached(Map<String, String> config) {
        return (int) whole(config == null ? Map.of() : config, LEVEL_REACHED, Integer.MAX_VALUE, "a whole number, 0 (off) or more");
    }

    /** The rules that are switched on, in a fixed order. */
    public List<StepUpRule> enabledRules() {
        List<StepUpRule> on = new ArrayList<>();
        if (!clients.isEmpty()) {
            on.add(StepUpRule.CLIENT);
        }
        if (!roles.isEmpty()) {
            on.add(StepUpRule.ROLE);
        }
        if (!groups.isEmpty()) {
            on.add(StepUpRule.GROUP);
        }
        if (!trustedIpRanges.isEmpty()) {
            on.add(StepUpRule.IP_OUTSIDE_TRUSTED);
        }
        if (!maxSecondFactorAge.isZero()) {
            on.add(StepUpRule.SECOND_FACTOR_AGE);
        }
        if (untrustedDevice) {
            on.add(StepUpRule.UNTRUSTED_DEVICE);
        }
        if (flaggedUser) {
            on.add(StepUpRule.FLAGGED_USER);
        }
        if (minLevel > 0) {
            on.add(StepUpRule.LEVEL);
        }
        return List.copyOf(on);
    }

    /** Whether any rule is switched on; without one the condition never matches. */
    public boolean hasRules() {
        return !enabledRules().isEmpty();
    }

    /** Shorthand for {@link StepUpDecision#evaluate(StepUpRules, LoginFacts, Clock)}. */
    public StepUpDecision evaluate(LoginFacts facts, Clock clock) {
        return StepUpDecision.evaluate(this, facts, clock);
    }

    /**
     * A group path without a trailing '/' (unless that '/' is part of an escaped group name,
     * {@code ~/}, as Keycloak writes a '/' inside a name).
     */
    static String normaliseGroupPath(String path) {
        String p = path.trim();
        if (p.length() > 1 && p.endsWith("/") && !p.endsWith("~/")) {
            // Trimmed again: "/team-a /" names the same group as "/team-a " and "/team-a".
            p = p.substring(0, p.length() - 1).trim();
        }
        return p;
    }

    private static List<String> names(String key, List<String> values) {
        if (values == null) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String value : values) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(key + " must not contain blank entries");
            }
            out.add(value.trim());
        }
        return List.copyOf(out);
    }

    private static List<String> list(Map<String, String> c, String key) {
        String raw = c.get(key);
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (String part : raw.split(SEPARATOR, -1)) {
            if (!part.isBlank()) {
                values.add(part.trim());
            }
        }
        return values;
    }

    private static List<CidrRange> ranges(Map<String, String> c) {
        List<CidrRange> ranges = new ArrayList<>();
        for (String value : list(c, TRUSTED_IP_RANGES)) {
            try {
                ranges.add(CidrRange.parse(value));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(TRUSTED_IP_RANGES + " must list IP addresses or CIDR ranges such as "
                        + "10.0.0.0/8 or 2001:db8::/32: " + e.getMessage(), e);
            }
        }
        return ranges;
    }

    private static long whole(Map<String, String> c, String key, long max, String expected) {
        String raw = c.get(key);
        if (raw == null || raw.isBlank()) {
            return 0;
        }
        long value;
        try {
            value = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be " + expected + ", not '" + CidrRange.shown(raw) + "'");
        }
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(key + " must be " + expected + ", not " + value);
        }
        return value;
    }

    private static boolean bool(Map<String, String> c, String key) {
        return Options.bool(c, key, false);
    }
}
