package dev.vigil.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlateauTest {

    private final Plateau plateau = new Plateau(3, 0.05);

    @Test
    void throughputThatStillRisesIsNoPlateau() {
        // A JIT warming up: each window 10 % above the last.
        assertThat(plateau.reached(List.of(100.0, 110.0, 121.0, 133.1))).isFalse();
        // Rising 3 % per window: the last three span 6.1 %, more than 5 %.
        assertThat(plateau.reached(List.of(100.0, 103.0, 106.09))).isFalse();
    }

    @Test
    void theLastWindowsWithinTheToleranceAreAPlateau() {
        assertThat(plateau.reached(List.of(50.0, 80.0, 98.0, 100.0, 102.0))).isTrue();
        // Boundary: 105 / 100 - 1 = 0.05 exactly.
        assertThat(plateau.reached(List.of(100.0, 105.0, 102.0))).isTrue();
    }

    @Test
    void tooFewWindowsOrEmptyWindowsAreNoPlateau() {
        assertThat(plateau.reached(List.of(100.0, 100.0))).isFalse();
        assertThat(plateau.reached(List.of())).isFalse();
        assertThat(plateau.reached(List.of(0.0, 0.0, 0.0))).as("nothing answered").isFalse();
    }

    @Test
    void aDipAfterAPeakIsNoPlateauUntilItSettles() {
        assertThat(plateau.reached(List.of(100.0, 110.0, 90.0))).isFalse();
        assertThat(plateau.reached(List.of(100.0, 110.0, 90.0, 99.0, 101.0, 100.0))).isTrue();
    }

    @Test
    void aPlateauNeedsTwoWindowsAndATolerance() {
        assertThatThrownBy(() -> new Plateau(1, 0.05)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Plateau(3, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
