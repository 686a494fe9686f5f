package dev.vigil.authenticators.stepup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a session remembers of the requirements it answered, and when that spares a second factor. */
class SatisfiedRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static LoginFacts facts(String client, String ip, boolean flagged) {
        return new LoginFacts(client, Set.of("vigil-admins"), Set.of("/staff/emea"), ip, null, false, flagged, null);
    }

    /** The decision, then what the session remembers after a second factor, as the condition does it. */
    private static List<SatisfiedRules.Entry> needed(StepUpRules rules, LoginFacts facts) {
        StepUpDecision decision = StepUpDecision.evaluate(rules, facts, CLOCK);
        return SatisfiedRules.answers("cond-1", rules, decision, facts, NOW).orElse(null);
    }

    @Test
    void aSecondStrictSignOnIsAnsweredButAnotherClientOrIpIsNot() {
        StepUpRules rules = StepUpRules.from(Map.of("clients", "strict", "trusted-ip-ranges", "127.0.0.0/8"));
        List<SatisfiedRules.Entry> first = needed(rules, facts("strict", "127.0.0.1", false));
        assertThat(first).extracting(SatisfiedRules.Entry::rule).containsExactly(StepUpRule.CLIENT);
        SatisfiedRules memory = SatisfiedRules.NONE.with(first);

        assertThat(memory.covers(needed(rules, facts("strict", "127.0.0.1", false)))).as("same client, same IP").isTrue();
        assertThat(memory.covers(needed(rules, facts("strict", "203.0.113.9", false))))
                .as("same client from outside: the IP rule was never answered").isFalse();
        SatisfiedRules both = memory.with(needed(rules, facts("strict", "203.0.113.9", false)));
        assertThat(both.covers(needed(rules, facts("strict", "203.0.113.9", false)))).isTrue();
        assertThat(both.covers(needed(rules, facts("strict", "198.51.100.7", false)))).as("yet another IP").isFalse();
        assertThat(needed(rules, facts("lax", "127.0.0.1", false))).as("nothing to answer").isNull();
    }

    @Test
    void anotherConditionsAnswerDoesNotCount() {
        StepUpRules rules = StepUpRules.from(Map.of("clients", "strict"));
        LoginFacts facts = facts("strict", "127.0.0.1", false);
        StepUpDecision decision = StepUpDecision.evaluate(rules, facts, CLOCK);
        SatisfiedRules memory = SatisfiedRules.NONE.with(SatisfiedRules.answers("cond-1", rules, decision, facts, NOW).orElseThrow());
        assertThat(memory.covers(SatisfiedRules.answers("cond-2", rules, decision, facts, NOW).orElseThrow())).isFalse();
    }

    @Test
    void theFlagAndTheSecondFactorAgeAreNeverAnsweredFromMemory() {
        StepUpRules flag = StepUpRules.from(Map.of("flagged-user", "true", "clients", "strict"));
        assertThat(needed(flag, facts("strict", "127.0.0.1", true))).as("flag and client matched").isNull();
        StepUpRules age = StepUpRules.from(Map.of("max-second-factor-age", "3600"));
        assertThat(needed(age, facts("strict", "127.0.0.1", false))).isNull();
        StepUpRules untrusted = StepUpRules.from(Map.of("untrusted-device", "true"));
        assertThat(needed(untrusted, facts("strict", "127.0.0.1", false))).extracting(SatisfiedRules.Entry::value)
                .as("an untrusted browser is remembered as such").containsExactly("untrusted");
    }

    @Test
    void aNegatedConditionRemembersWhatEveryRuleSaw() {
        StepUpRules rules = StepUpRules.from(Map.of("roles", "auditors", "negate", "true"));
        List<SatisfiedRules.Entry> entries = needed(rules, facts("app", "127.0.0.1", false));
        assertThat(entries).extracting(SatisfiedRules.Entry::rule, SatisfiedRules.Entry::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(StepUpRule.ROLE, ""));
    }

    @Test
    void theAnswerTurnsTheDecisionIntoNoSecondFactorAndSaysWhen() {
        StepUpRules rules = StepUpRules.from(Map.of("clients", "strict"));
        StepUpDecision decision = StepUpDecision.evaluate(rules, facts("strict", "127.0.0.1", false), CLOCK);
        StepUpDecision answered = SatisfiedRules.answered(decision, NOW.minusSeconds(30));
        assertThat(answered.required()).isFalse();
        assertThat(answered.explanation())
                .isEqualTo("no second factor: already answered in this session at 2026-12-05T11:59:30Z (client is strict)");
    }

    @Test
    void theNoteRoundTripsAndStaysBounded() {
        List<SatisfiedRules.Entry> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(new SatisfiedRules.Entry("cond;1 %", StepUpRule.IP_OUTSIDE_TRUSTED, "2001:db8::" + i, 1000 + i));
        }
        SatisfiedRules memory = SatisfiedRules.NONE.with(many);
        assertThat(memory.entries()).hasSize(SatisfiedRules.MAX_ENTRIES);
        assertThat(memory.entries().get(0).value()).as("the oldest go first").isEqualTo("2001:db8::68");
        assertThat(SatisfiedRules.parse(memory.format())).isEqualTo(memory);
        assertThat(SatisfiedRules.parse("garbage;x y z;a client b notanumber")).isEqualTo(SatisfiedRules.NONE);
        assertThat(SatisfiedRules.parse(null)).isEqualTo(SatisfiedRules.NONE);
    }

    @Test
    void answeringAgainReplacesTheEntryWithTheNewerTime() {
        SatisfiedRules.Entry old = new SatisfiedRules.Entry("c", StepUpRule.CLIENT, "strict", 10);
        SatisfiedRules.Entry fresh = new SatisfiedRules.Entry("c", StepUpRule.CLIENT, "strict", 20);
        assertThat(SatisfiedRules.NONE.with(List.of(old)).with(List.of(fresh)).entries()).containsExactly(fresh);
    }
}
