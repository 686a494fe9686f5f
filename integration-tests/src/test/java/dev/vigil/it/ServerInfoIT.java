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
            if (id.startsWith("vigil-") && !id.startsWith("vigil-test-")) { // test-only providers are not the pack
                vigil.put(spi + "/" + id, provider);
            }
        }));

        assertThat(vigil).containsKey("eventsListener/vigil-audit");
        vigil.forEach((name, provider) -> assertThat(provider.getOperationalInfo()).as(name)
                .containsEntry("version", System.getProperty("vigil.version"))
                .containsEntry("built-for-keycloak", System.getProperty("vigil.keycloak.version")));
        assertThat(vigil.get("eventsListener/vigil-audit").getOperationalInfo()).containsEntry("log-category", "vigil.audit");
        if (vigil.containsKey("authenticator/vigil-email-otp")) { // left out before Keycloak 26.7 (see below)
            assertThat(vigil.get("authenticator/vigil-email-otp").getOperationalInfo()).containsEntry("reference-category", "otp");
        }
    }

    /**
     * Providers that need a newer Keycloak than the oldest a realm may run are left out there with one ERROR line
     * each naming the provider and the version (written by {@code kc.sh build}, where Keycloak decides which
     * providers exist), and the server starts; on a Keycloak new enough they are there and nothing is logged.
     * Runs on whatever Keycloak the version matrix chose ({@code -Dvigil.it.keycloak.version}).
     */
    @Test
    void providersAreLeftOutLoudlyWhereKeycloakIsTooOld(TestKeycloak keycloak) throws IOException {
        String version = HarnessPaths.keycloakVersion();
        String[] parts = version.split("[.-]");
        boolean before267 = Integer.parseInt(parts[0]) < 26 || (Integer.parseInt(parts[0]) == 26 && Integer.parseInt(parts[1]) < 7);
        Map<String, ProviderRepresentation> exchanges = providers(keycloak, "oauth2-token-exchange");
        Map<String, ProviderRepresentation> authenticators = providers(keycloak, "authenticator");
        String logs = Files.readString(keycloak.server().install().home().resolve("build.log")) + keycloak.log().text();

        for (String gated : List.of("vigil-impersonation", "vigil-email-otp", "vigil access_token introspection")) {
            List<String> refusals = Arrays.stream(logs.split("\n")).filter(line -> line.contains(gated + " is switched off"))
                    .toList();
            if (before267) {
                assertThat(refusals).as(gated + " on Keycloak " + version).hasSize(1);
                assertThat(refusals.get(0)).contains("ERROR").contains("Keycloak " + version + " is older than 26.7.0");
            } else {
                assertThat(refusals).as(gated + " on Keycloak " + version).isEmpty();
            }
        }
        assertThat(exchanges.containsKey("vigil-impersonation")).as("vigil-impersonation on " + version).isEqualTo(!before267);
        assertThat(authenticators.containsKey("vigil-email-otp")).as("vigil-email-otp on " + version).isEqualTo(!before267);
        // Keycloak's server info does not list token-introspection providers: the ERROR line above is the check
        // there, and ActorMapperIT shows Vigil's introspection at work on 26.7.
    }

    private static Map<String, ProviderRepresentation> providers(TestKeycloak keycloak, String spi) {
        return keycloak.admin().serverInfo().getInfo().getProviders().get(spi).getProviders();
    }
}
