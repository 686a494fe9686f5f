package dev.vigil.authenticators.emailotp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressesTest {

    @Test
    void masksAllButTheFirstLetterAndTheDomain() {
        assertThat(Addresses.mask("alice@example.com")).isEqualTo("a***@example.com");
        assertThat(Addresses.mask("a@example.com")).isEqualTo("a***@example.com");
        assertThat(Addresses.mask("no-at-sign")).isEqualTo("***");
        assertThat(Addresses.mask(null)).isEmpty();
    }

    @Test
    void normalizesCaseAndSpaceSoTheyDoNotMultiplyTheLimit() {
        assertThat(Addresses.normalize("  Alice@Example.COM ")).isEqualTo("alice@example.com");
    }

    @Test
    void tellsAddressesFromUsernames() {
        assertThat(Addresses.looksLikeEmail("alice@example.com")).isTrue();
        assertThat(Addresses.looksLikeEmail("alice")).isFalse();
        assertThat(Addresses.looksLikeEmail("a b@example.com")).isFalse();
    }
}
