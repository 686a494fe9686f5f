package dev.vigil.exchange;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.jboss.logging.Logger;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.UserSessionModel.SessionPersistenceState;
import org.keycloak.provider.Provider;
import org.keycloak.services.managers.UserSessionManager;

/**
 * Creates an impersonation's user session and writes it to the database in the request's own
 * transaction. With persistent user sessions (Keycloak's default) Keycloak writes a new session at
 * commit in a second transaction of its own (a new Keycloak session, a lookup of the user session and
 * of the client session by key, two inserts) and puts both into the session caches: most of what an
 * impersonation cost more than a standard exchange. An impersonation session is read rarely (userinfo,
 * introspection, the live list, the kill switch, its end), so Vigil inserts its two rows itself through
 * Keycloak's session persister, in the transaction that commits before the token is returned, and
 * leaves the caches alone: whichever node reads the session first loads it from the database, as
 * Keycloak does for any session that is not in its caches.
 *
 * <p>How: the session is created {@code TRANSIENT} (Keycloak neither caches nor writes it), marked
 * persistent before the token is built (so the token names an online session, which userinfo and
 * introspection look up), and its rows are inserted after the token is built (every note set). Only
 * with Keycloak's own persistent session store ({@value #PERSISTENT_PROVIDER}); any other store (volatile
 * sessions, an external Infinispan) gets Keycloak's usual path, as before.
 */
final class ImpersonationSessionWriter {

    private static final Logger LOG = Logger.getLogger(ImpersonationSessionWriter.class);
    static final String PERSISTENT_PROVIDER = "org.keycloak.models.sessions.infinispan.PersistentUserSessionProvider";
    private static final String ADAPTER = "org.keycloak.models.sessions.infinispan.UserSessionAdapter";
    /** Keycloak's session persister SPI (in {@code keycloak-model-storage-private}, not compiled against). */
    static final String PERSISTER = "org.keycloak.models.session.UserSessionPersisterProvider";
    private static volatile Handles handles;
    private static volatile boolean otherStoreLogged;

    private final KeycloakSession session;

    ImpersonationSessionWriter(KeycloakSession session) {
        this.session = session;
    }

    /** The user session of one impersonation; {@code lean} when Vigil writes its rows itself. */
    record Opened(UserSessionModel userSession, boolean lean) {
    }

    Opened open(RealmModel realm, UserModel target, String ipAddress) {
        MethodHandle persistenceSetter = persistenceSetter();
        boolean lean = persistenceSetter != null;
        UserSessionModel userSession = new UserSessionManager(session).createUserSession(null, realm, target,
                target.getUsername(), ipAddress, "impersonate", false, null, null,
                lean ? SessionPersistenceState.TRANSIENT : SessionPersistenceState.PERSISTENT);
        return new Opened(userSession, lean);
    }

    /**
     * Before the token is built: the session counts as persistent from here on (the token's id says
     * "online session"), while Keycloak keeps treating its pending changes as transient.
     */
    void beforeToken(Opened opened) {
        if (!opened.lean()) {
            return;
        }
        try {
            // Lean only when open() found the handles: no second look at the session store.
            handles.setPersistenceState().invoke(opened.userSession(), SessionPersistenceState.PERSISTENT);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot mark the impersonation session persistent", e);
        }
    }

    /** After the token is built: inserts the user session and its client session in this transaction. */
    void afterToken(Opened opened, AuthenticatedClientSessionModel clientSession) {
        if (!opened.lean()) {
            return;
        }
        Handles known = handles;
        Provider persister = session.getProvider(known.persisterType());
        try {
            known.createUserSession().invoke(persister, opened.userSession(), false);
            NewClientSession.tell(persister, clientSession);
            known.createClientSession().invoke(persister, clientSession, false);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot write the impersonation session", e);
        }
    }

    /** Keycloak's session adapter's persistence setter, or null where another session store runs. */
    private MethodHandle persistenceSetter() {
        Object provider = session.sessions();
        String store = provider == null ? "none" : provider.getClass().getName();
        if (!PERSISTENT_PROVIDER.equals(store)) {
            if (!otherStoreLogged) {
                otherStoreLogged = true;
                LOG.infof("Impersonation sessions are written by Keycloak's usual path (session store %s)", store);
            }
            return null;
        }
        Handles known = handles;
        if (known == null) {
            known = find(provider.getClass().getClassLoader());
            handles = known;
            if (known.setPersistenceState() != null) {
                LOG.info("Impersonation sessions are written in the request's transaction (persistent user sessions)");
            }
        }
        return known.setPersistenceState();
    }

    /**
     * Keycloak's classes this needs, found once: the session adapter's setter and the persister's two
     * inserts (in {@code keycloak-model-storage-private}, which Vigil does not compile against).
     */
    private static Handles find(ClassLoader loader) {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> adapter = Class.forName(ADAPTER, false, loader);
            @SuppressWarnings("unchecked")
            Class<? extends Provider> persister = (Class<? extends Provider>) Class.forName(PERSISTER, false, loader);
            return new Handles(
                    lookup.findVirtual(adapter, "setPersistenceState", MethodType.methodType(void.class, SessionPersistenceState.class)),
                    persister,
                    lookup.findVirtual(persister, "createUserSession", MethodType.methodType(void.class, UserSessionModel.class,
                            boolean.class)),
                    lookup.findVirtual(persister, "createClientSession", MethodType.methodType(void.class,
                            AuthenticatedClientSessionModel.class, boolean.class)));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("Keycloak's session classes are not as expected (%s): impersonation sessions are written by"
                    + " Keycloak's usual path", e.getClass().getName());
            return new Handles(null, null, null, null);
        }
    }

    private record Handles(MethodHandle setPersistenceState, Class<? extends Provider> persisterType,
                           MethodHandle createUserSession, MethodHandle createClientSession) {
    }
}
