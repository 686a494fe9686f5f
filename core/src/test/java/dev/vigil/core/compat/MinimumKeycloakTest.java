package dev.vigil.core.compat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MinimumKeycloakTest {

    private static final MinimumKeycloak IMPERSONATION = new MinimumKeycloak("vigil-impersonation", 26, 5,
            "its client-roles client-policy condition does not see token-exchange requests.");

    @Test
    void keycloakBefore26Point5IsRefusedWithItsVersionNamed() {
        assertThat(IMPERSONATION.refusal("26.4.7")).hasValueSatisfying(message -> assertThat(message)
                .startsWith("vigil-impersonation is switched off: Keycloak 26.4.7 is older than 26.5.0")
                .contains("Upgrade Keycloak to 26.5 or newer"));
        assertThat(IMPERSONATION.refusal("26.4.0")).isPresent();
        assertThat(IMPERSONATION.refusal("26.0.8")).isPresent();
        assertThat(IMPERSONATION.refusal("25.0.6")).isPresent();
        assertThat(IMPERSONATION.refusal("26.4.7-redhat-00001")).isPresent();
    }

    @Test
    void keycloak26Point5AndNewerIsSupported() {
        assertThat(IMPERSONATION.refusal("26.5.0")).isEmpty();
        assertThat(IMPERSONATION.refusal("26.5.6")).isEmpty();
        assertThat(IMPERSONATION.refusal("26.7.3")).isEmpty();
        assertThat(IMPERSONATION.refusal("26.10.0")).as("minor compared as a number").isEmpty();
        assertThat(IMPERSONATION.refusal("27.0.0")).isEmpty();
        assertThat(IMPERSONATION.refusal("999.0.0-SNAPSHOT")).as("a nightly build").isEmpty();
    }

    @Test
    void anUnreadableVersionDoesNotSwitchTheProviderOff() {
        assertThat(IMPERSONATION.refusal("UNKNOWN")).isEmpty();
        assertThat(IMPERSONATION.refusal("")).isEmpty();
        assertThat(IMPERSONATION.refusal(null)).isEmpty();
    }

    @Test
    void supportedAnswersTheSameAsRefusal() {
        assertThat(IMPERSONATION.supported("26.7.3")).isTrue();
        assertThat(IMPERSONATION.supported("26.4.7")).isFalse();
        assertThat(IMPERSONATION.supported("26.4.7")).as("asked again: still off, logged once").isFalse();
    }
}
