package dev.vigil.authenticators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.authenticators.emailotp.EmailOtpConfig;
import dev.vigil.authenticators.emailotp.PendingCode;
import dev.vigil.authenticators.stepup.CidrRange;
import dev.vigil.authenticators.stepup.StepUpRules;
import dev.vigil.core.FuzzText;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What fuzzing found in this module and is not fixed yet (docs/fuzzing.md, "Findings"). Tagged
 * {@code finding}: left out of the default build, run with {@code -Dvigil.test.excludedGroups=none}.
 * Each test states the behaviour the fix must give; once it passes, drop it from this class and put
 * its input back into the fuzz target's seed corpus.
 */
@Tag("finding")
class FuzzFindingsTest {

    /** CidrRange.java:272: the text after '/' goes raw into the message (also through StepUpRules). */
    @Test
    void cidrPrefixMessageIsSafeForALogLine() {
        assertThatThrownBy(() -> CidrRange.parse("10.0.0.0/1\n2"))
                .satisfies(e -> assertThat(FuzzText.isSafeForALogLine(e.getMessage())).as(e.getMessage()).isTrue());
        assertThatThrownBy(() -> StepUpRules.from(Map.of(StepUpRules.TRUSTED_IP_RANGES, "10.0.0.0/1\u202e2")))
                .satisfies(e -> assertThat(FuzzText.isSafeForALogLine(e.getMessage())).as(e.getMessage()).isTrue());
    }

    /**
     * StepUpRules.java:213 (normaliseGroupPath): the text is trimmed before the trailing '/' is
     * dropped, so "/team-a /" is read as "/team-a " (a group name ending in a space) while "/team-a "
     * is read as "/team-a". Either both name the same group, or the first is refused.
     */
    @Test
    void groupPathWithSpaceBeforeTheTrailingSlash() {
        assertThat(StepUpRules.from(Map.of(StepUpRules.GROUPS, "/team-a /")).groups())
                .isEqualTo(StepUpRules.from(Map.of(StepUpRules.GROUPS, "/team-a ")).groups());
    }

}
