package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testing.HarnessPaths;
import dev.vigil.testing.TestKeycloak;
import dev.vigil.testing.junit.WithKeycloak;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.info.ProviderRepresentation;
import org.keycloak.representations.info.ServerInfoRepresentation;

@WithKeycloak
class ServerInfoIT {

    @Test
    void everyVigilProviderReportsThePackVersion(TestKeycloak keycloak) {
        ServerInfoRepresentation info = keycloak.admin().serverInfo().getInfo();
        assertThat(info.getSystemInfo().getVersion()).isEqualTo(HarnessPaths.keycloakVersion());

        Map<String, ProviderRepresentation> vigil = new TreeMap<>();
        info.getProviders().forEach((spi, providers) -> providers.getProviders().forEach((id, provider) -> {
            if (id.startsWith("vigil-")) {
                vigil.put(spi + "/" + id, provider);
            }
        }));

        assertThat(vigil).containsKeys("eventsListener/vigil-audit", "authenticator/vigil-email-otp");
        vigil.forEach((name, provider) -> assertThat(provider.getOperationalInfo()).as(name)
                .containsEntry("version", System.getProperty("vigil.version"))
                .containsEntry("built-for-keycloak", System.getProperty("vigil.keycloak.version")));
        assertThat(vigil.get("eventsListener/vigil-audit").getOperationalInfo()).containsEntry("log-category", "vigil.audit");
        assertThat(vigil.get("authenticator/vigil-email-otp").getOperationalInfo()).containsEntry("reference-category", "otp");
    }

    /**
     * Before Keycloak 26.5 client-policy conditions do not vote on token-exchange requests, so the impersonation
     * policy could never apply: there the exchange provider is left out with one ERROR line naming the version
     * (written by {@code kc.sh build}, where Keycloak decides which providers exist), and the server starts.
     * From 26.5 on it is there and nothing is logged. Runs on whatever Keycloak the version matrix chose.
     */
    @Test
    void impersonationIsLeftOutLoudlyWhereKeycloakCannotApplyItsPolicy(TestKeycloak keycloak) throws IOException {
        String version = HarnessPaths.keycloakVersion();
        String[] parts = version.split("[.-]");
        boolean tooOld = Integer.parseInt(parts[0]) < 26 || (Integer.parseInt(parts[0]) == 26 && Integer.parseInt(parts[1]) < 5);

        Map<String, ProviderRepresentation> exchanges = keycloak.admin().serverInfo().getInfo().getProviders()
                .get("oauth2-token-exchange").getProviders();
        String logs = Files.readString(keycloak.server().install().home().resolve("build.log")) + keycloak.log().text();
        List<String> refusals = Arrays.stream(logs.split("\n"))
                .filter(line -> line.contains("vigil-impersonation is switched off")).toList();
        if (tooOld) {
            assertThat(exchanges).as("Keycloak " + version).doesNotContainKey("vigil-impersonation");
            assertThat(refusals).hasSize(1);
            assertThat(refusals.get(0)).contains("ERROR").contains("Keycloak " + version + " is older than 26.5.0");
        } else {
            assertThat(exchanges).as("Keycloak " + version).containsKey("vigil-impersonation");
            assertThat(refusals).isEmpty();
        }
    }
}
