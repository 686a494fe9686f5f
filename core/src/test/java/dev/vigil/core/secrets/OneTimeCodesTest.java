package dev.vigil.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Vigil's part of a code: its length bounds and its alphabet. The randomness is Keycloak's
 * {@code SecretGenerator} (a uniform {@code SecureRandom.nextInt(10)} per digit), not tested again here.
 */
class OneTimeCodesTest {

    private final OneTimeCodes codes = new OneTimeCodes();

    @ParameterizedTest
    @ValueSource(ints = {6, 7, 8, 9, 10})
    void hasTheRequestedLengthAndOnlyDigits(int length) {
        for (int i = 0; i < 100; i++) {
            assertThat(codes.generate(length)).hasSize(length).matches("[0-9]+");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, 11, -1})
    void refusesLengthsOutsideSixToTen(int length) {
        assertThatThrownBy(() -> codes.generate(length)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("6-10");
    }
}
