package dev.vigil.exchange;

import dev.vigil.core.ratelimit.SingleUseObjectSlotStore;
import dev.vigil.core.ratelimit.SlotCounter;
import dev.vigil.core.ratelimit.SlotHints;
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
    /**
     * More ends due in one minute than this (about 1,600 grants a second) fall back to the idle timeout. It bounds
     * what a node reads of one minute, not what a grant costs: a grant claims its slot where this node's hint says.
     */
    static final int MAX_PER_BUCKET = 100_000;
    /** Sessions ended in one transaction. */
    static final int BATCH = 50;
    /**
     * Kept this long past the end for a node that sweeps late (a long pause, a slow database): every running
     * node reads a bucket within a second of its minute, so before most of its ends are due. Longer only costs
     * memory: at a few hundred grants a second every minute kept holds tens of thousands of entries (two hours
     * of them filled the heap; ten minutes still made every vigil round of the benchmark pay for GC cycles).
     */
    static final long KEEP_SECONDS = 120;
    static final String PREFIX = "vigil-impersonation-end:";
    /** Present while the store has lived since the index was last rebuilt; missing after a full restart. */
    static final String MARKER = PREFIX + "index-alive";
    static final long MARKER_SECONDS = 400L * 24 * 3600;

    private final KeycloakSessionFactory factory;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    /** The first bucket not yet read to its end; {@code Long.MIN_VALUE} before the first sweep. */
    private long cursor = Long.MIN_VALUE;
    /** What this node has read of the buckets it still reads. */
    private final Map<Long, ReadBucket> read = new HashMap<>();
    /** Where this node's next grant of each minute claims its slot. */
    private final SlotHints hints = new SlotHints((int) (2 * LOOKBACK_BUCKETS));
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
        index(session.singleUseObjects(), new Due(dueMillis(expiresSeconds), realm.getId(), userSessionId), clock.millis(), hints);
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

    /**
     * Claims the first free slot of the end's bucket and stores the end there; false if the bucket is full. Slots
     * fill from 0 upwards without holes (a reader stops at the first free one): a grant claims the slot after this
     * node's last one (one store call) or, when another node took it, the first free one above it (a few lookups).
     * Never a slot below the hint: on one node those are all taken, and the whole bucket has one lifespan.
     */
    static boolean index(SingleUseObjectProvider store, Due due, long nowMillis, SlotHints hints) {
        long lifespan = Math.max(1, Math.min(MARKER_SECONDS, (due.atMillis() - nowMillis) / 1000) + KEEP_SECONDS);
        String prefix = PREFIX + bucket(due.atMillis());
        int hint = hints.take(prefix, MAX_PER_BUCKET);
        int slot = new SlotCounter(new SingleUseObjectSlotStore(store)).claimFrom(prefix, hint, MAX_PER_BUCKET, lifespan);
        hints.landed(prefix, hint, slot);
        if (slot < 0) {
            LOG.warnf("More than %d impersonation ends due in one minute: session %s ends at the realm's idle timeout",
                    MAX_PER_BUCKET, due.userSessionId());
            return false;
        }
        store.put(prefix + ":" + slot + ":due", lifespan, due.toNotes());
        return true;
    }

    /**
     * What this node has read of one bucket. Each slot is read once: its end waits here until due; a slot
     * whose entry is not there yet (the grant's commit writes it after the claim) is read again each sweep.
     */
    static final class ReadBucket {
        private int next;
        private final List<Integer> unwritten = new ArrayList<>();
        private final List<Due> waiting = new ArrayList<>();

        void readOn(SingleUseObjectProvider store, long bucket) {
            for (Iterator<Integer> it = unwritten.iterator(); it.hasNext(); ) {
                Due entry = Due.fromNotes(store.get(slot(bucket, it.next()) + ":due"));
                if (entry != null) {
                    it.remove();
                    waiting.add(entry);
                }
            }
            for (; next < MAX_PER_BUCKET && store.contains(slot(bucket, next)); next++) {
                Due entry = Due.fromNotes(store.get(slot(bucket, next) + ":due"));
                if (entry == null) {
                    unwritten.add(next);
                } else {
                    waiting.add(entry);
                }
            }
        }

        void takeDue(long nowMillis, List<Due> due) {
            for (Iterator<Due> it = waiting.iterator(); it.hasNext(); ) {
                Due entry = it.next();
                if (entry.atMillis() <= nowMillis) {
                    it.remove();
                    due.add(entry);
                }
            }
        }
    }

    /**
     * The ends due at {@code nowMillis} in buckets {@code from} to {@code nowMillis}'s bucket that this node
     * has not taken before ({@code read} is its memory of each bucket).
     */
    static List<Due> takeDue(SingleUseObjectProvider store, long from, long nowMillis, Map<Long, ReadBucket> read) {
        List<Due> due = new ArrayList<>();
        for (long b = from; b <= bucket(nowMillis); b++) {
            ReadBucket bucket = read.computeIfAbsent(b, k -> new ReadBucket());
            bucket.readOn(store, b);
            bucket.takeDue(nowMillis, due);
        }
        return due;
    }

    /** Forgets the buckets before {@code cursor}: they are never read again. */
    static void forgetBefore(Map<Long, ReadBucket> read, long cursor) {
        read.keySet().removeIf(b -> b < cursor);
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
                List<Due> mine = new ArrayList<>();
                for (Due due : takeDue(store, cursor, now, read)) {
                    // One node ends each session; the claim outlives any two sweeps.
                    if (store.putIfAbsent(PREFIX + "ending:" + due.userSessionId(), 60)) {
                        mine.add(due);
                    }
                }
                end(mine);
                // Every end in an earlier bucket was due and has been taken.
                cursor = bucket(now);
                forgetBefore(read, cursor);
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
                    index(store, new Due(Math.max(dueMillis(Long.parseLong(expires)), now), realm.getId(), s.getId()), now, hints);
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

    /** Ends {@code dues} in transactions of up to {@link #BATCH} sessions; a batch that fails is retried one by one. */
    private void end(List<Due> dues) {
        for (int from = 0; from < dues.size(); from += BATCH) {
            List<Due> batch = dues.subList(from, Math.min(dues.size(), from + BATCH));
            try {
                KeycloakModelUtils.runJobInTransaction(factory, session -> end(session, batch));
            } catch (RuntimeException e) {
                for (Due due : batch) {
                    try {
                        KeycloakModelUtils.runJobInTransaction(factory, session -> end(session, List.of(due)));
                    } catch (RuntimeException again) {
                        LOG.warnf("Could not end an expired impersonation session in realm %s: %s", due.realmId(),
                                again.getClass().getName());
                    }
                }
            }
        }
    }

    private void end(KeycloakSession session, List<Due> dues) {
        Map<String, List<String>> byRealm = new HashMap<>();
        for (Due due : dues) {
            byRealm.computeIfAbsent(due.realmId(), k -> new ArrayList<>()).add(due.userSessionId());
        }
        byRealm.forEach((realmId, userSessionIds) -> {
            RealmModel realm = session.realms().getRealm(realmId);
            if (realm != null) {
                session.getContext().setRealm(realm);
                ExpiredSessionRemover.removeIfEnded(session, realm, userSessionIds, clock.instant().getEpochSecond());
            }
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
