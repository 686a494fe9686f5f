package dev.vigil.core.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * The options of one provider (an authenticator's execution config, a client-policy executor's config, a
 * factory's server-wide {@code --spi-...} options), in the order the console shows them. Any key outside
 * the set is a configuration error ({@link #checkKeys}): a misspelt or renamed key can never fall back
 * silently to a default.
 */
public final class OptionSet {

    /** At most this many unknown keys are named in a message, so junk keys cannot make a log line of any length. */
    static final int MAX_NAMED = 3;

    private final Map<String, Option<?>> options = new LinkedHashMap<>();
    private final Set<String> alsoAllowed;

    private OptionSet(List<Option<?>> options, Set<String> alsoAllowed) {
        for (Option<?> option : options) {
            if (this.options.put(option.key(), option) != null) {
                throw new IllegalArgumentException("option " + option.key() + " is defined twice");
            }
        }
        this.alsoAllowed = Set.copyOf(alsoAllowed);
    }

    public static OptionSet of(Option<?>... options) {
        return new OptionSet(List.of(options), Set.of());
    }

    /**
     * This set plus keys that are not Vigil's options but may appear in the same config, such as the
     * reference values Keycloak's admin console adds to every execution config.
     */
    public OptionSet alsoAllowing(String... keys) {
        return new OptionSet(List.copyOf(options.values()), Set.of(keys));
    }

    /** The options, in order. */
    public List<Option<?>> options() {
        return List.copyOf(options.values());
    }

    /** Every key that may appear, sorted. */
    public Set<String> allowedKeys() {
        Set<String> keys = new TreeSet<>(options.keySet());
        keys.addAll(alsoAllowed);
        return keys;
    }

    /** The console definitions, in order, with the generated help texts. */
    public List<ProviderConfigProperty> properties() {
        List<ProviderConfigProperty> out = new ArrayList<>();
        options.values().forEach(o -> out.add(o.property()));
        return out;
    }

    /**
     * Refuses keys outside the set; null is an empty config. Returns {@code config} (or an empty map).
     *
     * @throws InvalidConfigException "unknown option X (allowed: ...)", naming at most three unknown keys,
     *                                each made safe for a log line
     */
    public Map<String, String> checkKeys(Map<String, String> config) {
        if (config == null) {
            return Map.of();
        }
        checkKeyNames(config.keySet());
        return config;
    }

    /** {@link #checkKeys} for a set of key names (the property names of a server-wide scope). */
    public void checkKeyNames(Collection<String> keys) {
        Set<String> allowed = allowedKeys();
        List<String> unknown = keys.stream().filter(k -> !allowed.contains(k)).sorted().map(Options::shown).toList();
        if (unknown.isEmpty()) {
            return;
        }
        String named = String.join(", ", unknown.subList(0, Math.min(MAX_NAMED, unknown.size())))
                + (unknown.size() > MAX_NAMED ? " and " + (unknown.size() - MAX_NAMED) + " more" : "");
        throw new InvalidConfigException((unknown.size() == 1 ? "unknown option " : "unknown options ") + named
                + " (allowed: " + String.join(", ", allowed) + ")");
    }
}
