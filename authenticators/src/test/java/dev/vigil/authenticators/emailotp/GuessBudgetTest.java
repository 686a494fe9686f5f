package dev.vigil.authenticators.emailotp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.authenticators.emailotp.GuessBudget.Pool;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GuessBudgetTest {

    @Test
    void sixDigitsAllowAHundredWrongCodesADaySplitFiftyTwentyFiveTwentyFive() {
        assertThat(GuessBudget.total(6)).isEqualTo(100);
        assertThat(GuessBudget.size(Pool.FIRST_FACTOR, 6)).isEqualTo(50);
        assertThat(GuessBudget.size(Pool.TRUSTED_DEVICE, 6)).isEqualTo(25);
        assertThat(GuessBudget.size(Pool.SECOND_FACTOR, 6)).isEqualTo(25);
    }

    @Test
    void thePoolsSumToTenToTheDigitsMinusFourForEveryLength() {
        for (int digits = 6; digits <= 10; digits++) {
            int d = digits;
            int sum = Arrays.stream(Pool.values()).mapToInt(p -> GuessBudget.size(p, d)).sum();
            assertThat(sum).as(digits + " digits").isEqualTo((int) Math.pow(10, digits - 4));
        }
    }

    @Test
    void theChanceOfGuessingInADayIsOneInTenThousandForEveryLength() {
        for (int digits = 6; digits <= 10; digits++) {
            assertThat(GuessBudget.total(digits) / Math.pow(10, digits)).isEqualTo(1e-4);
        }
    }

    @Test
    void lengthsOutsideTheStepsRangeAreRefused() {
        assertThatThrownBy(() -> GuessBudget.total(5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GuessBudget.total(11)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void poolsSurviveTheirIds() {
        for (Pool pool : Pool.values()) {
            assertThat(Pool.fromId(pool.id())).isEqualTo(pool);
        }
        assertThat(Pool.fromId("other")).isNull();
    }
}
