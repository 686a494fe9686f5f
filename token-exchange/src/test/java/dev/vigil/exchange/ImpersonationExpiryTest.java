package dev.vigil.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.ratelimit.SlotHints;
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
    static class Store implements SingleUseObjectProvider {
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
            assertThat(ImpersonationExpiry.index(store, due, now, new SlotHints(10))).isTrue();
        }
        assertThat(store.entries).containsKeys(ImpersonationExpiry.slot(ImpersonationExpiry.bucket(now + 60_000), 0),
                ImpersonationExpiry.slot(ImpersonationExpiry.bucket(now + 60_000), 1));
        assertThat(store.lifespans.get(ImpersonationExpiry.slot(ImpersonationExpiry.bucket(now + 3_600_000), 0)))
                .as("kept two minutes past its end").isEqualTo(3600 + ImpersonationExpiry.KEEP_SECONDS);

        // Another node that started long before reads from its own cursor.
        Map<Long, ImpersonationExpiry.ReadBucket> read = new HashMap<>();
        long from = ImpersonationExpiry.bucket(now) - ImpersonationExpiry.LOOKBACK_BUCKETS;
        assertThat(ImpersonationExpiry.takeDue(store, from, now + 59_999, read)).isEmpty();
        assertThat(ImpersonationExpiry.takeDue(store, from, now + 60_000, read)).containsExactly(soon);
        assertThat(ImpersonationExpiry.takeDue(store, from, now + 61_000, read)).as("each once").containsExactly(sameMinute);
        assertThat(ImpersonationExpiry.takeDue(store, from, now + 7_200_000, read)).containsExactly(hour);
        assertThat(ImpersonationExpiry.takeDue(store, from, now + 7_200_000, read)).isEmpty();

        // A node that starts after the granting one died reads back an hour and still finds all three.
        Map<Long, ImpersonationExpiry.ReadBucket> fresh = new HashMap<>();
        long late = now + 3_600_000;
        assertThat(ImpersonationExpiry.takeDue(store, ImpersonationExpiry.bucket(late) - ImpersonationExpiry.LOOKBACK_BUCKETS,
                late, fresh)).containsExactly(soon, sameMinute, hour);
        ImpersonationExpiry.forgetBefore(fresh, ImpersonationExpiry.bucket(late));
        assertThat(fresh).containsOnlyKeys(ImpersonationExpiry.bucket(late));
    }

    @Test
    void aClaimedSlotWithoutItsEntryIsSkipped() {
        // A grant that rolled back after claiming its slot: the claim is immediate, the entry is written at commit.
        Store store = new Store();
        long now = NOW.millis();
        long bucket = ImpersonationExpiry.bucket(now + 60_000);
        store.putIfAbsent(ImpersonationExpiry.slot(bucket, 0), 60);
        ImpersonationExpiry.Due due = new ImpersonationExpiry.Due(now + 60_000, "r", "committed");
        ImpersonationExpiry.index(store, due, now, new SlotHints(10));
        store.putIfAbsent(ImpersonationExpiry.slot(bucket, 2), 60);
        store.put(ImpersonationExpiry.slot(bucket, 2) + ":due", 60, Map.of("at", "soon", "realm", "r", "session", "x"));
        Map<Long, ImpersonationExpiry.ReadBucket> read = new HashMap<>();
        assertThat(ImpersonationExpiry.takeDue(store, bucket, now + 120_000, read)).containsExactly(due);
        // A slot read before its grant committed: the entry written afterwards is taken by a later sweep.
        ImpersonationExpiry.Due late = new ImpersonationExpiry.Due(now + 60_000, "r", "committed-late");
        store.put(ImpersonationExpiry.slot(bucket, 0) + ":due", 60, late.toNotes());
        assertThat(ImpersonationExpiry.takeDue(store, bucket, now + 121_000, read)).containsExactly(late);
        assertThat(ImpersonationExpiry.takeDue(store, bucket, now + 122_000, read)).isEmpty();
        assertThat(ImpersonationExpiry.Due.fromNotes(due.toNotes())).isEqualTo(due);
        assertThat(ImpersonationExpiry.Due.fromNotes(Map.of("at", "1"))).isNull();
    }

    /** A store that counts its calls. */
    private static class CountingStore extends Store {
        int calls;

        @Override
        public boolean contains(String key) {
            calls++;
            return super.contains(key);
        }

        @Override
        public boolean putIfAbsent(String key, long lifespanSeconds) {
            calls++;
            return super.putIfAbsent(key, lifespanSeconds);
        }
    }

    @Test
    void aGrantCostsOneClaimOnItsNodeAndAFewLookupsOnAnother() {
        CountingStore store = new CountingStore();
        long now = NOW.millis();
        SlotHints thisNode = new SlotHints(10);
        for (int i = 0; i < 5_000; i++) {
            ImpersonationExpiry.index(store, new ImpersonationExpiry.Due(now + 60_000, "r", "s" + i), now, thisNode);
        }
        assertThat(store.calls).as("one claim per grant").isEqualTo(5_000);
        long bucket = ImpersonationExpiry.bucket(now + 60_000);

        store.calls = 0;
        assertThat(ImpersonationExpiry.index(store, new ImpersonationExpiry.Due(now + 60_000, "r", "other"), now,
                new SlotHints(10))).isTrue();
        assertThat(store.entries).containsKey(ImpersonationExpiry.slot(bucket, 5_000));
        assertThat(store.calls).as("another node: a failed claim, a gallop and a bisection, then the claim")
                .isLessThanOrEqualTo(28);
        store.calls = 0;
        assertThat(ImpersonationExpiry.index(store, new ImpersonationExpiry.Due(now + 60_000, "r", "next"), now, thisNode))
                .isTrue();
        assertThat(store.entries).as("after the other node's slot, none skipped")
                .containsKey(ImpersonationExpiry.slot(bucket, 5_001));
        assertThat(store.calls).isLessThanOrEqualTo(28);

        // A sweep reads each slot once, however often it runs within the minute.
        Map<Long, ImpersonationExpiry.ReadBucket> read = new HashMap<>();
        assertThat(ImpersonationExpiry.takeDue(store, bucket, now + 59_900, read)).isEmpty();
        store.calls = 0;
        assertThat(ImpersonationExpiry.takeDue(store, bucket, now + 59_950, read)).isEmpty();
        assertThat(store.calls).as("one look past the last slot read").isEqualTo(1);
        assertThat(ImpersonationExpiry.takeDue(store, bucket, now + 60_000, read)).hasSize(5_002);
    }

    @Test
    void aFullMinuteRefusesFurtherEndsWithoutScanningIt() {
        CountingStore store = new CountingStore();
        long now = NOW.millis();
        SlotHints hints = new SlotHints(10);
        for (int i = 0; i < ImpersonationExpiry.MAX_PER_BUCKET; i++) {
            ImpersonationExpiry.index(store, new ImpersonationExpiry.Due(now + 60_000, "r", "s" + i), now, hints);
        }
        store.calls = 0;
        assertThat(ImpersonationExpiry.index(store, new ImpersonationExpiry.Due(now + 60_000, "r", "one-too-many"), now, hints))
                .isFalse();
        assertThat(ImpersonationExpiry.index(store, new ImpersonationExpiry.Due(now + 60_000, "r", "from-another-node"), now,
                new SlotHints(10))).isFalse();
        assertThat(store.calls).as("two refusals, each a gallop and a bisection at most").isLessThanOrEqualTo(2 * 40);
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
