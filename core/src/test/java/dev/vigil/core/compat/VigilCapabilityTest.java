package dev.vigil.core.compat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VigilCapabilityTest {

    @Test
    void everyCapabilityIsOffBelow26Point7AndSaysWhichCapabilityAndVersion() {
        for (VigilCapability capability : VigilCapability.values()) {
            assertThat(capability.refusal("26.5.6")).as(capability.name()).hasValueSatisfying(message -> assertThat(message)
                    .startsWith("Vigil's ").contains(" is switched off: Keycloak 26.5.6 is older than 26.7.0: ")
                    .endsWith("Upgrade Keycloak to 26.7 or newer to use it; Keycloak's own flows are not affected."));
            assertThat(capability.refusal("26.4.7")).as(capability.name()).isPresent();
        }
    }

    @Test
    void everyCapabilityRunsFrom26Point7On() {
        for (VigilCapability capability : VigilCapability.values()) {
            assertThat(capability.refusal("26.7.0")).as(capability.name()).isEmpty();
            assertThat(capability.refusal("26.7.3")).as(capability.name()).isEmpty();
            assertThat(capability.refusal("26.10.0")).as(capability.name()).isEmpty();
            assertThat(capability.supportedOn("26.7.3")).isTrue();
        }
    }
}
