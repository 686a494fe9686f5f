package dev.vigil.authenticators.emailotp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResolutionTest {

    @Test
    void survivesTheTripThroughTheSingleUseStore() {
        Resolution usable = new Resolution("user-1", "user-1", "budget", GuessBudget.Pool.SECOND_FACTOR);
        assertThat(Resolution.fromNotes(usable.toNotes())).isEqualTo(usable);
        assertThat(usable.hasAccount()).isTrue();
        Resolution nobody = new Resolution("", "user-2", "budget", GuessBudget.Pool.FIRST_FACTOR);
        assertThat(Resolution.fromNotes(nobody.toNotes())).isEqualTo(nobody);
        assertThat(nobody.hasAccount()).as("a rate-limited request of an existing account").isFalse();
    }

    @Test
    void missingOrDamagedNotesMeanNotResolved() {
        assertThat(Resolution.fromNotes(null)).isNull();
        assertThat(Resolution.fromNotes(Map.of())).isNull();
        Map<String, String> damaged = new HashMap<>(new Resolution("u", "u", "b", GuessBudget.Pool.FIRST_FACTOR).toNotes());
        damaged.put("p", "no-such-pool");
        assertThat(Resolution.fromNotes(damaged)).isNull();
    }
}
