package dev.vigil.exchange;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The oldest Keycloak on which {@code vigil-impersonation} works as documented. Before 26.5.0 Keycloak's
 * {@code client-roles} condition (the one the docs and the demo use to name the clients that may impersonate;
 * {@code client-access-type}, {@code client-attributes} and {@code grant-type} too) votes only on a fixed list of
 * events that lacks {@code TOKEN_EXCHANGE_REQUEST}: it abstains, the impersonation executor never runs, and every
 * exchange is refused with "Client not allowed to impersonate" however the policy is set. (Only
 * {@code any-client} and {@code client-scopes} vote there.) There the provider reports itself unsupported
 * instead, with one ERROR line naming the version, and Keycloak's own exchange answers.
 */
final class MinimumKeycloak {

    static final int MAJOR = 26;
    static final int MINOR = 5;

    private static final Logger LOG = Logger.getLogger(MinimumKeycloak.class);
    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)(?:[.-].*)?$");
    private static final AtomicBoolean REPORTED = new AtomicBoolean();

    private MinimumKeycloak() {
    }

    /**
     * Why {@code vigil-impersonation} cannot run on {@code keycloakVersion}, or empty when it can. A version
     * that cannot be read (a custom build) counts as supported: the exchange then still refuses every request
     * whose client the policy does not cover, so nothing opens up.
     */
    static Optional<String> refusal(String keycloakVersion) {
        Matcher m = keycloakVersion == null ? null : VERSION.matcher(keycloakVersion.trim());
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        if (major > MAJOR || (major == MAJOR && minor >= MINOR)) {
            return Optional.empty();
        }
        return Optional.of(ImpersonationExchangeProviderFactory.ID + " is switched off: Keycloak " + keycloakVersion.trim()
                + " is older than " + MAJOR + "." + MINOR + ".0: its client-roles client-policy condition does not see"
                + " token-exchange requests, so a policy naming the clients that may impersonate never applies. Upgrade"
                + " Keycloak to " + MAJOR + "." + MINOR + " or newer to use it; the rest of Vigil is not affected.");
    }

    /** {@link #refusal} for the running Keycloak, logged at ERROR once per JVM (Keycloak may ask more than once). */
    static boolean supported(String keycloakVersion) {
        Optional<String> refusal = refusal(keycloakVersion);
        if (refusal.isPresent() && REPORTED.compareAndSet(false, true)) {
            LOG.error(refusal.get());
        }
        return refusal.isEmpty();
    }
}
