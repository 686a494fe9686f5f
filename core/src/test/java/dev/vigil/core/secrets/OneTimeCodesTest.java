package dev.vigil.core.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs on a seeded generator, so every run draws the same codes and the statistical checks below give the
 * same answer every time (production passes a self-seeded {@link SecureRandom}).
 */
class OneTimeCodesTest {

    private final OneTimeCodes codes = new OneTimeCodes(seeded(20261205L));

    /** The SUN provider's SHA1PRNG, seeded before its first use, repeats its sequence for the same seed. */
    private static SecureRandom seeded(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG", "SUN");
            random.setSeed(seed);
            return random;
        } catch (NoSuchAlgorithmException | java.security.NoSuchProviderException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theSameSeedGivesTheSameCodesAndAnotherSeedOthers() {
        assertThat(draw(seeded(20261205L))).isEqualTo(draw(seeded(20261205L))).isNotEqualTo(draw(seeded(1L)));
    }

    private static java.util.List<String> draw(SecureRandom random) {
        OneTimeCodes codes = new OneTimeCodes(random);
        return java.util.stream.IntStream.range(0, 20).mapToObj(i -> codes.generate(8)).toList();
    }

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

    @Test
    void digitsAreSpreadEvenlyOverEveryPosition() {
        int samples = 20_000;
        int[][] counts = new int[6][10];
        for (int i = 0; i < samples; i++) {
            String code = codes.generate(6);
            for (int p = 0; p < 6; p++) {
                counts[p][code.charAt(p) - '0']++;
            }
        }
        // Chi-square over 10 digits, 9 degrees of freedom: 27.88 is the 0.999 quantile. The seed is fixed, so
        // the answer is too: a mapping from random bits to digits that favoured some digits would fail every run.
        for (int p = 0; p < 6; p++) {
            double expected = samples / 10.0;
            double chi2 = 0;
            for (int d = 0; d < 10; d++) {
                chi2 += Math.pow(counts[p][d] - expected, 2) / expected;
            }
            assertThat(chi2).as("position %d", p).isLessThan(27.88);
        }
    }

    @Test
    void codesDoNotRepeatInPractice() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) {
            seen.add(codes.generate(10));
        }
        assertThat(seen).hasSizeGreaterThan(995);
    }
}
