package dev.vigil.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

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
