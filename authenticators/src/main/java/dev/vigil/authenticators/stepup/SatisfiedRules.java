package dev.vigil.authenticators.stepup;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a user session has already answered with a second factor: for each condition, the rules that
 * asked and the value each one saw (client, IP, roles, ...), with the time. Kept in the user-session
 * note {@value #NOTE}, so a second sign-on at the same client from the same IP is not asked again, while
 * a new client, a new IP or a new flag is.
 *
 * <p>Two rules are never answered from memory, because their own state already says when they are
 * answered: {@code second-factor-age} (the time of the last second factor moves on) and
 * {@code flagged-user} (the second factor lifts the flag). A requirement that rests on one of them is
 * always asked. Memory serves SSO sign-ons only: a sign-on where the user typed the credentials again is
 * judged afresh.
 *
 * @param entries at most {@value #MAX_ENTRIES}, the newest kept
 */
public record SatisfiedRules(List<Entry> entries) {

    /** The user-session note. */
    public static final String NOTE = "vigil.step-up.satisfied";
    /** Bounds the note whatever the number of sign-ons in one session. */
    public static final int MAX_ENTRIES = 32;

    public static final SatisfiedRules NONE = new SatisfiedRules(List.of());

    /**
     * One answered rule.
     *
     * @param condition   the id of the condition's config (rules differ per condition)
     * @param rule        the rule that asked
     * @param value       what the rule saw, e.g. the client id or the IP address
     * @param epochSecond when the second factor answered it
     */
    public record Entry(String condition, StepUpRule rule, String value, long epochSecond) {
        public Entry {
            Objects.requireNonNull(condition, "condition");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(value, "value");
        }

        boolean sameAs(Entry other) {
            return condition.equals(other.condition) && rule == other.rule && value.equals(other.value);
        }
    }

    public SatisfiedRules {
        List<Entry> sorted = new ArrayList<>(entries == null ? List.of() : entries);
        sorted.sort(Comparator.comparingLong(Entry::epochSecond));
        entries = List.copyOf(sorted.subList(Math.max(0, sorted.size() - MAX_ENTRIES), sorted.size()));
    }

    /**
     * The entries a second factor given now would leave for a decision that requires one; empty when
     * the requirement rests on a rule that memory never answers (then it is asked every time).
     */
    public static Optional<List<Entry>> answers(String condition, StepUpRules rules, StepUpDecision decision,
                                                LoginFacts facts, Instant now) {
        if (condition == null || !decision.wouldRequire()) {
            return Optional.empty();
        }
        // Negated, the rules ask because they did not match: every rule checked is part of the reason.
        List<StepUpRule> reasons = rules.negate() ? decision.checked() : decision.matched();
        if (reasons.isEmpty()) {
            return Optional.empty();
        }
        List<Entry> out = new ArrayList<>();
        for (StepUpRule rule : reasons) {
            String value = value(rule, rules, facts);
            if (value == null) {
                return Optional.empty();
            }
            out.add(new Entry(condition, rule, value, now.getEpochSecond()));
        }
        return Optional.of(List.copyOf(out));
    }

    /** What a rule saw, as remembered; null for the rules memory never answers. */
    static String value(StepUpRule rule, StepUpRules rules, LoginFacts facts) {
        return switch (rule) {
            case CLIENT -> String.valueOf(facts.clientId());
            case ROLE -> rules.roles().stream().filter(facts.roles()::contains).sorted().collect(Collectors.joining(","));
            case GROUP -> {
                TreeSet<String> hits = new TreeSet<>();
                for (String configured : rules.groups()) {
                    if (facts.groups().stream().anyMatch(path -> StepUpDecision.inSubtree(path, configured))) {
                        hits.add(configured);
                    }
                }
                yield String.join(",", hits);
            }
            case IP_OUTSIDE_TRUSTED -> facts.clientIp() == null ? "" : facts.clientIp().trim();
            case UNTRUSTED_DEVICE -> facts.trustedDevice() ? "trusted" : "untrusted";
            case LEVEL -> String.valueOf(facts.requestedLevel());
            case SECOND_FACTOR_AGE, FLAGGED_USER -> null;
        };
    }

    /** Whether every one of {@code needed} was answered in this session. */
    public boolean covers(List<Entry> needed) {
        return !needed.isEmpty() && needed.stream().allMatch(n -> entries.stream().anyMatch(n::sameAs));
    }

    /** The earliest time among the entries that cover {@code needed}; for explanations. */
    public Instant answeredAt(List<Entry> needed) {
        return Instant.ofEpochSecond(entries.stream().filter(e -> needed.stream().anyMatch(e::sameAs))
                .mapToLong(Entry::epochSecond).min().orElse(0));
    }

    /** These entries plus {@code more}; an entry for the same condition, rule and value is replaced. */
    public SatisfiedRules with(List<Entry> more) {
        List<Entry> merged = new ArrayList<>();
        for (Entry e : entries) {
            if (more.stream().noneMatch(e::sameAs)) {
                merged.add(e);
            }
        }
        merged.addAll(more);
        return new SatisfiedRules(merged);
    }

    /** A decision that the session's memory answered: no second factor, and why. */
    public static StepUpDecision answered(StepUpDecision decision, Instant at) {
        return new StepUpDecision(false, false, decision.dryRun(), decision.checked(), decision.matched(),
                "no second factor: already answered in this session at " + at + " ("
                        + decision.explanation().replaceFirst("^second factor required: ", "") + ")");
    }

    /** The note's text: {@code condition rule value time} per entry, URL-encoded, entries separated by ';'. */
    public String format() {
        return entries.stream().map(e -> enc(e.condition) + " " + e.rule.id() + " " + enc(e.value) + " " + e.epochSecond)
                .collect(Collectors.joining(";"));
    }

    /** Reads a note; anything it cannot read is left out (a lost entry only means asking again). */
    public static SatisfiedRules parse(String note) {
        if (note == null || note.isBlank()) {
            return NONE;
        }
        List<Entry> entries = new ArrayList<>();
        for (String part : note.split(";")) {
            String[] f = part.split(" ", -1);
            if (f.length != 4) {
                continue;
            }
            StepUpRule rule = null;
            for (StepUpRule r : StepUpRule.values()) {
                if (r.id().equals(f[1])) {
                    rule = r;
                }
            }
            try {
                if (rule != null) {
                    entries.add(new Entry(dec(f[0]), rule, dec(f[2]), Long.parseLong(f[3])));
                }
            } catch (IllegalArgumentException unreadable) {
                // left out
            }
        }
        return new SatisfiedRules(entries);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String dec(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
