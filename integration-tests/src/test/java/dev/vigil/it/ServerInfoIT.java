package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testing.HarnessPaths;
import dev.vigil.testing.TestKeycloak;
import dev.vigil.testing.junit.WithKeycloak;
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
}
