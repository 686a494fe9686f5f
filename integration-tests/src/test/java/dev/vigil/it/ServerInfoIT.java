package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testing.TestKeycloak;
import dev.vigil.testing.junit.WithKeycloak;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.info.ProviderRepresentation;
import org.keycloak.representations.info.ServerInfoRepresentation;

@WithKeycloak
class ServerInfoIT {

    @Test
    void everyVigilProviderReportsThePackVersion(TestKeycloak keycloak) {
        ServerInfoRepresentation info = keycloak.admin().serverInfo().getInfo();

        assertThat(info.getSystemInfo().getVersion()).isEqualTo(System.getProperty("vigil.keycloak.version"));
        Map<String, ProviderRepresentation> listeners = info.getProviders().get("eventsListener").getProviders();
        assertThat(listeners).containsKey("vigil-audit");
        assertThat(listeners.get("vigil-audit").getOperationalInfo())
                .containsEntry("version", "0.1.0-SNAPSHOT")
                .containsEntry("built-for-keycloak", "26.7.3")
                .containsEntry("log-category", "vigil.audit");
    }
}
