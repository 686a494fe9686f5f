package dev.vigil.authenticators.stepup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vigil.core.FuzzText;
import dev.vigil.core.config.InvalidConfigException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fuzzes the reading of a step-up condition's config. Input: option key/value pairs separated by
 * 0xFF. The config is either refused with an InvalidConfigException that names the option (or the
 * unknown keys, or says that no rule is on) and is
 * safe for a log line, or read into rules whose lists hold trimmed, non-blank, distinct entries of
 * the documented form, and whose switched-on rules follow from the options.
 */
class StepUpRulesFuzzTest {

    private static final Set<String> KEYS = Set.of(StepUpRules.CLIENTS, StepUpRules.ROLES, StepUpRules.GROUPS,
            StepUpRules.TRUSTED_IP_RANGES, StepUpRules.MAX_SECOND_FACTOR_AGE, StepUpRules.UNTRUSTED_DEVICE,
            StepUpRules.FLAGGED_USER, StepUpRules.MIN_LEVEL, StepUpRules.MATCH, StepUpRules.NEGATE, StepUpRules.DRY_RUN);
    private static final int MAX_MESSAGE_LENGTH = 400;

    @FuzzTest(maxDuration = "2m")
    void configIsReadOrRefusedByName(byte[] data) {
        Map<String, String> config = FuzzText.options(FuzzText.fields(data), 0);

        Throwable error = catchThrowable(() -> StepUpRules.from(config));
        Throwable levelError = catchThrowable(() -> assertThat(StepUpRules.levelReached(config)).isNotNegative());

        if (levelError != null) {
            assertRefusedByName(levelError, Set.of(StepUpRules.LEVEL_REACHED));
        }
        if (error != null) {
            assertRefusedByName(error, KEYS);
            return;
        }
        StepUpRules rules = StepUpRules.from(config);
        assertThat(StepUpRules.from(config)).as("deterministic").isEqualTo(rules);
        for (List<String> names : List.of(rules.clients(), rules.roles(), rules.groups())) {
            assertThat(names).doesNotHaveDuplicates().allSatisfy(name -> {
                assertThat(name).isNotBlank().isEqualTo(name.trim());
            });
        }
        assertThat(rules.roles()).noneMatch(role -> role.startsWith("/") || role.endsWith("/"));
        assertThat(rules.groups()).allMatch(group -> group.startsWith("/") && !group.equals("/"));
        assertThat(rules.trustedIpRanges()).doesNotHaveDuplicates();
        assertThat(rules.maxSecondFactorAge().isNegative()).isFalse();
        assertThat(rules.minLevel()).isNotNegative();
        assertThat(rules.hasRules()).isEqualTo(!rules.enabledRules().isEmpty());
        assertThat(rules.enabledRules().contains(StepUpRule.CLIENT)).isEqualTo(!rules.clients().isEmpty());
        assertThat(rules.enabledRules().contains(StepUpRule.IP_OUTSIDE_TRUSTED)).isEqualTo(!rules.trustedIpRanges().isEmpty());
        assertThat(rules.enabledRules().contains(StepUpRule.LEVEL)).isEqualTo(rules.minLevel() > 0);
        String clients = config.get(StepUpRules.CLIENTS);
        if (clients == null || clients.isBlank()) {
            assertThat(rules.clients()).isEmpty();
        }
    }

    private static void assertRefusedByName(Throwable error, Set<String> keys) {
        assertThat(error).isExactlyInstanceOf(InvalidConfigException.class);
        String message = error.getMessage();
        boolean configError = message.startsWith("unknown option") || message.startsWith("no rule is switched on");
        assertThat(configError || keys.stream().anyMatch(key -> message.startsWith(key + " must ")))
                .as("the message names the option, the unknown keys, or that no rule is on: %s", message).isTrue();
        assertThat(message.length()).isLessThanOrEqualTo(MAX_MESSAGE_LENGTH);
        assertThat(FuzzText.isSafeForALogLine(message)).as("safe for a log line: %s", message).isTrue();
    }
}
