package dev.vigil.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.models.SingleUseObjectProvider;
import org.junit.jupiter.api.Test;

class ImpersonationExpiryTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-23T12:00:00.250Z"), ZoneOffset.UTC);

    @Test
    void theSessionIsDueJustAfterItsTokenExpires() {
        long expires = NOW.instant().getEpochSecond() + 60;
        assertThat(ImpersonationExpiry.dueMillis(expires)).isEqualTo(expires * 1000 + ImpersonationExpiry.MARGIN_MILLIS);
    }

    @Test
    void aDamagedExpiryFarInTheFutureIsNeverDueAtOnce() {
        // Found by ImpersonationFuzzTest: expires * 1000 overflowed into the past.
        assertThat(ImpersonationExpiry.dueMillis(9_223_372_036_854_775L)).isEqualTo(Long.MAX_VALUE);
        assertThat(ImpersonationExpiry.dueMillis(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    }

    /** Keycloak's single-use store as one map: what every node reads. */
    static final class Store implements SingleUseObjectProvider {
        final Map<String, Map<String, String>> entries = new HashMap<>();
        final Map<String, Long> lifespans = new HashMap<>();

        @Override
        public void put(String key, long lifespanSeconds, Map<String, String> notes) {
            entries.put(key, notes);
            lifespans.put(key, lifespanSeconds);
        }

        @Override
        public Map<String, String> get(String key) {
            return entries.get(key);
        }

        @Override
        public Map<String, String> remove(String key) {
            return entries.remove(key);
        }

        @Override
        public boolean replace(String key, Map<String, String> notes) {
            return entries.replace(key, notes) != null;
        }

        @Override
        public boolean putIfAbsent(String key, long lifespanSeconds) {
            lifespans.putIfAbsent(key, lifespanSeconds);
            return entries.putIfAbsent(key, Map.of()) == null;
        }

        @Override
        public boolean contains(String key) {
            return entries.containsKey(key);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void anyNodeTakesTheDueEndsOnceFromTheSharedIndex() {
        Store store = new Store();
        long now = NOW.millis();
        ImpersonationExpiry.Due soon = new ImpersonationExpiry.Due(now + 60_000, "r", "soon");
        ImpersonationExpiry.Due sameMinute = new ImpersonationExpiry.Due(now + 61_000, "r", "same-minute");
        ImpersonationExpiry.Due hour = new ImpersonationExpiry.Due(now + 3_600_000, "r", "in-an-hour");
        for (ImpersonationExpiry.Due due : List.of(soon, sameMinute, hour)) {
            assertThat(ImpersonationExpiry.index(store, due, now)).isTrue();
        }
        assertThat(store.entries).containsKeys(ImpersonationExpiry.slot(ImpersonationExpiry.bucket(now + 60_000), 0),
                ImpersonationExpiry.slot(ImpersonationExpiry.bucket(now + 60_000), 1));
        assertThat(store.lifespans.get(ImpersonationExpiry.slot(ImpersonationExpiry.bucket(now + 3_600_000), 0)))
                .as("kept two hours past its end").isEqualTo(3600 + ImpersonationExpiry.KEEP_SECONDS);

        // Another node that started long before reads from its own cursor.
        Map<String, Long> handled = new HashMap<>();
        long from = ImpersonationExpiry.bucket(now) - ImpersonationExpiry.LOOKBACK_BUCKETS;
        assertThat(ImpersonationExpiry.takeDue(store, from, now + 59_999, handled)).isEmpty();
        assertThat(ImpersonationExpiry.takeDue(store, from, now + 60_000, handled)).containsExactly(soon);
        assertThat(ImpersonationExpiry.takeDue(store, from, now + 61_000, handled)).as("each once").containsExactly(sameMinute);
        assertThat(ImpersonationExpiry.takeDue(store, from, now + 7_200_000, handled)).containsExactly(hour);
        assertThat(ImpersonationExpiry.takeDue(store, from, now + 7_200_000, handled)).isEmpty();

        // A node that starts after the granting one died reads back an hour and still finds all three.
        Map<String, Long> fresh = new HashMap<>();
        long late = now + 3_600_000;
        assertThat(ImpersonationExpiry.takeDue(store, ImpersonationExpiry.bucket(late) - ImpersonationExpiry.LOOKBACK_BUCKETS,
                late, fresh)).containsExactly(soon, sameMinute, hour);
        ImpersonationExpiry.forgetBefore(fresh, ImpersonationExpiry.bucket(late));
        assertThat(fresh).containsOnlyKeys("in-an-hour");
    }

    @Test
    void aClaimedSlotWithoutItsEntryIsSkipped() {
        // A grant that rolled back after claiming its slot: the claim is immediate, the entry is written at commit.
        Store store = new Store();
        long now = NOW.millis();
        long bucket = ImpersonationExpiry.bucket(now + 60_000);
        store.putIfAbsent(ImpersonationExpiry.slot(bucket, 0), 60);
        ImpersonationExpiry.Due due = new ImpersonationExpiry.Due(now + 60_000, "r", "committed");
        ImpersonationExpiry.index(store, due, now);
        store.putIfAbsent(ImpersonationExpiry.slot(bucket, 2), 60);
        store.put(ImpersonationExpiry.slot(bucket, 2) + ":due", 60, Map.of("at", "soon", "realm", "r", "session", "x"));
        assertThat(ImpersonationExpiry.takeDue(store, bucket, now + 120_000, new HashMap<>())).containsExactly(due);
        assertThat(ImpersonationExpiry.Due.fromNotes(due.toNotes())).isEqualTo(due);
        assertThat(ImpersonationExpiry.Due.fromNotes(Map.of("at", "1"))).isNull();
    }

    @Test
    void onlyAnImpersonationWhoseExpiryHasPassedIsEnded() {
        long now = NOW.instant().getEpochSecond();
        assertThat(ImpersonationExpiry.ended(Long.toString(now - 1), now)).isTrue();
        assertThat(ImpersonationExpiry.ended(Long.toString(now), now)).isTrue();
        assertThat(ImpersonationExpiry.ended(Long.toString(now + 1), now)).isFalse();
        assertThat(ImpersonationExpiry.ended(null, now)).as("no Vigil impersonation").isFalse();
        assertThat(ImpersonationExpiry.ended("soon", now)).isFalse();
    }
}
