package dev.vigil.events.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.FuzzText;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What fuzzing found in this module and is fixed: one regression test per finding (docs/fuzzing.md). */
class FuzzRegressionTest {

    /**
     * RevocationScope and AnomalyAction: the refused value went raw and whole into the message (control
     * characters, any length) that RefreshPolicyExecutor logs; now Options.shown.
     */
    @Test
    void refusedResponseAndAnomalyActionAreShownSafely() {
        assertThatThrownBy(() -> RefreshPolicy.fromOptions(Map.of("response", "user\n[ERROR] forged")))
                .satisfies(e -> assertThat(FuzzText.isSafeForALogLine(e.getMessage())).as(e.getMessage()).isTrue());
        assertThatThrownBy(() -> RefreshPolicy.fromOptions(Map.of("anomaly-action", "log\u001b[2J")))
                .satisfies(e -> assertThat(FuzzText.isSafeForALogLine(e.getMessage())).as(e.getMessage()).isTrue());
        assertThatThrownBy(() -> RefreshPolicy.fromOptions(Map.of("anomaly-action", "x".repeat(100_000))))
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(200));
    }

    /** GraceWindow.Note: "t1 0 ," parsed to a note without issued tokens whose format did not parse back. */
    @Test
    void graceNoteWithoutIssuedTokensParsesBack() {
        assertThat(GraceWindow.Note.parse("t1 0 ,")).as("a note without issued tokens is damaged").isNull();
        GraceWindow.Note note = GraceWindow.Note.parse("t1 0 t2,t3");
        assertThat(GraceWindow.Note.parse(note.format())).isEqualTo(note);
    }

    /**
     * GraceWindow: {@code nowSeconds - firstUseSeconds} overflowed for a first use far in the past (a
     * damaged note), so the repeat passed as "within the window"; such a note is now refused as damaged.
     */
    @Test
    void repeatAgeDoesNotOverflow() {
        GraceWindow.Note note = GraceWindow.Note.parse("t1 -9223372036854775808 t2");

        assertThat(note).as("a first use before the epoch is a damaged note").isNull();
        assertThat(GraceWindow.judge("t1", "t1", note, 10, 1_764_000_000L)).isEqualTo(GraceWindow.Verdict.REFUSE);
    }
}
