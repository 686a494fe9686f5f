package dev.vigil.exchange;

import java.util.HashMap;
import java.util.Map;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;

/** The executor's options as saved; Keycloak refuses a save when {@link #validateConfig()} is false. */
public class ImpersonationExecutorConfig extends ClientPolicyExecutorConfigurationRepresentation {

    public ImpersonationSettings toSettings() {
        Map<String, String> options = new HashMap<>();
        // A list (a multivalued field, or JSON written through the REST API) counts as its names.
        getConfigAsMap().forEach((key, value) -> options.put(key, value == null ? null
                : value instanceof java.util.Collection<?> list ? String.join(" ", list.stream().map(String::valueOf).toList())
                : String.valueOf(value)));
        return ImpersonationSettings.fromOptions(options);
    }

    @Override
    public boolean validateConfig() {
        try {
            toSettings();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
