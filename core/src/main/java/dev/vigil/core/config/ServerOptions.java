package dev.vigil.core.config;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.keycloak.Config;

/**
 * A factory's server-wide options ({@code --spi-<spi>--<provider>--<key>}, or the same in
 * {@code keycloak.conf} or the environment), read through the factory's {@link OptionSet} in {@code init}.
 * A key the provider does not know stops the server at start with a message naming it and the allowed keys
 * (a misspelt option never falls back silently to a default). Keycloak's own per-provider switch
 * {@value #ENABLED} is always allowed.
 */
public final class ServerOptions {

    /** Keycloak's {@code --spi-<spi>--<provider>--enabled}, valid for every provider. */
    public static final String ENABLED = "enabled";

    private ServerOptions() {
    }

    /**
     * The options set in {@code scope} (the factory's scope as {@code init} receives it), keys refused
     * when {@code options} does not allow them.
     *
     * @throws InvalidConfigException starting with the provider id, naming the unknown keys and the allowed ones
     */
    public static Map<String, String> read(String providerId, Config.Scope scope, OptionSet options) {
        Set<String> keys = keys(scope);
        try {
            options.alsoAllowing(ENABLED).checkKeyNames(keys);
        } catch (InvalidConfigException e) {
            throw new InvalidConfigException(providerId + ": " + e.getMessage() + "; server options are set as --spi-<spi>--"
                    + providerId + "--<key>");
        }
        Map<String, String> values = new java.util.HashMap<>();
        for (Option<?> option : options.options()) {
            String value = scope == null ? null : scope.get(option.key());
            if (value != null) {
                values.put(option.key(), value);
            }
        }
        return values;
    }

    /**
     * The keys set in {@code scope}: its property names without the scope's prefix (the part after the last
     * {@code --}, Keycloak's separator of option parts, or after the last dot). Empty when the configuration
     * cannot list its names.
     */
    static Set<String> keys(Config.Scope scope) {
        Set<String> keys = new LinkedHashSet<>();
        Set<String> names;
        try {
            names = scope == null ? null : scope.getPropertyNames();
        } catch (UnsupportedOperationException e) {
            return keys;
        }
        if (names == null) {
            return keys;
        }
        for (String name : names) {
            int cut = Math.max(name.lastIndexOf("--") + 2, name.lastIndexOf('.') + 1);
            keys.add(name.substring(cut));
        }
        return keys;
    }
}
