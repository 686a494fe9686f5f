package dev.vigil.authenticators.stepup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StepUpRulesTest {

    @Test
    void optionKeysAreTheDocumentedOnes() {
        assertThat(List.of(StepUpRules.CLIENTS, StepUpRules.ROLES, StepUpRules.GROUPS, StepUpRules.TRUSTED_IP_RANGES,
                StepUpRules.MAX_SECOND_FACTOR_AGE, StepUpRules.UNTRUSTED_DEVICE, StepUpRules.FLAGGED_USER,
                StepUpRules.MIN_LEVEL, StepUpRules.MATCH, StepUpRules.NEGATE, StepUpRules.DRY_RUN))
                .containsExactly("clients", "roles", "groups", "trusted-ip-ranges", "max-second-factor-age",
                        "untrusted-device", "flagged-user", "min-level", "match", "negate", "dry-run");
        assertThat(StepUpRules.SEPARATOR).isEqualTo("##");
        assertThat(LoginFacts.FLAG_ATTRIBUTE).isEqualTo("vigil.step-up-required");
    }

    @Test
    void theDefaultsSwitchNoRuleOn() {
        StepUpRules rules = StepUpRules.DEFAULTS;
        assertThat(rules.clients()).isEmpty();
        assertThat(rules.roles()).isEmpty();
        assertThat(rules.groups()).isEmpty();
        assertThat(rules.trustedIpRanges()).isEmpty();
        assertThat(rules.maxSecondFactorAge()).isZero();
        assertThat(rules.untrustedDevice()).isFalse();
        assertThat(rules.flaggedUser()).isFalse();
        assertThat(rules.minLevel()).isZero();
        assertThat(rules.match()).isEqualTo(StepUpRules.Match.ANY);
        assertThat(rules.negate()).isFalse();
        assertThat(rules.dryRun()).isFalse();
        assertThat(rules.enabledRules()).isEmpty();
        assertThat(rules.hasRules()).isFalse();
    }

    /** Issue #15: an empty config and one whose only key is misspelt let everyone through; both are errors now. */
    @Test
    void aConfigWithNoRuleSwitchedOnIsAConfigurationError() {
        String noRule = "no rule is switched on (set at least one of clients, roles, groups, trusted-ip-ranges, "
                + "max-second-factor-age, untrusted-device, flagged-user, min-level)";
        assertThatThrownBy(() -> StepUpRules.from(null)).isInstanceOf(IllegalArgumentException.class).hasMessage(noRule);
        assertThatThrownBy(() -> StepUpRules.from(Map.of())).hasMessage(noRule);
        Map<String, String> blank = new HashMap<>();
        for (String key : List.of("clients", "roles", "groups", "trusted-ip-ranges", "max-second-factor-age",
                "untrusted-device", "flagged-user", "min-level", "match", "negate", "dry-run", "level-reached")) {
            blank.put(key, " ");
        }
        blank.put("clients", "##");
        assertThatThrownBy(() -> StepUpRules.from(blank)).hasMessage(noRule);
        assertThatThrownBy(() -> StepUpRules.from(Map.of("negate", "true", "dry-run", "true", "level-reached", "2")))
                .as("options that are not rules switch nothing on").hasMessage(noRule);
    }

    @Test
    void aKeyTheConditionDoesNotKnowIsAConfigurationErrorEvenNextToValidRules() {
        assertThatThrownBy(() -> StepUpRules.from(Map.of("clientz", "admin-console")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("unknown option clientz (allowed: clients, dry-run, flagged-user, groups, level-reached, ");
        assertThatThrownBy(() -> StepUpRules.from(Map.of("clients", "admin-console", "trusted_ip_ranges", "10.0.0.0/8",
                "Negate", "true"))).hasMessageStartingWith("unknown options Negate, trusted_ip_ranges (allowed: ");
        assertThat(StepUpRules.from(Map.of("clients", "admin-console", "level-reached", "2")).clients())
                .containsExactly("admin-console");
    }

    @Test
    void readsEveryOption() {
        Map<String, String> config = new HashMap<>();
        config.put("clients", "admin-console## security-admin-console ##admin-console");
        config.put("roles", "admin##realm-management/manage-users");
        config.put("groups", "/team-a/emea##/ops/");
        config.put("trusted-ip-ranges", "10.0.0.0/8## 2001:db8::/32 ####192.168.1.7");
        config.put("max-second-factor-age", "900");
        config.put("untrusted-device", "TRUE");
        config.put("flagged-user", "true");
        config.put("min-level", "2");
        config.put("match", " All ");
        config.put("negate", "true");
        config.put("dry-run", "True");
        StepUpRules rules = StepUpRules.from(config);

        assertThat(rules.clients()).containsExactly("admin-console", "security-admin-console");
        assertThat(rules.roles()).containsExactly("admin", "realm-management/manage-users");
        assertThat(rules.groups()).containsExactly("/team-a/emea", "/ops");
        assertThat(rules.trustedIpRanges()).extracting(CidrRange::toString)
                .containsExactly("10.0.0.0/8", "2001:db8::/32", "192.168.1.7/32");
        assertThat(rules.maxSecondFactorAge()).isEqualTo(Duration.ofSeconds(900));
        assertThat(rules.untrustedDevice()).isTrue();
        assertThat(rules.flaggedUser()).isTrue();
        assertThat(rules.minLevel()).isEqualTo(2);
        assertThat(rules.match()).isEqualTo(StepUpRules.Match.ALL);
        assertThat(rules.negate()).isTrue();
        assertThat(rules.dryRun()).isTrue();
        assertThat(rules.hasRules()).isTrue();
        assertThat(rules.enabledRules()).containsExactly(StepUpRule.values());
        assertThat(rules.enabledRules()).extracting(StepUpRule::id).containsExactly("client", "role", "group",
                "ip-outside-trusted", "second-factor-age", "untrusted-device", "flagged-user", "level");
    }

    @Test
    void eachOptionSwitchesOnExactlyItsRule() {
        Map<String, StepUpRule> options = Map.of("clients", StepUpRule.CLIENT, "roles", StepUpRule.ROLE,
                "groups", StepUpRule.GROUP, "trusted-ip-ranges", StepUpRule.IP_OUTSIDE_TRUSTED,
                "max-second-factor-age", StepUpRule.SECOND_FACTOR_AGE, "untrusted-device", StepUpRule.UNTRUSTED_DEVICE,
                "flagged-user", StepUpRule.FLAGGED_USER, "min-level", StepUpRule.LEVEL);
        Map<String, String> values = Map.of("clients", "app", "roles", "admin", "groups", "/a",
                "trusted-ip-ranges", "10.0.0.0/8", "max-second-factor-age", "60", "untrusted-device", "true",
                "flagged-user", "true", "min-level", "1");
        options.forEach((key, rule) ->
                assertThat(StepUpRules.from(Map.of(key, values.get(key))).enabledRules()).as(key).containsExactly(rule));
        assertThatThrownBy(() -> StepUpRules.from(Map.of("untrusted-device", "false", "flagged-user", "FALSE", "min-level", "0",
                "max-second-factor-age", "0", "negate", "true", "dry-run", "true", "match", "all")))
                .hasMessageStartingWith("no rule is switched on");
    }

    @Test
    void refusesMalformedRangesNamingOptionAndValue() {
        assertThatThrownBy(() -> StepUpRules.from(Map.of("trusted-ip-ranges", "10.0.0.0/8##10.0.0.0/33")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trusted-ip-ranges must list IP addresses or CIDR ranges such as 10.0.0.0/8 or 2001:db8::/32: "
                        + "'10.0.0.0/33' is not an IP address or CIDR range: prefix /33 is longer than the 32 bits of an IPv4 address");
        assertThatThrownBy(() -> StepUpRules.from(Map.of("trusted-ip-ranges", "intranet.example.com")))
                .hasMessageStartingWith("trusted-ip-ranges must list")
                .hasMessageContaining("'intranet.example.com' is not an IP address or CIDR range");
        assertThatThrownBy(() -> StepUpRules.from(Map.of("trusted-ip-ranges", "10.0.0.0/8,192.168.0.0/16")))
                .as("a comma instead of ## is refused, not half-read")
                .hasMessageContaining("'10.0.0.0/8,192.168.0.0/16' is not an IP address or CIDR range");
    }

    @Test
    void refusesBadNumbersNamingOptionAndValue() {
        assertThatThrownBy(() -> StepUpRules.from(Map.of("max-second-factor-age", "-5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max-second-factor-age must be a whole number of seconds, 0 (off) or more, not -5");
        assertThatThrownBy(() -> StepUpRules.from(Map.of("max-second-factor-age", "15m")))
                .hasMessage("max-second-factor-age must be a whole number of seconds, 0 (off) or more, not '15m'");
        assertThatThrownBy(() -> StepUpRules.from(Map.of("min-level", "-1")))
                .hasMessage("min-level must be a whole number, 0 (off) or more, not -1");
        assertThatThrownBy(() -> StepUpRules.from(Map.of("min-level", "gold")))
                .hasMessage("min-level must be a whole number, 0 (off) or more, not 'gold'");
        assertThatThrownBy(() -> StepUpRules.from(Map.of("min-level", "3000000000")))
                .hasMessage("min-level must be a whole number, 0 (off) or more, not 3000000000");
        assertThatThrownBy(() -> StepUpRules.from(Map.of("min-level", "1.5")))
                .hasMessage("min-level must be a whole number, 0 (off) or more, not '1.5'");
    }

    @Test
    void refusesAnUnknownMatch() {
        assertThatThrownBy(() -> StepUpRules.from(Map.of("match", "most")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("match must be any or all, not 'most'");
        assertThatThrownBy(() -> StepUpRules.Match.parse("none")).hasMessage("match must be any or all, not 'none'");
        assertThat(StepUpRules.Match.parse("ANY")).isEqualTo(StepUpRules.Match.ANY);
        assertThat(StepUpRules.Match.parse(null)).isEqualTo(StepUpRules.Match.ANY);
        assertThat(StepUpRules.Match.ALL.id()).isEqualTo("all");
    }

    @ParameterizedTest
    @ValueSource(strings = {"untrusted-device", "flagged-user", "negate", "dry-run"})
    void refusesNonBooleans(String key) {
        assertThatThrownBy(() -> StepUpRules.from(Map.of(key, "yes")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(key + " must be true or false, not 'yes'");
        assertThatThrownBy(() -> StepUpRules.from(Map.of(key, "1"))).hasMessage(key + " must be true or false, not '1'");
    }

    @Test
    void refusesGroupsThatAreNotPaths() {
        assertThatThrownBy(() -> StepUpRules.from(Map.of("groups", "/team-a##team-b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("groups must be group paths such as /team-a/emea, not 'team-b'");
        assertThatThrownBy(() -> StepUpRules.from(Map.of("groups", "/")))
                .hasMessage("groups must be group paths such as /team-a/emea, not '/'");
    }

    @Test
    void refusesRolesThatAreNeitherRealmNorClientRoles() {
        assertThatThrownBy(() -> StepUpRules.from(Map.of("roles", "/admin")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("roles must name realm roles as name and client roles as clientId/role, not '/admin'");
        assertThatThrownBy(() -> StepUpRules.from(Map.of("roles", "my-app/")))
                .hasMessage("roles must name realm roles as name and client roles as clientId/role, not 'my-app/'");
    }

    @Test
    void namesAreExposedAsGivenForTheKeycloakSideToCheck() {
        StepUpRules rules = StepUpRules.from(Map.of("clients", "no-such-client", "roles", "ghost##app/ghost",
                "groups", "/nowhere/at-all/"));
        assertThat(rules.clients()).containsExactly("no-such-client");
        assertThat(rules.roles()).containsExactly("ghost", "app/ghost");
        assertThat(rules.groups()).as("a trailing '/' is dropped").containsExactly("/nowhere/at-all");
        assertThatThrownBy(() -> rules.clients().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theConstructorChecksToo() {
        assertThatThrownBy(() -> new StepUpRules(null, null, null, null, Duration.ofSeconds(-1), false, false, 0, null, false, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max-second-factor-age must be 0 (off) or more seconds, not -1");
        assertThatThrownBy(() -> new StepUpRules(null, null, null, null, null, false, false, -2, null, false, false))
                .hasMessage("min-level must be 0 (off) or more, not -2");
        assertThatThrownBy(() -> new StepUpRules(List.of(" "), null, null, null, null, false, false, 0, null, false, false))
                .hasMessage("clients must not contain blank entries");
        assertThat(new StepUpRules(null, null, null, null, null, false, false, 0, null, false, false))
                .isEqualTo(StepUpRules.DEFAULTS);
    }

    @Test
    void anEscapedSlashEndingAGroupNameIsKept() {
        assertThat(StepUpRules.from(Map.of("groups", "/a~/")).groups()).containsExactly("/a~/");
    }
}
