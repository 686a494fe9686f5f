package dev.vigil.core.config;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.jboss.logging.Logger;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;

/**
 * The configuration of a Vigil client-policy executor as Keycloak hands it over (the JSON of a client
 * profile), read through the executor's {@link OptionSet}. Keycloak calls {@link #validateConfig()} when a
 * client profile is saved or imported and refuses it when that is false: an invalid value or an unknown
 * key is refused on save, and the reason is logged at WARN (Keycloak's answer does not carry it).
 *
 * @param <T> what the options are read into
 */
public abstract class ExecutorConfig<T> extends ClientPolicyExecutorConfigurationRepresentation {

    private static final Logger LOG = Logger.getLogger(ExecutorConfig.class);

    private final String providerId;
    private final Function<Map<String, String>, T> reader;

    /**
     * @param providerId the executor's provider id, for the log line
     * @param reader     reads the options, checking their keys against the executor's {@link OptionSet}; throws an
     *                   {@link IllegalArgumentException} naming the key and what it accepts
     */
    protected ExecutorConfig(String providerId, Function<Map<String, String>, T> reader) {
        this.providerId = providerId;
        this.reader = reader;
    }

    /**
     * Every option as text: the console saves numbers and lists as strings and booleans as booleans; a JSON list
     * (a multivalued field, or JSON written through the REST API) counts as its values separated by spaces.
     */
    public Map<String, String> options() {
        Map<String, String> options = new HashMap<>();
        getConfigAsMap().forEach((key, value) -> options.put(key, value == null ? null
                : value instanceof Collection<?> list ? String.join(" ", list.stream().map(String::valueOf).toList())
                : String.valueOf(value)));
        return options;
    }

    /** The options read; throws as the reader does. */
    public T settings() {
        return reader.apply(options());
    }

    @Override
    public boolean validateConfig() {
        try {
            settings();
            return true;
        } catch (IllegalArgumentException e) {
            LOG.warnf("%s: client-policy executor configuration refused: %s", providerId, e.getMessage());
            return false;
        }
    }
}
