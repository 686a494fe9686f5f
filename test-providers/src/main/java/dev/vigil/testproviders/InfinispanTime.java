package dev.vigil.testproviders;

import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.Provider;

/**
 * Points the embedded Infinispan's clock at Keycloak's {@code Time}, as Keycloak's own test suite does
 * ({@code InfinispanUtil.setTimeServiceToKeycloakTime}), so that cache entries with a lifespan (the
 * single-use store, sessions held in the cache) expire when Keycloak's offset says so.
 *
 * <p>Reached by name: {@code keycloak-model-infinispan} is on every server but not in a Maven
 * repository this build can use, and a test-only jar must not make the build depend on it.
 */
final class InfinispanTime {

    private static final String CONNECTION = "org.keycloak.connections.infinispan.InfinispanConnectionProvider";
    private static final String UTIL = "org.keycloak.connections.infinispan.InfinispanUtil";
    private static final String CACHE = "org.infinispan.Cache";
    private static final String CACHE_MANAGER = "org.infinispan.manager.EmbeddedCacheManager";

    private InfinispanTime() {
    }

    /**
     * Replaces the cache manager's time service with Keycloak's.
     *
     * @return what restores the previous time service, or {@code null} if this server has no embedded Infinispan
     */
    static Runnable useKeycloakTime(KeycloakSession session) {
        ClassLoader loader = InfinispanTime.class.getClassLoader();
        try {
            Class<? extends Provider> connection = Class.forName(CONNECTION, true, loader).asSubclass(Provider.class);
            Provider provider = session.getProvider(connection);
            if (provider == null) {
                return null;
            }
            String usersCache = (String) connection.getField("USER_CACHE_NAME").get(null);
            Object cache = connection.getMethod("getCache", String.class).invoke(provider, usersCache);
            Object manager = Class.forName(CACHE, true, loader).getMethod("getCacheManager").invoke(cache);
            Class<?> managerType = Class.forName(CACHE_MANAGER, true, loader);
            return (Runnable) Class.forName(UTIL, true, loader).getMethod("setTimeServiceToKeycloakTime", managerType)
                    .invoke(null, manager);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot set Infinispan's time service to Keycloak's time on this Keycloak: " + e, e);
        }
    }
}
