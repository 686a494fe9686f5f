package dev.vigil.exchange;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.storage.StorageId;

/**
 * Tells Keycloak's JPA session persister that the client session about to be inserted has no row yet, so
 * that it inserts at once instead of first looking the row up by its five-column key. The lookup cannot find
 * anything (the user session was created in this very request), yet on H2 it scans every client session of
 * the realm: Hibernate compares the key as one row value, which H2 answers without its index. The persister
 * keeps such a set of known-absent keys for its own use ({@code clientSessionNotInDatabaseCache}); this puts
 * the new key there. Where Keycloak's classes are not as expected it does nothing, and the lookup runs as
 * before: slower, never wrong.
 */
final class NewClientSession {

    private static final Logger LOG = Logger.getLogger(NewClientSession.class);
    static final String JPA_PERSISTER = "org.keycloak.models.jpa.session.JpaUserSessionPersisterProvider";
    private static final String KEY = "org.keycloak.models.jpa.session.PersistentClientSessionEntity$Key";
    /** Keycloak's encoding of "online" in the key ({@code JpaSessionUtil.offlineToString(false)}). */
    static final String ONLINE = "0";
    private static volatile Handles handles;

    private NewClientSession() {
    }

    static void tell(Object persister, AuthenticatedClientSessionModel clientSession) {
        StorageId client = new StorageId(clientSession.getClient().getId());
        if (!client.isLocal()) {
            return;
        }
        Handles known = handles;
        if (known == null) {
            known = find(persister.getClass());
            handles = known;
        }
        if (known.absentKeys() == null || !known.persister().isInstance(persister)) {
            return;
        }
        try {
            @SuppressWarnings("unchecked")
            Set<Object> absent = (Set<Object>) known.absentKeys().invoke(persister);
            absent.add(known.key().invoke(clientSession.getUserSession().getId(), client.getId(), "local", "local", ONLINE));
        } catch (Throwable e) {
            // The lookup then runs as before.
            LOG.debugf("Could not mark the new client session as absent: %s", e.getClass().getName());
        }
    }

    private static Handles find(Class<?> persister) {
        try {
            if (!JPA_PERSISTER.equals(persister.getName())) {
                return new Handles(null, null, null);
            }
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(persister, MethodHandles.lookup());
            Class<?> key = Class.forName(KEY, false, persister.getClassLoader());
            return new Handles(persister, lookup.findGetter(persister, "clientSessionNotInDatabaseCache", Set.class),
                    MethodHandles.publicLookup().findConstructor(key, MethodType.methodType(void.class, String.class,
                            String.class, String.class, String.class, String.class)));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.infof("Keycloak's session persister is not as expected (%s): each impersonation's client session is"
                    + " looked up before it is inserted", e.getClass().getName());
            return new Handles(null, null, null);
        }
    }

    private record Handles(Class<?> persister, MethodHandle absentKeys, MethodHandle key) {
    }
}
