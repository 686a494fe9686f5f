package dev.vigil.core.compat;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The oldest Keycloak on which one capability works as documented ({@link VigilCapability}). A factory asks
 * {@link #supported} from
 * {@code EnvironmentDependentProviderFactory.isSupported}: on an older Keycloak the provider is left out,
 * with one ERROR line naming the provider, the version and why, and the server still starts. A version that
 * cannot be read (a custom build) counts as supported.
 */
public final class MinimumKeycloak {

    private static final Logger LOG = Logger.getLogger(MinimumKeycloak.class);
    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)(?:[.-].*)?$");

    private final String providerId;
    private final int major;
    private final int minor;
    private final String why;
    private final AtomicBoolean reported = new AtomicBoolean();

    /** @param why what the provider needs that older versions lack, as the end of a sentence */
    public MinimumKeycloak(String providerId, int major, int minor, String why) {
        this.providerId = providerId;
        this.major = major;
        this.minor = minor;
        this.why = why;
    }

    /** Why the provider cannot run on {@code keycloakVersion}, or empty when it can. */
    public Optional<String> refusal(String keycloakVersion) {
        Matcher m = keycloakVersion == null ? null : VERSION.matcher(keycloakVersion.trim());
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        int runningMajor = Integer.parseInt(m.group(1));
        int runningMinor = Integer.parseInt(m.group(2));
        if (runningMajor > major || (runningMajor == major && runningMinor >= minor)) {
            return Optional.empty();
        }
        return Optional.of(providerId + " is switched off: Keycloak " + keycloakVersion.trim() + " is older than "
                + major + "." + minor + ".0: " + why + " Upgrade Keycloak to " + major + "." + minor
                + " or newer to use it; Keycloak's own flows are not affected.");
    }

    /** {@link #refusal} for the running Keycloak, logged at ERROR once (Keycloak may ask more than once). */
    public boolean supported(String keycloakVersion) {
        Optional<String> refusal = refusal(keycloakVersion);
        if (refusal.isPresent() && reported.compareAndSet(false, true)) {
            LOG.error(refusal.get());
        }
        return refusal.isEmpty();
    }
}
