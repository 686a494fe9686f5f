package dev.vigil.exchange;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.provider.Provider;

/**
 * Removes impersonation sessions once their tokens have expired. The usual session was never read after its
 * grant: it exists only as its two database rows (the grant writes them itself, see
 * {@link ImpersonationSessionWriter}), so they are deleted with two statements each, Keycloak's own deletes by
 * session id ({@code deleteClientSessionsByUserSession}, {@code deleteUserSessions} with one id), without loading
 * anything. Keycloak's removal of one session locks each row by its composite key first, which H2 answers by
 * scanning the table (a few milliseconds per session at benchmark volumes). A delete of 50 ids in one
 * {@code IN} list was no better on H2 (JFR: it tested its condition row by row); one id per statement is
 * answered from the primary key. A session some node has read (userinfo, introspection, the admin console) is
 * in the cluster's session cache and takes Keycloak's full removal, so no node keeps a copy. Only with Keycloak's
 * own persistent session store on its JPA database; otherwise, or where Keycloak's classes are not as expected,
 * each unread session goes through the persister's removal, or every session through Keycloak's full removal.
 */
final class ExpiredSessionRemover {

    private static final Logger LOG = Logger.getLogger(ExpiredSessionRemover.class);
    private static final String CONNECTIONS = "org.keycloak.connections.infinispan.InfinispanConnectionProvider";
    /** Keycloak's cache of online user sessions ({@code InfinispanConnectionProvider.USER_SESSION_CACHE_NAME}). */
    private static final String SESSION_CACHE = "sessions";
    private static final String JPA_CONNECTIONS = "org.keycloak.connections.jpa.JpaConnectionProvider";
    private static final String ENTITY_MANAGER = "jakarta.persistence.EntityManager";
    private static final String QUERY = "jakarta.persistence.Query";
    private static volatile Handles handles;

    private ExpiredSessionRemover() {
    }

    /**
     * Removes the sessions of ends that have come due in Vigil's index. The rows of unread sessions go at once
     * (only Vigil writes that index, each end after its token's expiry); a cached session is removed only if its
     * own expiry note has passed by {@code nowSeconds}.
     */
    static void removeIfEnded(KeycloakSession session, RealmModel realm, Collection<String> userSessionIds, long nowSeconds) {
        Handles known = handles(session);
        Map<?, ?> sessionCache = known.removeRows() == null ? null : sessionCache(session, known);
        List<String> unread = new ArrayList<>();
        for (String userSessionId : userSessionIds) {
            if (sessionCache != null && !sessionCache.containsKey(userSessionId)) {
                unread.add(userSessionId);
            } else {
                removeLoaded(session, realm, userSessionId, nowSeconds);
            }
        }
        if (!unread.isEmpty()) {
            deleteRows(session, known, unread);
        }
    }

    private static void removeLoaded(KeycloakSession session, RealmModel realm, String userSessionId, long nowSeconds) {
        UserSessionModel userSession = session.sessions().getUserSession(realm, userSessionId);
        // Null when an admin ended it already (or Keycloak expired it). The cap slot is not freed
        // here: it expired with the token and may already count a newer impersonation.
        if (userSession != null && ImpersonationExpiry.ended(userSession.getNote(SessionNotes.EXPIRES), nowSeconds)) {
            session.sessions().removeUserSession(realm, userSession);
        }
    }

    private static void deleteRows(KeycloakSession session, Handles known, List<String> userSessionIds) {
        try {
            Provider persister = session.getProvider(known.persisterType());
            if (known.entityManager() != null && NewClientSession.JPA_PERSISTER.equals(persister.getClass().getName())) {
                Object entityManager = known.entityManager().invoke(session.getProvider(known.jpaType()));
                for (String userSessionId : userSessionIds) {
                    delete(known, entityManager, "deleteClientSessionsByUserSession", "userSessionId", userSessionId);
                    delete(known, entityManager, "deleteUserSessions", "userSessionIds", List.of(userSessionId));
                }
                return;
            }
            for (String userSessionId : userSessionIds) {
                known.removeRows().invoke(persister, userSessionId, false);
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot delete the impersonation sessions", e);
        }
    }

    private static void delete(Handles known, Object entityManager, String namedQuery, String idParameter, Object id)
            throws Throwable {
        Object query = known.createNamedQuery().invoke(entityManager, namedQuery);
        known.setParameter().invoke(query, idParameter, id);
        known.setParameter().invoke(query, "offline", NewClientSession.ONLINE);
        known.executeUpdate().invoke(query);
    }

    /** Keycloak's cache of online user sessions, or null when it cannot be read (then every session counts as cached). */
    private static Map<?, ?> sessionCache(KeycloakSession session, Handles known) {
        try {
            Object cache = known.getCache().invoke(session.getProvider(known.connectionsType()), SESSION_CACHE);
            return cache instanceof Map<?, ?> map ? map : null;
        } catch (Throwable e) {
            return null;
        }
    }

    private static Handles handles(KeycloakSession session) {
        Handles known = handles;
        if (known != null) {
            return known;
        }
        Object store = session.sessions();
        if (store == null || !ImpersonationSessionWriter.PERSISTENT_PROVIDER.equals(store.getClass().getName())) {
            known = Handles.NONE;
        } else {
            known = find(store.getClass().getClassLoader());
            if (known.removeRows() != null && known.entityManager() == null) {
                LOG.infof("Expired impersonation sessions are deleted one at a time (no JPA session store found)");
            }
        }
        handles = known;
        return known;
    }

    @SuppressWarnings("unchecked")
    private static Handles find(ClassLoader loader) {
        Handles rows;
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<? extends Provider> connections = (Class<? extends Provider>) Class.forName(CONNECTIONS, false, loader);
            Class<? extends Provider> persister =
                    (Class<? extends Provider>) Class.forName(ImpersonationSessionWriter.PERSISTER, false, loader);
            Class<?> cache = connections.getMethod("getCache", String.class).getReturnType();
            rows = new Handles(connections, lookup.findVirtual(connections, "getCache", MethodType.methodType(cache, String.class)),
                    persister, lookup.findVirtual(persister, "removeUserSession", MethodType.methodType(void.class,
                            String.class, boolean.class)), null, null, null, null, null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.infof("Keycloak's session classes are not as expected (%s): expired impersonation sessions are"
                    + " loaded before they are removed", e.getClass().getName());
            return Handles.NONE;
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<? extends Provider> jpa = (Class<? extends Provider>) Class.forName(JPA_CONNECTIONS, false, loader);
            Class<?> entityManager = Class.forName(ENTITY_MANAGER, false, loader);
            Class<?> query = Class.forName(QUERY, false, loader);
            return new Handles(rows.connectionsType(), rows.getCache(), rows.persisterType(), rows.removeRows(), jpa,
                    lookup.findVirtual(jpa, "getEntityManager", MethodType.methodType(entityManager)),
                    lookup.findVirtual(entityManager, "createNamedQuery", MethodType.methodType(query, String.class)),
                    lookup.findVirtual(query, "setParameter", MethodType.methodType(query, String.class, Object.class)),
                    lookup.findVirtual(query, "executeUpdate", MethodType.methodType(int.class)));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return rows;
        }
    }

    private record Handles(Class<? extends Provider> connectionsType, MethodHandle getCache,
                           Class<? extends Provider> persisterType, MethodHandle removeRows,
                           Class<? extends Provider> jpaType, MethodHandle entityManager, MethodHandle createNamedQuery,
                           MethodHandle setParameter, MethodHandle executeUpdate) {
        static final Handles NONE = new Handles(null, null, null, null, null, null, null, null, null);
    }
}
