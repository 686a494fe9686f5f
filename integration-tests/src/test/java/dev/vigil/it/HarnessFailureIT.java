package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.testing.BuildOptions;
import dev.vigil.testing.HarnessPaths;
import dev.vigil.testing.KeycloakInstall;
import dev.vigil.testing.KeycloakServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A bad environment gets a clear message, not a hang. */
class HarnessFailureIT {

    @Test
    void aTakenPortIsNamedBeforeKeycloakStarts() throws Exception {
        KeycloakInstall install = failingInstall();
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> KeycloakServer.builder("taken-port", install).ports(port, 0).start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Port " + port)
                    .hasMessageContaining("already in use");
        }
    }

    @Test
    void aMissingDistributionSaysWhereItLookedAndHowToGetIt() {
        String saved = System.getProperty("vigil.keycloak.dist");
        System.setProperty("vigil.keycloak.dist", HarnessPaths.workDir().resolve("no-such-keycloak").toString());
        try {
            assertThatThrownBy(HarnessPaths::distribution)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no-such-keycloak")
                    .hasMessageContaining("org.keycloak:keycloak-quarkus-dist:" + HarnessPaths.keycloakVersion() + ":zip");
        } finally {
            System.setProperty("vigil.keycloak.dist", saved);
        }
    }

    @Test
    void aServerThatExitsDuringStartFailsFastWithItsLog() {
        KeycloakInstall install = failingInstall();
        Instant start = Instant.now();

        assertThatThrownBy(() -> KeycloakServer.builder("exits", install)
                .option("no-such-option", "1").startTimeout(Duration.ofMinutes(3)).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited (code")
                .hasMessageContaining("no-such-option")
                .hasMessageContaining("server.log");
        assertThat(Duration.between(start, Instant.now())).as("fails on exit, not on the timeout")
                .isLessThan(Duration.ofMinutes(1));
    }

    /** An installation of its own, so the shared server's log and data are left alone. */
    private static KeycloakInstall failingInstall() {
        // The shared test server's installation, as the harness prepares it (with the test-only providers).
        KeycloakInstall built = KeycloakInstall.prepareForTests(HarnessPaths.workDir().resolve("servers/single"),
                HarnessPaths.distribution(), HarnessPaths.vigilJar(), HarnessPaths.testProvidersJar(), BuildOptions.DEV_FILE);
        return KeycloakInstall.copyOf(built, HarnessPaths.workDir().resolve("servers/failing"));
    }
}
