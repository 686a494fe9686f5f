package dev.vigil.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MinimumKeycloakTest {

    @Test
    void keycloakBefore26Point5IsRefusedWithItsVersionNamed() {
        assertThat(MinimumKeycloak.refusal("26.4.7")).hasValueSatisfying(message -> assertThat(message)
                .startsWith("vigil-impersonation is switched off: Keycloak 26.4.7 is older than 26.5.0")
                .contains("Upgrade Keycloak to 26.5 or newer"));
        assertThat(MinimumKeycloak.refusal("26.4.0")).isPresent();
        assertThat(MinimumKeycloak.refusal("26.0.8")).isPresent();
        assertThat(MinimumKeycloak.refusal("25.0.6")).isPresent();
        assertThat(MinimumKeycloak.refusal("26.4.7-redhat-00001")).isPresent();
    }

    @Test
    void keycloak26Point5AndNewerIsSupported() {
        assertThat(MinimumKeycloak.refusal("26.5.0")).isEmpty();
        assertThat(MinimumKeycloak.refusal("26.5.6")).isEmpty();
        assertThat(MinimumKeycloak.refusal("26.7.3")).isEmpty();
        assertThat(MinimumKeycloak.refusal("26.10.0")).as("minor compared as a number").isEmpty();
        assertThat(MinimumKeycloak.refusal("27.0.0")).isEmpty();
        assertThat(MinimumKeycloak.refusal("999.0.0-SNAPSHOT")).as("a nightly build").isEmpty();
    }

    @Test
    void anUnreadableVersionDoesNotSwitchTheProviderOff() {
        assertThat(MinimumKeycloak.refusal("UNKNOWN")).isEmpty();
        assertThat(MinimumKeycloak.refusal("")).isEmpty();
        assertThat(MinimumKeycloak.refusal(null)).isEmpty();
    }

    @Test
    void supportedAnswersTheSameAsRefusal() {
        assertThat(MinimumKeycloak.supported("26.7.3")).isTrue();
        assertThat(MinimumKeycloak.supported("26.4.7")).isFalse();
        assertThat(MinimumKeycloak.supported("26.4.7")).as("asked again: still off, logged once").isFalse();
    }
}
