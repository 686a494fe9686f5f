package dev.vigil.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.vigil.core.compat.VigilCapability;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.Provider;

class VigilProviderFactoryTest {

    private static class Plain implements VigilProviderFactory<Provider> {
        @Override
        public Provider create(KeycloakSession session) {
            return null;
        }

        @Override
        public String getId() {
            return "vigil-plain";
        }

        @Override
        public VigilCapability capability() {
            return VigilCapability.AUDIT_TRAIL;
        }
    }

    @Test
    void theFactoryIsSupportedWhereItsCapabilityIs() {
        // the unit tests run against the Keycloak the pack is built for, which is at least the minimum
        assertThat(org.keycloak.common.Version.VERSION).startsWith("26.7");
        assertThat(new Plain().isSupported(null)).isTrue();
    }

    @Test
    void lifecycleDefaultsDoNothingAndInfoStartsWithTheVersions() {
        Plain plain = new Plain();
        assertThatCode(() -> {
            plain.init(null);
            plain.postInit(null);
            plain.close();
        }).doesNotThrowAnyException();
        assertThat(plain.getOperationalInfo()).containsOnlyKeys("version", "built-for-keycloak");
    }

    @Test
    void detailsFollowTheVersionsInTheirOrder() {
        VigilProviderFactory<Provider> detailed = new Plain() {
            @Override
            public Map<String, String> operationalDetails() {
                return Map.of("role", "test");
            }
        };
        assertThat(List.copyOf(detailed.getOperationalInfo().keySet())).containsExactly("version", "built-for-keycloak", "role");
        assertThat(detailed.getOperationalInfo()).containsEntry("role", "test")
                .containsEntry("version", VigilVersion.pack());
    }
}
