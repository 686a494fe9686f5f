package dev.vigil.authenticators.stepup;

import dev.vigil.core.config.InvalidConfigException;
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
 * default, a present but invalid one is refused with an {@link InvalidConfigException} naming the
 * option and the value (the condition then fails closed rather than guessing). List options hold
 * several values separated by {@value #SEPARATOR}, Keycloak's separator for multivalued options;
 * values are trimmed, blank values dropped and duplicates removed, in the order given.
 *
 * <p>The options, their defaults and help texts are defined once in {@link StepUpConfigProperties}; each
 * list or switch turns one rule on ({@link #enabledRules()}), {@code match} combines them ({@code any} or
 * {@code all}), {@code negate} inverts the result, {@code dry-run} reports without asking.
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
            throw new InvalidConfigException(MATCH + " must be any or all, not '" + CidrRange.shown(value) + "'");
        }
    }

    /** Checks the values; null lists are empty, a null age is zero (off), a null match is {@code any}. */
    public StepUpRules {
        clients = names(CLIENTS, clients);
        roles = names(ROLES, roles);
        for (String role : roles) {
            if (role.startsWith("/") || role.endsWith("/")) {
                throw new InvalidConfigException(ROLES + " must name realm roles as name and client roles as clientId/role, not '"
                        + CidrRange.shown(role) + "'");
            }
        }
        List<String> paths = new ArrayList<>();
        for (String group : names(GROUPS, groups)) {
            if (!group.startsWith("/") || normaliseGroupPath(group).equals("/")) {
                throw new InvalidConfigException(GROUPS + " must be group paths such as /team-a/emea, not '"
                        + CidrRange.shown(group) + "'");
            }
            paths.add(normaliseGroupPath(group));
        }
        groups = List.copyOf(new LinkedHashSet<>(paths));
        trustedIpRanges = trustedIpRanges == null ? List.of() : List.copyOf(new LinkedHashSet<>(trustedIpRanges));
        maxSecondFactorAge = maxSecondFactorAge == null ? Duration.ZERO : maxSecondFactorAge;
        if (maxSecondFactorAge.isNegative()) {
            throw new InvalidConfigException(MAX_SECOND_FACTOR_AGE + " must be 0 (off) or more seconds, not "
                    + maxSecondFactorAge.getSeconds());
        }
        if (minLevel < 0) {
            throw new InvalidConfigException(MIN_LEVEL + " must be 0 (off) or more, not " + minLevel);
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
        Map<String, String> c = StepUpConfigProperties.OPTIONS.checkKeys(config);
        StepUpRules rules = new StepUpRules(
                StepUpConfigProperties.CLIENTS.read(c),
                StepUpConfigProperties.ROLES.read(c),
                StepUpConfigProperties.GROUPS.read(c),
                StepUpConfigProperties.TRUSTED_IP_RANGES.read(c),
                StepUpConfigProperties.MAX_SECOND_FACTOR_AGE.read(c),
                StepUpConfigProperties.UNTRUSTED_DEVICE.read(c),
                StepUpConfigProperties.FLAGGED_USER.read(c),
                StepUpConfigProperties.MIN_LEVEL.read(c),
                StepUpConfigProperties.MATCH.read(c),
                StepUpConfigProperties.NEGATE.read(c),
                StepUpConfigProperties.DRY_RUN.read(c));
        if (!rules.hasRules()) {
            throw new InvalidConfigException("no rule is switched on (set at least one of clients, roles, groups, "
                    + "trusted-ip-ranges, max-second-factor-age, untrusted-device, flagged-user, min-level)");
        }
        return rules;
    }

    /**
     * The {@value #LEVEL_REACHED} option: 0 (off, the default) or the level to record.
     *
     * @throws IllegalArgumentException naming the option and the value it refuses
     */
    public static int levelReached(Map<String, String> config) {
        return StepUpConfigProperties.LEVEL_REACHED.read(config);
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
                throw new InvalidConfigException(key + " must not contain blank entries");
            }
            out.add(value.trim());
        }
        return List.copyOf(out);
    }

    /** The values of a list option: split at {@value #SEPARATOR}, trimmed, blank values dropped. */
    static List<String> split(String raw) {
        List<String> values = new ArrayList<>();
        for (String part : raw.split(SEPARATOR, -1)) {
            if (!part.isBlank()) {
                values.add(part.trim());
            }
        }
        return values;
    }

    static List<CidrRange> ranges(String raw) {
        List<CidrRange> ranges = new ArrayList<>();
        for (String value : split(raw)) {
            try {
                ranges.add(CidrRange.parse(value));
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigException(TRUSTED_IP_RANGES + " must list IP addresses or CIDR ranges such as "
                        + "10.0.0.0/8 or 2001:db8::/32: " + e.getMessage(), e);
            }
        }
        return ranges;
    }

    static long whole(String key, String raw, long max, String expected) {
        long value;
        try {
            value = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(key + " must be " + expected + ", not '" + CidrRange.shown(raw) + "'");
        }
        if (value < 0 || value > max) {
            throw new InvalidConfigException(key + " must be " + expected + ", not " + value);
        }
        return value;
    }
}
