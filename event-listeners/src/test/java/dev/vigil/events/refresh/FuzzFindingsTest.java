package dev.vigil.events.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.FuzzText;
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

    /**
     * RevocationScope.java:25 and AnomalyAction.java:23: the refused value goes raw and whole into the
     * message (control characters, any length); RefreshPolicyExecutor logs it.
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

    /** GraceWindow.java:57: "t1 0 ," parses to a note without issued tokens, whose format does not parse back. */
    @Test
    void graceNoteWithoutIssuedTokensParsesBack() {
        GraceWindow.Note note = GraceWindow.Note.parse("t1 0 ,");
        if (note != null) {
            assertThat(GraceWindow.Note.parse(note.format())).isEqualTo(note);
        }
    }

    /**
     * GraceWindow.java:83: {@code nowSeconds - firstUseSeconds} overflows for a first use far in the
     * past (a damaged note), and the repeat passes as "within the window" however old it is.
     */
    @Test
    void repeatAgeDoesNotOverflow() {
        GraceWindow.Note note = GraceWindow.Note.parse("t1 -9223372036854775808 t2");

        assertThat(GraceWindow.judge("t1", "t1", note, 10, 1_764_000_000L)).isEqualTo(GraceWindow.Verdict.REFUSE);
    }
}
