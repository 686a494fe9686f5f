package dev.vigil.testproviders;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;

/**
 * The time of this Keycloak node: Keycloak's offset ({@link Time#setOffset}) and, while it is not
 * zero, the embedded Infinispan's clock following it. One per server (held by the factory).
 */
final class TimeControl {

    private static final Logger LOG = Logger.getLogger(TimeControl.class);

    private Runnable restoreCacheTime;

    /**
     * Sets the offset to {@code seconds}; with a non-zero offset the cache layer follows Keycloak's time,
     * with zero it gets its own clock back.
     *
     * @param keycloakTimeForCaches installs Keycloak's time in the cache layer and returns what undoes it
     *                              ({@code null} without an embedded cache layer)
     */
    synchronized Map<String, Object> set(int seconds, Supplier<Runnable> keycloakTimeForCaches) {
        if (seconds != 0 && restoreCacheTime == null) {
            restoreCacheTime = keycloakTimeForCaches.get();
        }
        Time.setOffset(seconds);
        if (seconds == 0 && restoreCacheTime != null) {
            restoreCacheTime.run();
            restoreCacheTime = null;
        }
        LOG.warnf("vigil-test-time: Keycloak's time offset is now %d s (test-only provider)", seconds);
        return state();
    }

    synchronized Map<String, Object> state() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("offset", Time.getOffset());
        state.put("cachesFollowKeycloakTime", restoreCacheTime != null);
        return state;
    }
}
