package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.token.Tokens;
import dev.vigil.testing.HarnessPaths;
import dev.vigil.testing.TestKeycloak;
import dev.vigil.testing.client.FormLogin;
import dev.vigil.testing.client.OidcClient;
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

        if (belowMinimum(HarnessPaths.keycloakVersion())) { // the pack is switched off there (next test)
            assertThat(vigil).isEmpty();
            return;
        }
        assertThat(vigil).containsKey("eventsListener/vigil-audit");
        vigil.forEach((name, provider) -> assertThat(provider.getOperationalInfo()).as(name)
                .containsEntry("version", System.getProperty("vigil.version"))
                .containsEntry("built-for-keycloak", System.getProperty("vigil.keycloak.version")));
        assertThat(vigil.get("eventsListener/vigil-audit").getOperationalInfo()).containsEntry("log-category", "vigil.audit");
        assertThat(vigil.get("authenticator/vigil-email-otp").getOperationalInfo()).containsEntry("reference-category", "otp");
    }

    /** The capabilities as the pack names them in its refusal lines (core's {@code VigilCapability}). */
    private static final List<String> CAPABILITIES = List.of("email codes (vigil-email-otp)",
            "step-up rules and trusted devices", "impersonation (vigil-impersonation)",
            "refresh-token theft response (vigil-refresh-reuse)",
            "token mappers and introspection (oidc-vigil-actor, oidc-vigil-auth-context)", "audit trail (vigil-audit)");

    /**
     * Below Keycloak 26.7 (the pack's minimum) every capability is left out with one ERROR line naming it and the
     * version (written by {@code kc.sh build}, where Keycloak decides which providers exist), no Vigil provider is
     * left in the server, and the server starts; from 26.7 on every capability is there and no such line exists.
     * Runs on whatever Keycloak the version matrix chose ({@code -Dvigil.it.keycloak.version}).
     */
    @Test
    void belowTheMinimumEveryCapabilityIsSwitchedOffLoudlyAndNoVigilProviderIsLeft(TestKeycloak keycloak) throws IOException {
        String version = HarnessPaths.keycloakVersion();
        boolean before267 = belowMinimum(version);
        String logs = Files.readString(keycloak.server().install().home().resolve("build.log")) + keycloak.log().text();
        List<String> lines = Arrays.asList(logs.split("\n"));

        for (String capability : CAPABILITIES) {
            List<String> refusals = lines.stream().filter(line -> line.contains("Vigil's " + capability + " is switched off")).toList();
            if (before267) {
                assertThat(refusals).as(capability + " on Keycloak " + version).hasSize(1);
                assertThat(refusals.get(0)).contains("ERROR").contains("Keycloak " + version + " is older than 26.7.0")
                        .contains("Upgrade Keycloak to 26.7 or newer");
            } else {
                assertThat(refusals).as(capability + " on Keycloak " + version).isEmpty();
            }
        }
        assertThat(lines).as("no other refusal line").filteredOn(line -> line.contains(" is switched off: Keycloak "))
                .hasSize(before267 ? CAPABILITIES.size() : 0);

        Map<String, String> vigil = new TreeMap<>();
        keycloak.admin().serverInfo().getInfo().getProviders().forEach((spi, providers) -> providers.getProviders().keySet()
                .stream().filter(id -> (id.startsWith("vigil-") && !id.startsWith("vigil-test-")) || id.startsWith("oidc-vigil-"))
                .forEach(id -> vigil.put(spi + "/" + id, id)));
        if (before267) {
            assertThat(vigil).as("Vigil providers left on Keycloak " + version).isEmpty();
        } else {
            assertThat(vigil).containsKeys("authenticator/vigil-email-otp", "oauth2-token-exchange/vigil-impersonation",
                    "eventsListener/vigil-audit", "eventsListener/vigil-refresh-reuse");
        }
        // Keycloak's server info does not list token-introspection providers: the ERROR line above is the check
        // there, and ActorMapperIT shows Vigil's introspection at work on 26.7.
    }

    /**
     * Wherever the jar is installed, on a supported Keycloak or one where the pack switched itself off, a standard
     * OIDC sign-in (authorization code with PKCE, password form) and a refresh still work.
     */
    @Test
    void aStandardSignInAndRefreshWorkWithThePackInstalled(TestKeycloak keycloak) {
        keycloak.importRealm("realms/browser-it.json");
        OidcClient client = new OidcClient(keycloak.realmUrl("browser-it"), "test-app");
        Tokens tokens = client.login(new FormLogin(), "alice", "alice-Password-1");
        assertThat(tokens.getAccessToken().getValue()).isNotBlank();
        TokenResponse refreshed = client.refresh(tokens.getRefreshToken());
        assertThat(refreshed.indicatesSuccess()).as("refresh on Keycloak " + HarnessPaths.keycloakVersion()).isTrue();
    }

    private static boolean belowMinimum(String version) {
        String[] parts = version.split("[.-]");
        return Integer.parseInt(parts[0]) < 26 || (Integer.parseInt(parts[0]) == 26 && Integer.parseInt(parts[1]) < 7);
    }
}
