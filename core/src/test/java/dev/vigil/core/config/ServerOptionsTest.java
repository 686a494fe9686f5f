package dev.vigil.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.keycloak.Config;

class ServerOptionsTest {

    private static final Option<String> RESPONSE = Option.oneOf("response", "session", java.util.List.of("family", "session",
            "user")).label("Response").help("What is revoked.").build();
    private static final OptionSet OPTIONS = OptionSet.of(RESPONSE);

    /** A scope as Keycloak's Quarkus configuration lists it: full property names, "--" between the parts. */
    private static Config.Scope scope(Map<String, String> values) {
        return new Config.AbstractScope() {
            @Override
            public String get(String key) {
                return values.get("kc.spi-events-listener--vigil-refresh-reuse--" + key);
            }

            @Override
            public Config.Scope scope(String... scope) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Set<String> getPropertyNames() {
                return values.keySet();
            }

            @Override
            public Config.Scope root() {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void knownOptionsAreReadAndKeycloaksEnabledSwitchIsAllowed() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("kc.spi-events-listener--vigil-refresh-reuse--response", "user");
        values.put("kc.spi-events-listener--vigil-refresh-reuse--enabled", "true");
        Map<String, String> read = ServerOptions.read("vigil-refresh-reuse", scope(values), OPTIONS);
        assertThat(RESPONSE.read(read)).isEqualTo("user");
        assertThat(RESPONSE.read(ServerOptions.read("vigil-refresh-reuse", scope(Map.of()), OPTIONS))).isEqualTo("session");
    }

    @Test
    void anUnknownKeyStopsTheStartNamingItTheAllowedKeysAndTheProvider() {
        Map<String, String> typo = Map.of("kc.spi-events-listener--vigil-refresh-reuse--respons", "user");
        assertThatThrownBy(() -> ServerOptions.read("vigil-refresh-reuse", scope(typo), OPTIONS))
                .isExactlyInstanceOf(InvalidConfigException.class)
                .hasMessage("vigil-refresh-reuse: unknown option respons (allowed: enabled, response); server options are "
                        + "set as --spi-<spi>--vigil-refresh-reuse--<key>");
    }

    @Test
    void keysAreTheLastPartOfTheirNamesWhateverTheSeparator() {
        Config.Scope dotted = new Config.SystemPropertiesScope("keycloak.events-listener.vigil-audit.") {
            @Override
            public Set<String> getPropertyNames() {
                return Set.of("keycloak.events-listener.vigil-audit.event-types");
            }
        };
        assertThat(ServerOptions.keys(dotted)).containsExactly("event-types");
        assertThat(ServerOptions.keys(null)).isEmpty();
    }
}
