package dev.vigil.events.refresh;

import java.util.HashMap;
import java.util.Map;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;

/**
 * The executor's options as the admin console saves them. Keycloak calls {@link #validateConfig()}
 * when a client profile is saved or imported and refuses it when this returns false.
 */
public class RefreshPolicyExecutorConfig extends ClientPolicyExecutorConfigurationRepresentation {

    /** Every option as text: the console saves numbers and lists as strings, booleans as booleans. */
    public Map<String, String> options() {
        Map<String, String> options = new HashMap<>();
        getConfigAsMap().forEach((key, value) -> options.put(key, value == null ? null : String.valueOf(value)));
        return options;
    }

    public RefreshPolicy toPolicy() {
        return RefreshPolicy.fromOptions(options());
    }

    @Override
    public boolean validateConfig() {
        try {
            toPolicy();
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
