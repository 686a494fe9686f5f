package dev.vigil.authenticators.stepup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Whether one login must give a second factor, and why.
 *
 * <p>Every switched-on rule is evaluated (no short cut), so the decision always lists all that matched.
 * They combine by {@code match} ({@code any} or {@code all}); {@code negate} then inverts the result;
 * {@code dry-run} finally keeps the outcome from taking effect. A condition with no rule switched on
 * is a configuration error and fails closed: it requires the second factor, whatever {@code match}
 * and {@code negate} say ({@link StepUpRules#from} already refuses such a config).
 *
 * @param required     whether a second factor must be asked for: {@link #wouldRequire} and not a dry run
 * @param wouldRequire the outcome after {@code match} and {@code negate}, before {@code dry-run}
 * @param dryRun       whether the condition only reports
 * @param checked      the rules that were switched on and evaluated, in {@link StepUpRule} order
 * @param matched      those of them that matched (before {@code negate})
 * @param explanation  one line for logs and audit, e.g. {@code second factor required: client is
 *                     admin-console; ip 203.0.113.9 outside trusted ranges}
 */
public record StepUpDecision(boolean required, boolean wouldRequire, boolean dryRun, List<StepUpRule> checked,
                             List<StepUpRule> matched, String explanation) {

    public StepUpDecision {
        checked = List.copyOf(checked);
        matched = List.copyOf(matched);
        Objects.requireNonNull(explanation, "explanation");
        if (required != (wouldRequire && !dryRun)) {
            throw new IllegalArgumentException("required must be wouldRequire and not dryRun");
        }
        if (!checked.containsAll(matched)) {
            throw new IllegalArgumentException("matched rules must have been checked");
        }
    }

    /**
     * Evaluates one condition for one login.
     *
     * @param clock the time against which {@code max-second-factor-age} is measured
     */
    public static StepUpDecision evaluate(StepUpRules rules, LoginFacts facts, Clock clock) {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(clock, "clock");
        List<StepUpRule> checked = rules.enabledRules();
        if (checked.isEmpty()) {
            return new StepUpDecision(!rules.dryRun(), true, rules.dryRun(), List.of(), List.of(),
                    head(true, rules.dryRun()) + ": the condition has no rules switched on (configuration error)");
        }
        Instant now = clock.instant();
        List<StepUpRule> matched = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (StepUpRule rule : checked) {
            String reason = reason(rule, rules, facts, now);
            if (reason != null) {
                matched.add(rule);
                reasons.add(reason);
            }
        }
        boolean combined = rules.match() == StepUpRules.Match.ALL ? matched.size() == checked.size() : !matched.isEmpty();
        boolean wouldRequire = combined != rules.negate();

        String body;
        if (matched.isEmpty()) {
            body = "no rule matched (" + ids(checked) + " checked)";
        } else if (combined) {
            body = String.join("; ", reasons);
        } else {
            List<StepUpRule> missed = new ArrayList<>(checked);
            missed.removeAll(matched);
            body = "not all rules matched (" + String.join("; ", reasons) + "; " + ids(missed) + " did not match)";
        }
        if (rules.negate()) {
            body = "condition is negated and " + (combined ? "matched (" + body + ")" : body);
        }
        return new StepUpDecision(wouldRequire && !rules.dryRun(), wouldRequire, rules.dryRun(), checked, matched,
                head(wouldRequire, rules.dryRun()) + ": " + body);
    }

    /** The ids of the matched rules, such as {@code client} or {@code ip-outside-trusted}. */
    public List<String> matchedIds() {
        return matched.stream().map(StepUpRule::id).toList();
    }

    /** The ids of the rules that were switched on. */
    public List<String> checkedIds() {
        return checked.stream().map(StepUpRule::id).toList();
    }

    private static String head(boolean wouldRequire, boolean dryRun) {
        if (dryRun) {
            return wouldRequire ? "dry run, second factor would be required" : "dry run, no second factor";
        }
        return wouldRequire ? "second factor required" : "no second factor";
    }

    private static String ids(List<StepUpRule> rules) {
        return rules.stream().map(StepUpRule::id).collect(Collectors.joining(", "));
    }

    /** Why the rule matched, or null if it did not. */
    private static String reason(StepUpRule rule, StepUpRules rules, LoginFacts facts, Instant now) {
        return switch (rule) {
            case CLIENT -> facts.clientId() != null && rules.clients().contains(facts.clientId())
                    ? "client is " + CidrRange.shown(facts.clientId()) : null;
            case ROLE -> {
                List<String> held = rules.roles().stream().filter(facts.roles()::contains).toList();
                yield held.isEmpty() ? null : (held.size() == 1 ? "user has role " : "user has roles ") + String.join(", ", held);
            }
            case GROUP -> group(rules, facts);
            case IP_OUTSIDE_TRUSTED -> ip(rules, facts);
            case SECOND_FACTOR_AGE -> secondFactorAge(rules.maxSecondFactorAge(), facts.lastSecondFactor(), now);
            case UNTRUSTED_DEVICE -> facts.trustedDevice() ? null : "browser is not a trusted device";
            case FLAGGED_USER -> facts.flagged() ? "user is flagged for step-up (" + LoginFacts.FLAG_ATTRIBUTE + ")" : null;
            case LEVEL -> facts.requestedLevel() != null && facts.requestedLevel() >= rules.minLevel()
                    ? "requested level " + facts.requestedLevel() + " is at least " + rules.minLevel() : null;
        };
    }

    private static String group(StepUpRules rules, LoginFacts facts) {
        List<String> hits = new ArrayList<>();
        for (String configured : rules.groups()) {
            facts.groups().stream()
                    .filter(path -> inSubtree(path, configured))
                    .sorted()
                    .findFirst()
                    .ifPresent(path -> hits.add(path.equals(configured) ? configured
                            : configured + " (via " + CidrRange.shown(path) + ")"));
        }
        return hits.isEmpty() ? null : (hits.size() == 1 ? "user in group " : "user in groups ") + String.join(", ", hits);
    }

    /** Whether {@code path} is {@code group} or lies below it. */
    static boolean inSubtree(String path, String group) {
        return path.equals(group) || path.startsWith(group + "/");
    }

    private static String ip(StepUpRules rules, LoginFacts facts) {
        String ip = facts.clientIp();
        if (ip == null || ip.isBlank()) {
            return "ip unknown, treated as outside trusted ranges";
        }
        try {
            CidrRange.parseAddress(ip);
        } catch (IllegalArgumentException e) {
            return "ip '" + CidrRange.shown(ip) + "' is not an address, treated as outside trusted ranges";
        }
        for (CidrRange range : rules.trustedIpRanges()) {
            if (range.contains(ip)) {
                return null;
            }
        }
        return "ip " + CidrRange.shown(ip.trim()) + " outside trusted ranges";
    }

    private static String secondFactorAge(Duration max, Instant last, Instant now) {
        if (last == null) {
            return "no second factor on record";
        }
        Duration since = Duration.between(last, now);
        // a time in the future (clock skew between nodes) counts as just now
        return since.compareTo(max) > 0
                ? "last second factor " + since.getSeconds() + "s ago, more than " + max.getSeconds() + "s" : null;
    }
}
