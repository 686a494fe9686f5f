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
import org.junit.jupiter.api.Test;

/** What fuzzing found in this module and is fixed: one regression test per finding (docs/fuzzing.md). */
class FuzzRegressionTest {

    /** EmailOtpConfig: the refused value went raw into the message, which is logged at ERROR; now Options.shown. */
    @Test
    void emailOtpConfigMessageIsSafeForALogLine() {
        assertThatThrownBy(() -> EmailOtpConfig.from(Map.of("lifetime-seconds", "1\n[ERROR] forged line")))
                .satisfies(e -> assertThat(FuzzText.isSafeForALogLine(e.getMessage())).as(e.getMessage()).isTrue());
        assertThatThrownBy(() -> EmailOtpConfig.from(Map.of("notify-unknown-addresses", "yes\u001b[2J")))
                .satisfies(e -> assertThat(FuzzText.isSafeForALogLine(e.getMessage())).as(e.getMessage()).isTrue());
    }

    /** EmailOtpConfig: a 1 MB value was repeated whole into the message (and every log line); now cut. */
    @Test
    void emailOtpConfigMessageIsBounded() {
        assertThatThrownBy(() -> EmailOtpConfig.from(Map.of("mails-per-ip", "x".repeat(1_000_000))))
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(200));
    }

    /**
     * PendingCode.java:36: notes holding an issue time near Instant.MAX decode, then the resend
     * arithmetic threw DateTimeException (a 500 on the code page); it is now plain long arithmetic.
     */
    @Test
    void anExtremeIssueTimeGivesAResendWaitNotAnException() {
        Map<String, String> notes = Map.of("vigil.email-otp.id", "c-1", "vigil.email-otp.hash", "h",
                "vigil.email-otp.issued", "31556889864403199", "vigil.email-otp.expires", "31556889864403199");
        PendingCode code = PendingCode.fromNotes(notes);
        assertThat(code).as("the notes decode").isNotNull();
        assertThat(code.resendWaitSeconds(Instant.parse("2026-12-05T12:00:00Z"), Duration.ofSeconds(30))).isPositive();
    }


    /** CidrRange: the text after '/' went raw into the message (also through StepUpRules); now shown. */
    @Test
    void cidrPrefixMessageIsSafeForALogLine() {
        assertThatThrownBy(() -> CidrRange.parse("10.0.0.0/1\n2"))
                .satisfies(e -> assertThat(FuzzText.isSafeForALogLine(e.getMessage())).as(e.getMessage()).isTrue());
        assertThatThrownBy(() -> StepUpRules.from(Map.of(StepUpRules.TRUSTED_IP_RANGES, "10.0.0.0/1\u202e2")))
                .satisfies(e -> assertThat(FuzzText.isSafeForALogLine(e.getMessage())).as(e.getMessage()).isTrue());
    }

    /**
     * StepUpRules.normaliseGroupPath: the text was trimmed only before the trailing '/' was dropped, so
     * "/team-a /" was read as "/team-a " while "/team-a " was read as "/team-a"; both now name one group.
     */
    @Test
    void groupPathWithSpaceBeforeTheTrailingSlash() {
        assertThat(StepUpRules.from(Map.of(StepUpRules.GROUPS, "/team-a /")).groups())
                .isEqualTo(StepUpRules.from(Map.of(StepUpRules.GROUPS, "/team-a ")).groups());
    }
}
