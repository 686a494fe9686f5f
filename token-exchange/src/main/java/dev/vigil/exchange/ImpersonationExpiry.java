package dev.vigil.exchange;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.keycloak.models.ImpersonationSessionNote;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Ends an impersonation's user session when its token expires, on whichever node is still running.
 * Keycloak has no lifespan per user session: left alone, the session (and its database rows) would stay
 * until the realm's SSO idle timeout, long after its only token is dead.
 *
 * <p>The grant writes the end into an index in Keycloak's cluster-wide single-use store, one bucket per
 * minute of Keycloak's time ({@code vigil-impersonation-end:<minute>:<i>}, slots claimed with the atomic
 * {@code putIfAbsent}). Every node reads the buckets up to the current minute once a second and ends what is
 * due, so a dead granting node loses nothing: the store keeps each entry on two nodes. One node ends each
 * session (an atomic claim per session). A node that starts reads back the buckets of the longest
 * impersonation's lifetime. A full restart of the cluster empties the store; the first node that finds the
 * store's marker missing re-reads every impersonation from the user sessions themselves (persisted in the
 * database) and indexes them again. Times are Keycloak's ({@code clock}, offset included).
 */
final class ImpersonationExpiry implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ImpersonationExpiry.class);
    /** Past the token's expiry, so the session never ends while its token is still accepted. */
    static final long MARGIN_MILLIS = 1_000;
    static final long BUCKET_MILLIS = 60_000;
    /** Buckets a starting node reads back: an impersonation lives at most an hour. */
    static final long LOOKBACK_BUCKETS = ImpersonationSettings.HARD_MAX_LIFETIME_SECONDS * 1000L / BUCKET_MILLIS + 2;
    /** More ends due in one minute than this are beyond any sensible use; they fall back to the idle timeout. */
    static final int MAX_PER_BUCKET = 10_000;
    /** Kept past the end, so a node that starts late still finds the entry. */
    static final long KEEP_SECONDS = 2 * 3600;
    static final String PREFIX = "vigil-impersonation-end:";
    /** Present while the store has lived since the index was last rebuilt; missing after a full restart. */
    static final String MARKER = PREFIX + "index-alive";
    static final long MARKER_SECONDS = 400L * 24 * 3600;

    private final KeycloakSessionFactory factory;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    /** The first bucket not yet read to its end; {@code Long.MIN_VALUE} before the first sweep. */
    private long cursor = Long.MIN_VALUE;
    /** Sessions this node has handled in the buckets it still reads, with their bucket. */
    private final Map<String, Long> handled = new HashMap<>();
    /** Failed sweeps in a row: the first one is logged with its stack trace, then one line a minute. */
    private int failures;

    /** A session to end at {@code atMillis} of Keycloak's time. */
    record Due(long atMillis, String realmId, String userSessionId) {

        Map<String, String> toNotes() {
            return Map.of("at", Long.toString(atMillis), "realm", realmId, "session", userSessionId);
        }

        /** Null for anything that is not a whole entry. */
        static Due fromNotes(Map<String, String> notes) {
            if (notes == null || notes.get("realm") == null || notes.get("session") == null) {
                return null;
            }
            try {
                return new Due(Long.parseLong(notes.get("at")), notes.get("realm"), notes.get("session"));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    ImpersonationExpiry(KeycloakSessionFactory factory, Clock clock) {
        this.factory = factory;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "vigil-impersonation-expiry");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts the sweeps once Keycloak is up (its caches exist only then); called once. */
    void start() {
        timer.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.SECONDS);
    }

    /** Indexes the end of {@code userSessionId} at {@code expiresSeconds}; the entry's data is written at commit. */
    void endAtExpiry(KeycloakSession session, RealmModel realm, String userSessionId, long expiresSeconds) {
        index(session.singleUseObjects(), new Due(dueMillis(expiresSeconds), realm.getId(), userSessionId), clock.millis());
    }

    /** Saturates instead of overflowing, so a damaged expiry note can never make an end due at once. */
    static long dueMillis(long expiresSeconds) {
        if (expiresSeconds > (Long.MAX_VALUE - MARGIN_MILLIS) / 1000) {
            return Long.MAX_VALUE;
        }
        return expiresSeconds * 1000 + MARGIN_MILLIS;
    }

    static long bucket(long millis) {
        return Math.floorDiv(millis, BUCKET_MILLIS);
    }

    static String slot(long bucket, int i) {
        return PREFIX + bucket + ":" + i;
    }

    /** Claims the first free slot of the end's bucket and stores the end there. False if the bucket is full. */
    static boolean index(SingleUseObjectProvider store, Due due, long nowMillis) {
        long lifespan = Math.max(1, Math.min(MARKER_SECONDS, (due.atMillis() - nowMillis) / 1000) + KEEP_SECONDS);
        long bucket = bucket(due.atMillis());
        for (int i = 0; i < MAX_PER_BUCKET; i++) {
            String slot = slot(bucket, i);
            if (store.putIfAbsent(slot, lifespan)) {
                store.put(slot + ":due", lifespan, due.toNotes());
                return true;
            }
        }
        LOG.warnf("More than %d impersonation ends due in one minute: session %s ends at the realm's idle timeout",
                MAX_PER_BUCKET, due.userSessionId());
        return false;
    }

    /**
     * The ends due at {@code nowMillis} in buckets {@code from} to {@code nowMillis}'s bucket that are not in
     * {@code handled}; every one returned is added to {@code handled}.
     */
    static List<Due> takeDue(SingleUseObjectProvider store, long from, long nowMillis, Map<String, Long> handled) {
        List<Due> due = new ArrayList<>();
        for (long b = from; b <= bucket(nowMillis); b++) {
            for (int i = 0; i < MAX_PER_BUCKET; i++) {
                String slot = slot(b, i);
                if (!store.contains(slot)) {
                    break;
                }
                Due entry = Due.fromNotes(store.get(slot + ":due"));
                if (entry != null && entry.atMillis() <= nowMillis && !handled.containsKey(entry.userSessionId())) {
                    handled.put(entry.userSessionId(), b);
                    due.add(entry);
                }
            }
        }
        return due;
    }

    /** Forgets what lies in buckets before {@code cursor}: they are never read again. */
    static void forgetBefore(Map<String, Long> handled, long cursor) {
        for (Iterator<Long> it = handled.values().iterator(); it.hasNext(); ) {
            if (it.next() < cursor) {
                it.remove();
            }
        }
    }

    private void sweep() {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                SingleUseObjectProvider store = session.singleUseObjects();
                long now = clock.millis();
                if (cursor == Long.MIN_VALUE) {
                    if (!store.contains(MARKER)) {
                        rebuild(session, store, now);
                    }
                    cursor = bucket(now) - LOOKBACK_BUCKETS;
                }
                for (Due due : takeDue(store, cursor, now, handled)) {
                    // One node ends each session; the claim outlives any two sweeps.
                    if (store.putIfAbsent(PREFIX + "ending:" + due.userSessionId(), 60)) {
                        end(due.realmId(), due.userSessionId());
                    }
                }
                // Every end in an earlier bucket was due and has been taken.
                cursor = bucket(now);
                forgetBefore(handled, cursor);
            });
            failures = 0;
        } catch (RuntimeException e) {
            // Keycloak's own exceptions here carry ids at most, never a token or a secret.
            if (failures == 0) {
                LOG.warn("Could not read the impersonation ends (tried again every second)", e);
            } else if (failures % 60 == 0) {
                LOG.warnf("Could not read the impersonation ends, %d times in a row: %s", failures, e);
            }
            failures++;
        }
    }

    /** After a full restart: every impersonation session still in the database goes back into the index. */
    private void rebuild(KeycloakSession session, SingleUseObjectProvider store, long now) {
        int indexed = 0;
        for (RealmModel realm : session.realms().getRealmsStream().toList()) {
            session.getContext().setRealm(realm);
            for (UserSessionModel s : ActiveImpersonations.sessions(session, realm)) {
                String expires = s.getNote(SessionNotes.EXPIRES);
                if (expires == null || s.getNote(ImpersonationSessionNote.IMPERSONATOR_ID.toString()) == null) {
                    continue;
                }
                try {
                    index(store, new Due(Math.max(dueMillis(Long.parseLong(expires)), now), realm.getId(), s.getId()), now);
                    indexed++;
                } catch (NumberFormatException e) {
                    // not one of ours
                }
            }
        }
        store.putIfAbsent(MARKER, MARKER_SECONDS);
        LOG.infof("Impersonation ends indexed again from the stored user sessions: %d", indexed);
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
