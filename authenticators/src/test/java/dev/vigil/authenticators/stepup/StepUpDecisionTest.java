package dev.vigil.authenticators.stepup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StepUpDecisionTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:15:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** A login that matches no rule: known client, plain roles, trusted network, fresh second factor. */
    private static Facts quiet() {
        return new Facts();
    }

    private static final class Facts {
        String clientId = "account-console";
        Set<String> roles = Set.of("default-roles-demo");
        Set<String> groups = Set.of("/staff");
        String ip = "10.1.2.3";
        Instant lastSecondFactor = NOW.minusSeconds(60);
        boolean trustedDevice = true;
        boolean flagged = false;
        Integer level = null;

        Facts client(String value) {
            clientId = value;
            return this;
        }

        Facts roles(String... values) {
            roles = Set.of(values);
            return this;
        }

        Facts groups(String... values) {
            groups = Set.of(values);
            return this;
        }

        Facts ip(String value) {
            ip = value;
            return this;
        }

        Facts lastSecondFactor(Instant value) {
            lastSecondFactor = value;
            return this;
        }

        Facts trustedDevice(boolean value) {
            trustedDevice = value;
            return this;
        }

        Facts flagged(boolean value) {
            flagged = value;
            return this;
        }

        Facts level(Integer value) {
            level = value;
            return this;
        }

        LoginFacts build() {
            return new LoginFacts(clientId, roles, groups, ip, lastSecondFactor, trustedDevice, flagged, level);
        }
    }

    private static StepUpRules rules(String... keyValues) {
        Map<String, String> config = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put(keyValues[i], keyValues[i + 1]);
        }
        return StepUpRules.from(config);
    }

    private static StepUpDecision decide(StepUpRules rules, Facts facts) {
        return StepUpDecision.evaluate(rules, facts.build(), CLOCK);
    }

    @Nested
    class ClientRule {

        @Test
        void matchesTheListedClients() {
            StepUpRules rules = rules("clients", "admin-console##security-admin-console");
            StepUpDecision decision = decide(rules, quiet().client("admin-console"));
            assertThat(decision.required()).isTrue();
            assertThat(decision.wouldRequire()).isTrue();
            assertThat(decision.matchedIds()).containsExactly("client");
            assertThat(decision.explanation()).isEqualTo("second factor required: client is admin-console");
            assertThat(decide(rules, quiet().client("security-admin-console")).required()).isTrue();
        }

        @Test
        void doesNotMatchOtherOrUnknownClientsOrOtherCase() {
            StepUpRules rules = rules("clients", "admin-console");
            StepUpDecision decision = decide(rules, quiet());
            assertThat(decision.required()).isFalse();
            assertThat(decision.matched()).isEmpty();
            assertThat(decision.checkedIds()).containsExactly("client");
            assertThat(decision.explanation()).isEqualTo("no second factor: no rule matched (client checked)");
            assertThat(decide(rules, quiet().client(null)).required()).isFalse();
            assertThat(decide(rules, quiet().client("Admin-Console")).required()).isFalse();
        }
    }

    @Nested
    class RoleRule {

        @Test
        void matchesRealmAndClientRoles() {
            StepUpRules rules = rules("roles", "admin##realm-management/manage-users");
            assertThat(decide(rules, quiet().roles("user", "admin")).explanation())
                    .isEqualTo("second factor required: user has role admin");
            assertThat(decide(rules, quiet().roles("realm-management/manage-users")).explanation())
                    .isEqualTo("second factor required: user has role realm-management/manage-users");
            assertThat(decide(rules, quiet().roles("realm-management/manage-users", "admin")).explanation())
                    .isEqualTo("second factor required: user has roles admin, realm-management/manage-users");
        }

        @Test
        void aRealmRoleIsNotTheClientRoleOfTheSameName() {
            StepUpRules rules = rules("roles", "admin");
            assertThat(decide(rules, quiet().roles("my-app/admin")).required()).isFalse();
            assertThat(decide(rules, quiet().roles()).required()).isFalse();
            assertThat(decide(rules("roles", "my-app/admin"), quiet().roles("admin")).required()).isFalse();
        }
    }

    @Nested
    class GroupRule {

        @Test
        void matchesTheGroupItself() {
            StepUpDecision decision = decide(rules("groups", "/team-a/emea"), quiet().groups("/team-a/emea"));
            assertThat(decision.required()).isTrue();
            assertThat(decision.explanation()).isEqualTo("second factor required: user in group /team-a/emea");
        }

        @Test
        void matchesAnySubgroup() {
            StepUpRules rules = rules("groups", "/team-a");
            assertThat(decide(rules, quiet().groups("/team-a/emea")).explanation())
                    .isEqualTo("second factor required: user in group /team-a (via /team-a/emea)");
            assertThat(decide(rules, quiet().groups("/team-a/emea/ops")).required()).isTrue();
        }

        @Test
        void doesNotMatchParentsSiblingsOrNamesWithTheSamePrefix() {
            assertThat(decide(rules("groups", "/team-a/emea"), quiet().groups("/team-a")).required()).isFalse();
            assertThat(decide(rules("groups", "/team-a/emea"), quiet().groups("/team-a/apac")).required()).isFalse();
            assertThat(decide(rules("groups", "/team-a"), quiet().groups("/team-ab")).required()).isFalse();
            assertThat(decide(rules("groups", "/team-a"), quiet().groups("/b/team-a")).required()).isFalse();
            assertThat(decide(rules("groups", "/team-a"), quiet().groups()).required()).isFalse();
        }

        @Test
        void trailingSlashesOnEitherSideDoNotMatter() {
            assertThat(decide(rules("groups", "/team-a/"), quiet().groups("/team-a/emea/")).explanation())
                    .isEqualTo("second factor required: user in group /team-a (via /team-a/emea)");
        }

        @Test
        void listsEveryMatchedConfiguredGroup() {
            assertThat(decide(rules("groups", "/team-a##/ops"), quiet().groups("/ops", "/team-a/x", "/team-a/emea")).explanation())
                    .isEqualTo("second factor required: user in groups /team-a (via /team-a/emea), /ops");
        }
    }

    @Nested
    class IpRule {

        private final StepUpRules rules = rules("trusted-ip-ranges", "10.0.0.0/8##192.168.1.7##2001:db8::/32");

        @Test
        void matchesOutsideEveryTrustedRange() {
            StepUpDecision decision = decide(rules, quiet().ip("203.0.113.9"));
            assertThat(decision.required()).isTrue();
            assertThat(decision.matchedIds()).containsExactly("ip-outside-trusted");
            assertThat(decision.explanation()).isEqualTo("second factor required: ip 203.0.113.9 outside trusted ranges");
            assertThat(decide(rules, quiet().ip("192.168.1.8")).required()).isTrue();
            assertThat(decide(rules, quiet().ip("2001:db9::1")).required()).isTrue();
        }

        @Test
        void doesNotMatchInsideATrustedRange() {
            assertThat(decide(rules, quiet().ip("10.200.0.1")).required()).isFalse();
            assertThat(decide(rules, quiet().ip("192.168.1.7")).required()).isFalse();
            assertThat(decide(rules, quiet().ip("2001:db8:abcd::7")).required()).isFalse();
            assertThat(decide(rules, quiet().ip("::ffff:10.9.9.9")).required()).as("IPv4-mapped").isFalse();
            assertThat(decide(rules, quiet().ip("10.200.0.1")).explanation())
                    .isEqualTo("no second factor: no rule matched (ip-outside-trusted checked)");
        }

        @Test
        void anUnknownOrUnreadableIpIsOutsideFailingClosed() {
            assertThat(decide(rules, quiet().ip(null)).explanation())
                    .isEqualTo("second factor required: ip unknown, treated as outside trusted ranges");
            assertThat(decide(rules, quiet().ip(" ")).required()).isTrue();
            assertThat(decide(rules, quiet().ip("intranet.example.com")).explanation())
                    .isEqualTo("second factor required: ip 'intranet.example.com' is not an address, treated as outside trusted ranges");
        }

        @Test
        void theExplanationCannotBeUsedToForgeLogLines() {
            StepUpDecision decision = decide(rules, quiet().ip("10.1.2.3\nsecond factor given"));
            assertThat(decision.required()).isTrue();
            assertThat(decision.explanation()).doesNotContain("\n")
                    .isEqualTo("second factor required: ip '10.1.2.3?second factor given' is not an address, "
                            + "treated as outside trusted ranges");
        }

        @Test
        void slash0TrustsEveryAddressOfItsFamily() {
            StepUpRules everywhere = rules("trusted-ip-ranges", "0.0.0.0/0");
            assertThat(decide(everywhere, quiet().ip("203.0.113.9")).required()).isFalse();
            assertThat(decide(everywhere, quiet().ip("2001:db8::1")).required()).isTrue();
            assertThat(decide(rules("trusted-ip-ranges", "::/0"), quiet().ip("203.0.113.9")).required()).isFalse();
        }
    }

    @Nested
    class SecondFactorAgeRule {

        private final StepUpRules rules = rules("max-second-factor-age", "900");

        @Test
        void matchesWhenTheLastSecondFactorIsOlderThanAllowed() {
            StepUpDecision decision = decide(rules, quiet().lastSecondFactor(NOW.minusSeconds(901)));
            assertThat(decision.required()).isTrue();
            assertThat(decision.matchedIds()).containsExactly("second-factor-age");
            assertThat(decision.explanation()).isEqualTo("second factor required: last second factor 901s ago, more than 900s");
        }

        @Test
        void matchesWhenThereNeverWasOne() {
            assertThat(decide(rules, quiet().lastSecondFactor(null)).explanation())
                    .isEqualTo("second factor required: no second factor on record");
        }

        @Test
        void doesNotMatchAtOrWithinTheLimitOrInTheFuture() {
            assertThat(decide(rules, quiet().lastSecondFactor(NOW.minusSeconds(900))).required()).isFalse();
            assertThat(decide(rules, quiet().lastSecondFactor(NOW.minusSeconds(10))).required()).isFalse();
            assertThat(decide(rules, quiet().lastSecondFactor(NOW)).required()).isFalse();
            assertThat(decide(rules, quiet().lastSecondFactor(NOW.plusSeconds(30))).required()).as("clock skew").isFalse();
        }

        @Test
        void measuresAgainstTheGivenClock() {
            LoginFacts facts = quiet().lastSecondFactor(NOW.minusSeconds(600)).build();
            assertThat(StepUpDecision.evaluate(rules, facts, CLOCK).required()).isFalse();
            Clock later = Clock.fixed(NOW.plusSeconds(301), ZoneOffset.UTC);
            assertThat(StepUpDecision.evaluate(rules, facts, later).explanation())
                    .isEqualTo("second factor required: last second factor 901s ago, more than 900s");
        }

        @Test
        void zeroIsOff() {
            StepUpDecision decision = decide(rules("max-second-factor-age", "0", "clients", "other-app"),
                    quiet().lastSecondFactor(null));
            assertThat(decision.required()).isFalse();
            assertThat(decision.checkedIds()).containsExactly("client");
        }
    }

    @Nested
    class DeviceFlagAndLevelRules {

        @Test
        void untrustedDevice() {
            StepUpRules rules = rules("untrusted-device", "true");
            assertThat(decide(rules, quiet().trustedDevice(false)).explanation())
                    .isEqualTo("second factor required: browser is not a trusted device");
            assertThat(decide(rules, quiet().trustedDevice(true)).required()).isFalse();
            assertThat(decide(rules("untrusted-device", "false", "clients", "other-app"), quiet().trustedDevice(false)).required()).isFalse();
        }

        @Test
        void flaggedUser() {
            StepUpRules rules = rules("flagged-user", "true");
            StepUpDecision decision = decide(rules, quiet().flagged(true));
            assertThat(decision.matchedIds()).containsExactly("flagged-user");
            assertThat(decision.explanation())
                    .isEqualTo("second factor required: user is flagged for step-up (vigil.step-up-required)");
            assertThat(decide(rules, quiet().flagged(false)).required()).isFalse();
            assertThat(decide(rules("flagged-user", "false", "clients", "other-app"), quiet().flagged(true)).required()).isFalse();
        }

        @Test
        void level() {
            StepUpRules rules = rules("min-level", "2");
            assertThat(decide(rules, quiet().level(2)).explanation())
                    .isEqualTo("second factor required: requested level 2 is at least 2");
            assertThat(decide(rules, quiet().level(3)).required()).isTrue();
            assertThat(decide(rules, quiet().level(1)).required()).isFalse();
            assertThat(decide(rules, quiet().level(null)).required()).isFalse();
            assertThat(decide(rules("min-level", "0", "clients", "other-app"), quiet().level(5)).checkedIds()).containsExactly("client");
        }
    }

    @Nested
    class Combination {

        private final Facts adminFromOutside = quiet().client("admin-console").ip("203.0.113.9");

        @Test
        void anyNeedsOneMatchAndExplainsEveryMatch() {
            StepUpRules rules = rules("clients", "admin-console", "trusted-ip-ranges", "10.0.0.0/8");
            StepUpDecision both = decide(rules, adminFromOutside);
            assertThat(both.required()).isTrue();
            assertThat(both.matchedIds()).containsExactly("client", "ip-outside-trusted");
            assertThat(both.explanation())
                    .isEqualTo("second factor required: client is admin-console; ip 203.0.113.9 outside trusted ranges");
            assertThat(decide(rules, quiet().client("admin-console")).matchedIds()).containsExactly("client");
            assertThat(decide(rules, quiet().client("admin-console")).required()).isTrue();
            assertThat(decide(rules, quiet()).explanation())
                    .isEqualTo("no second factor: no rule matched (client, ip-outside-trusted checked)");
        }

        @Test
        void allNeedsEverySwitchedOnRule() {
            StepUpRules rules = rules("clients", "admin-console", "trusted-ip-ranges", "10.0.0.0/8", "match", "all");
            assertThat(decide(rules, adminFromOutside).required()).isTrue();
            assertThat(decide(rules, adminFromOutside).explanation())
                    .isEqualTo("second factor required: client is admin-console; ip 203.0.113.9 outside trusted ranges");

            StepUpDecision partial = decide(rules, quiet().client("admin-console"));
            assertThat(partial.required()).isFalse();
            assertThat(partial.matchedIds()).containsExactly("client");
            assertThat(partial.explanation()).isEqualTo(
                    "no second factor: not all rules matched (client is admin-console; ip-outside-trusted did not match)");
            assertThat(decide(rules, quiet()).explanation())
                    .isEqualTo("no second factor: no rule matched (client, ip-outside-trusted checked)");
        }

        @Test
        void everyRuleCanMatchAtOnce() {
            Map<String, String> config = new HashMap<>();
            config.put("clients", "admin-console");
            config.put("roles", "admin");
            config.put("groups", "/ops");
            config.put("trusted-ip-ranges", "10.0.0.0/8");
            config.put("max-second-factor-age", "300");
            config.put("untrusted-device", "true");
            config.put("flagged-user", "true");
            config.put("min-level", "2");
            config.put("match", "all");
            StepUpDecision decision = StepUpDecision.evaluate(StepUpRules.from(config), new LoginFacts("admin-console",
                    Set.of("admin"), Set.of("/ops/eu"), "203.0.113.9", null, false, true, 2), CLOCK);
            assertThat(decision.required()).isTrue();
            assertThat(decision.matched()).containsExactly(StepUpRule.values());
            assertThat(decision.matchedIds()).containsExactly("client", "role", "group", "ip-outside-trusted",
                    "second-factor-age", "untrusted-device", "flagged-user", "level");
            assertThat(decision.explanation()).isEqualTo("second factor required: client is admin-console; "
                    + "user has role admin; user in group /ops (via /ops/eu); ip 203.0.113.9 outside trusted ranges; "
                    + "no second factor on record; browser is not a trusted device; "
                    + "user is flagged for step-up (vigil.step-up-required); requested level 2 is at least 2");
        }
    }

    @Nested
    class NegateAndDryRun {

        @Test
        void negateInvertsAMatch() {
            StepUpDecision decision = decide(rules("clients", "admin-console", "negate", "true"), quiet().client("admin-console"));
            assertThat(decision.required()).isFalse();
            assertThat(decision.wouldRequire()).isFalse();
            assertThat(decision.matchedIds()).as("matched is before negate").containsExactly("client");
            assertThat(decision.explanation())
                    .isEqualTo("no second factor: condition is negated and matched (client is admin-console)");
        }

        @Test
        void negateInvertsNoMatch() {
            StepUpDecision decision = decide(rules("clients", "admin-console", "negate", "true"), quiet());
            assertThat(decision.required()).isTrue();
            assertThat(decision.matched()).isEmpty();
            assertThat(decision.explanation())
                    .isEqualTo("second factor required: condition is negated and no rule matched (client checked)");
        }

        @Test
        void negateAppliesAfterAll() {
            StepUpRules rules = rules("clients", "admin-console", "trusted-ip-ranges", "10.0.0.0/8", "match", "all",
                    "negate", "true");
            StepUpDecision partial = decide(rules, quiet().client("admin-console"));
            assertThat(partial.required()).isTrue();
            assertThat(partial.explanation()).isEqualTo("second factor required: condition is negated and not all rules "
                    + "matched (client is admin-console; ip-outside-trusted did not match)");
            assertThat(decide(rules, quiet().client("admin-console").ip("203.0.113.9")).required()).isFalse();
        }

        @Test
        void dryRunNeverRequiresButSaysWhatItWouldDo() {
            StepUpRules rules = rules("clients", "admin-console", "dry-run", "true");
            StepUpDecision would = decide(rules, quiet().client("admin-console"));
            assertThat(would.required()).isFalse();
            assertThat(would.wouldRequire()).isTrue();
            assertThat(would.dryRun()).isTrue();
            assertThat(would.matchedIds()).containsExactly("client");
            assertThat(would.explanation()).isEqualTo("dry run, second factor would be required: client is admin-console");

            StepUpDecision wouldNot = decide(rules, quiet());
            assertThat(wouldNot.required()).isFalse();
            assertThat(wouldNot.wouldRequire()).isFalse();
            assertThat(wouldNot.explanation()).isEqualTo("dry run, no second factor: no rule matched (client checked)");
        }

        @Test
        void dryRunAppliesAfterNegate() {
            StepUpDecision decision = decide(rules("clients", "admin-console", "negate", "true", "dry-run", "true"), quiet());
            assertThat(decision.required()).isFalse();
            assertThat(decision.wouldRequire()).isTrue();
            assertThat(decision.explanation())
                    .isEqualTo("dry run, second factor would be required: condition is negated and no rule matched (client checked)");
        }
    }

    @Nested
    class NoRules {

        @Test
        void aConditionWithoutRulesFailsClosedAndSaysItIsAConfigurationError() {
            StepUpDecision decision = decide(StepUpRules.DEFAULTS, quiet().trustedDevice(false).flagged(true).ip(null));
            assertThat(decision.required()).isTrue();
            assertThat(decision.wouldRequire()).isTrue();
            assertThat(decision.checked()).isEmpty();
            assertThat(decision.matched()).isEmpty();
            assertThat(decision.explanation())
                    .isEqualTo("second factor required: the condition has no rules switched on (configuration error)");
        }

        @Test
        void negateCannotTurnAnEmptyConditionIntoNoSecondFactor() {
            StepUpRules negated = new StepUpRules(null, null, null, null, null, false, false, 0, StepUpRules.Match.ALL, true, false);
            assertThat(decide(negated, quiet()).required()).isTrue();
            StepUpRules dryRun = new StepUpRules(null, null, null, null, null, false, false, 0, null, false, true);
            assertThat(decide(dryRun, quiet()).explanation())
                    .isEqualTo("dry run, second factor would be required: the condition has no rules switched on (configuration error)");
        }
    }

    @Test
    void theRulesShorthandGivesTheSameDecision() {
        StepUpRules rules = rules("clients", "admin-console");
        LoginFacts facts = quiet().client("admin-console").build();
        assertThat(rules.evaluate(facts, CLOCK)).isEqualTo(StepUpDecision.evaluate(rules, facts, CLOCK));
    }

    @Test
    void nullArgumentsAreRefused() {
        LoginFacts facts = quiet().build();
        assertThatThrownBy(() -> StepUpDecision.evaluate(null, facts, CLOCK)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> StepUpDecision.evaluate(StepUpRules.DEFAULTS, null, CLOCK)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> StepUpDecision.evaluate(StepUpRules.DEFAULTS, facts, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aDecisionCannotBeBuiltInconsistent() {
        assertThatThrownBy(() -> new StepUpDecision(true, true, true, List.of(), List.of(), "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StepUpDecision(true, false, false, List.of(), List.of(), "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StepUpDecision(false, false, false, List.of(), List.of(StepUpRule.CLIENT), "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new StepUpDecision(false, true, true, List.of(StepUpRule.CLIENT), List.of(StepUpRule.CLIENT), "x")
                .matchedIds()).containsExactly("client");
    }
}
