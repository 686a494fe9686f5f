package dev.vigil.exchange;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Ends an impersonation's user session when its token expires. Keycloak has no lifespan per user
 * session: left alone, the session (and its database rows) would stay until the realm's SSO idle
 * timeout, long after its only token is dead. The removal is queued on the node that granted the
 * impersonation, after the grant commits; if that node stops first, Keycloak's idle timeout still ends it.
 * Once a second the queue's head is compared with Keycloak's time (the {@code clock}), so a moved
 * Keycloak time offset ends sessions as the wall clock would.
 */
final class ImpersonationExpiry implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ImpersonationExpiry.class);
    /** Past the token's expiry, so the session never ends while its token is still accepted. */
    static final long MARGIN_MILLIS = 1_000;

    private final KeycloakSessionFactory factory;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final PriorityBlockingQueue<Due> queue = new PriorityBlockingQueue<>(16, Comparator.comparingLong(Due::atMillis));

    /** A session to end at {@code atMillis} of Keycloak's time. */
    record Due(long atMillis, String realmId, String userSessionId) {
    }

    ImpersonationExpiry(KeycloakSessionFactory factory, Clock clock) {
        this.factory = factory;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "vigil-impersonation-expiry");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    /** After {@code session} commits, schedules the end of {@code userSessionId} at {@code expiresSeconds}. */
    void endAtExpiry(KeycloakSession session, RealmModel realm, String userSessionId, long expiresSeconds) {
        String realmId = realm.getId();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                queue.add(new Due(dueMillis(expiresSeconds), realmId, userSessionId));
            }

            @Override
            protected void rollbackImpl() {
            }
        });
    }

    /** Saturates instead of overflowing, so a damaged expiry note can never make an end due at once. */
    static long dueMillis(long expiresSeconds) {
        if (expiresSeconds > (Long.MAX_VALUE - MARGIN_MILLIS) / 1000) {
            return Long.MAX_VALUE;
        }
        return expiresSeconds * 1000 + MARGIN_MILLIS;
    }

    /** Takes the entries that are due at {@code nowMillis}, earliest first. */
    static List<Due> takeDue(PriorityBlockingQueue<Due> queue, long nowMillis) {
        List<Due> due = new ArrayList<>();
        for (Due head = queue.peek(); head != null && head.atMillis() <= nowMillis; head = queue.peek()) {
            Due taken = queue.poll();
            if (taken != null) {
                due.add(taken);
            }
        }
        return due;
    }

    private void sweep() {
        for (Due due : takeDue(queue, clock.millis())) {
            end(due.realmId(), due.userSessionId());
        }
    }

    /** Only a Vigil impersonation whose expiry has passed: never a session that merely reuses the id. */
    static boolean ended(String expiresNote, long nowSeconds) {
        if (expiresNote == null) {
            return false;
        }
        try {
            return Long.parseLong(expiresNote) <= nowSeconds;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void end(String realmId, String userSessionId) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                RealmModel realm = session.realms().getRealm(realmId);
                if (realm == null) {
                    return;
                }
                session.getContext().setRealm(realm);
                UserSessionModel userSession = session.sessions().getUserSession(realm, userSessionId);
                // Null when an admin ended it already (or Keycloak expired it). The cap slot is not freed
                // here: it expired with the token and may already count a newer impersonation.
                if (userSession != null && ended(userSession.getNote(SessionNotes.EXPIRES), clock.instant().getEpochSecond())) {
                    session.sessions().removeUserSession(realm, userSession);
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("Could not end an expired impersonation session in realm %s: %s", realmId, e.getClass().getName());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
