package dev.vigil.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void missingOrBlankMeansTheFallback() {
        assertThat(Options.integer(Map.of(), "n", 7)).isEqualTo(7);
        assertThat(Options.integer(Map.of("n", "  "), "n", 7)).isEqualTo(7);
        assertThat(Options.bool(Map.of(), "b", true)).isTrue();
        assertThat(Options.text(Map.of("t", " x "), "t")).isEqualTo("x");
        assertThat(Options.text(Map.of("t", " "), "t")).isNull();
    }

    @Test
    void valuesAreTrimmedAndCaseDoesNotMatterForBooleans() {
        assertThat(Options.integer(Map.of("n", " 42 "), "n", 0)).isEqualTo(42);
        assertThat(Options.bool(Map.of("b", " TRUE"), "b", false)).isTrue();
        assertThat(Options.bool(Map.of("b", "False"), "b", true)).isFalse();
    }

    @Test
    void malformedValuesAreRefusedByName() {
        assertThatThrownBy(() -> Options.integer(Map.of("n", "five"), "n", 0)).hasMessage("n must be a whole number, not 'five'");
        assertThatThrownBy(() -> Options.bool(Map.of("b", "yes"), "b", false)).hasMessage("b must be true or false, not 'yes'");
    }

    @Test
    void shownValuesCannotForgeALogLine() {
        assertThat(Options.shown("a\nb\u202Ec")).isEqualTo("a?b?c");
        assertThat(Options.shown("x".repeat(100))).hasSize(Options.MAX_SHOWN_LENGTH + 3).endsWith("...");
        assertThat(Options.shown(null)).isEqualTo("null");
    }

    /** Fuzzing finding: the cut could split a surrogate pair, and lone halves were shown as they were. */
    @Test
    void shownNeverHoldsHalfACharacter() {
        assertThat(Options.shown("x".repeat(Options.MAX_SHOWN_LENGTH - 1) + "\uD83D\uDE00"))
                .isEqualTo("x".repeat(Options.MAX_SHOWN_LENGTH - 1) + "...");
        assertThat(Options.shown("a\uD800b\uDC00c\uD83D\uDE00")).isEqualTo("a?b?c\uD83D\uDE00");
    }
}
