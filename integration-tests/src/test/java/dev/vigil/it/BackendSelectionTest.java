package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.vigil.testing.KeycloakBackend;
import org.junit.jupiter.api.Test;

/** Which backend -Dvigil.backend selects; no server is started. */
class BackendSelectionTest {

    @Test
    void noValueMeansTheDistribution() {
        assertThat(KeycloakBackend.select(null)).isEqualTo(KeycloakBackend.DISTRIBUTION);
        assertThat(KeycloakBackend.select("")).isEqualTo(KeycloakBackend.DISTRIBUTION);
        assertThat(KeycloakBackend.select("  ")).isEqualTo(KeycloakBackend.DISTRIBUTION);
    }

    @Test
    void eachBackendIsSelectedByItsName() {
        assertThat(KeycloakBackend.select("distribution")).isEqualTo(KeycloakBackend.DISTRIBUTION);
        assertThat(KeycloakBackend.select("testcontainers")).isEqualTo(KeycloakBackend.TESTCONTAINERS);
        assertThat(KeycloakBackend.select("postgres")).isEqualTo(KeycloakBackend.POSTGRES);
    }

    @Test
    void anUnknownValueIsNamedWithTheValidOnes() {
        assertThatThrownBy(() -> KeycloakBackend.select("docker"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vigil.backend")
                .hasMessageContaining("'docker'")
                .hasMessageContaining("distribution, testcontainers, postgres");
    }

    @Test
    void withoutTheProfileTheContainerBackendSaysHowToGetIt() {
        assumeFalse(onClasspath("dev.vigil.testing.ContainerKeycloak"), "the profile compiled the container backend");

        assertThatThrownBy(() -> KeycloakBackend.TESTCONTAINERS.start(2525))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("dev.vigil.testing.ContainerKeycloak")
                .hasMessageContaining("activate with -Dvigil.backend=testcontainers");
    }

    private static boolean onClasspath(String className) {
        try {
            Class.forName(className);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
