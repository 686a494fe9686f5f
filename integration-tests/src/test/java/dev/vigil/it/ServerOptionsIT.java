package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.testing.BuildOptions;
import dev.vigil.testing.HarnessPaths;
import dev.vigil.testing.KeycloakInstall;
import dev.vigil.testing.KeycloakServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A misspelt server-wide option ({@code --spi-...}) of a Vigil provider stops the server at start with a message
 * naming the key and the allowed ones, instead of running with the default the admin did not mean.
 */
class ServerOptionsIT {

    @Test
    void anUnknownSpiOptionOfAVigilProviderStopsTheStartNamingIt() {
        KeycloakInstall install = KeycloakInstall.copyOf(KeycloakInstall.prepareForTests(
                HarnessPaths.workDir().resolve("servers/single"), HarnessPaths.distribution(), HarnessPaths.vigilJar(),
                HarnessPaths.testProvidersJar(), BuildOptions.DEV_FILE), HarnessPaths.workDir().resolve("servers/options"));
        Instant start = Instant.now();

        // "respons" for "response": with the default (session) the admin would revoke less than the user-wide response meant.
        assertThatThrownBy(() -> KeycloakServer.builder("unknown-option", install)
                .option("spi-events-listener--vigil-refresh-reuse--respons", "user").startTimeout(Duration.ofMinutes(4)).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exited (code")
                .hasMessageContaining("vigil-refresh-reuse: unknown option respons (allowed: enabled, response)");
        assertThat(Duration.between(start, Instant.now())).as("fails at start, not on the timeout")
                .isLessThan(Duration.ofMinutes(3));
    }
}
