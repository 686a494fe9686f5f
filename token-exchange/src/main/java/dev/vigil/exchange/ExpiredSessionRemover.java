package dev.vigil.exchange;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.provider.Provider;

/**
 * Removes an impersonation's session once its token has expired. The usual session was never read after its
 * grant: it exists only as its two database rows (the grant writes them itself, see
 * {@link ImpersonationSessionWriter}), so its rows are deleted through Keycloak's session persister, without
 * loading the session into the session cache only to remove it from there again. A session some node has read
 * (userinfo, introspection, the admin console) is in the cluster's session cache and takes Keycloak's full
 * removal, so no node keeps a copy. Only with Keycloak's own persistent session store; with another store, or
 * where Keycloak's classes are not as expected, every session takes the full removal.
 */
final class ExpiredSessionRemover {

    private static final Logger LOG = Logger.getLogger(ExpiredSessionRemover.class);
    private static final String CONNECTIONS = "org.keycloak.connections.infinispan.InfinispanConnectionProvider";
    /** Keycloak's cache of online user sessions ({@code InfinispanConnectionProvider.USER_SESSION_CACHE_NAME}). */
    private static final String SESSION_CACHE = "sessions";
    private static volatile Handles handles;

    private ExpiredSessionRemover() {
    }

    /**
     * Removes the session of an end that has come due in Vigil's index. The rows of an unread session go at
     * once (only Vigil writes that index, each end after its token's expiry); a cached session is removed only
     * if its own expiry note has passed by {@code nowSeconds}.
     */
    static void removeIfEnded(KeycloakSession session, RealmModel realm, String userSessionId, long nowSeconds) {
        Handles known = handles(session);
        if (known.removeRows() != null && !cached(session, known, userSessionId)) {
            try {
                known.removeRows().invoke(session.getProvider(known.persisterType()), userSessionId, false);
                return;
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("cannot delete the impersonation session", e);
            }
        }
        UserSessionModel userSession = session.sessions().getUserSession(realm, userSessionId);
        // Null when an admin ended it already (or Keycloak expired it). The cap slot is not freed
        // here: it expired with the token and may already count a newer impersonation.
        if (userSession != null && ImpersonationExpiry.ended(userSession.getNote(SessionNotes.EXPIRES), nowSeconds)) {
            session.sessions().removeUserSession(realm, userSession);
        }
    }

    private static boolean cached(KeycloakSession session, Handles known, String userSessionId) {
        try {
            Object cache = known.getCache().invoke(session.getProvider(known.connectionsType()), SESSION_CACHE);
            return !(cache instanceof Map<?, ?> map) || map.containsKey(userSessionId);
        } catch (Throwable e) {
            return true;
        }
    }

    private static Handles handles(KeycloakSession session) {
        Handles known = handles;
        if (known != null) {
            return known;
        }
        Object store = session.sessions();
        if (store == null || !ImpersonationSessionWriter.PERSISTENT_PROVIDER.equals(store.getClass().getName())) {
            known = new Handles(null, null, null, null);
        } else {
            known = find(store.getClass().getClassLoader());
        }
        handles = known;
        return known;
    }

    private static Handles find(ClassLoader loader) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            @SuppressWarnings("unchecked")
            Class<? extends Provider> connections = (Class<? extends Provider>) Class.forName(CONNECTIONS, false, loader);
            @SuppressWarnings("unchecked")
            Class<? extends Provider> persister =
                    (Class<? extends Provider>) Class.forName(ImpersonationSessionWriter.PERSISTER, false, loader);
            Class<?> cache = connections.getMethod("getCache", String.class).getReturnType();
            return new Handles(connections, lookup.findVirtual(connections, "getCache", MethodType.methodType(cache, String.class)),
                    persister, lookup.findVirtual(persister, "removeUserSession", MethodType.methodType(void.class,
                            String.class, boolean.class)));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.infof("Keycloak's session classes are not as expected (%s): expired impersonation sessions are"
                    + " loaded before they are removed", e.getClass().getName());
            return new Handles(null, null, null, null);
        }
    }

    private record Handles(Class<? extends Provider> connectionsType, MethodHandle getCache,
                           Class<? extends Provider> persisterType, MethodHandle removeRows) {
    }
}
