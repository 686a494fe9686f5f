package dev.vigil.events.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.refresh.FamilyRecord.ReuseVerdict;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bounded memory of one refresh family: what counts as reuse, and that it never grows past its bound. */
class FamilyRecordTest {

    private static final Detection.FirstUse HERE = new Detection.FirstUse(1_000L, "10.0.0.1", "app/1.0");

    /** At second {@code s}, from the same place. */
    private static Detection.FirstUse at(long s) {
        return new Detection.FirstUse(s * 1000, "10.0.0.1", "app/1.0");
    }

    /** A rotating client: token t<i> is issued at second i and presented at second i + 1. */
    @Test
    void aRotatingChainIsFirstUsesAndAnyOlderTokenIsReuse() {
        FamilyRecord record = FamilyRecord.EMPTY;
        for (int i = 0; i < 20; i++) {
            FamilyRecord.Outcome o = record.present("chain-a", "t" + i, (long) i, "t" + (i + 1), 1, at(i + 1));
            assertThat(o.verdict()).as("refresh %s", i).isEqualTo(ReuseVerdict.FIRST);
            record = o.after();
        }
        FamilyRecord.Outcome recent = record.present("chain-a", "t19", 19L, "x", 1, at(30));
        assertThat(recent.verdict()).as("the token just used, again").isEqualTo(ReuseVerdict.BEYOND_ALLOWANCE);
        assertThat(recent.firstUse()).isEqualTo(at(20));
        FamilyRecord.Outcome ancient = record.present("chain-a", "t2", 2L, "x", 1, at(30));
        assertThat(ancient.verdict()).as("a token 18 rotations old, long out of the recent list")
                .isEqualTo(ReuseVerdict.BEYOND_ALLOWANCE);
        assertThat(ancient.firstUse()).isNull();
        assertThat(record.present("chain-a", "t20", 20L, "t21", 1, at(21)).verdict()).as("the newest token")
                .isEqualTo(ReuseVerdict.FIRST);
        assertThat(record.present("chain-a", "t-unrecorded", 20L, "t21", 1, at(21)).verdict())
                .as("a token issued in the newest token's second (a grace repeat, an unrecorded refresh)")
                .isEqualTo(ReuseVerdict.FIRST);
        assertThat(record.present("chain-a", "t3", null, "t21", 1, at(21)).verdict())
                .as("without its iat an old token is not judged by age").isEqualTo(ReuseVerdict.FIRST);
    }

    @Test
    void parallelChainsOfOneFamilyDoNotTripEachOther() {
        FamilyRecord record = FamilyRecord.EMPTY;
        record = record.present("tab-1", "a0", 0L, "a1", 1, at(1)).after();
        record = record.present("tab-2", "b0", 0L, "b1", 1, at(2)).after();
        record = record.present("tab-1", "a1", 1L, "a2", 1, at(3)).after();
        assertThat(record.present("tab-2", "b1", 2L, "b2", 1, at(4)).verdict()).isEqualTo(ReuseVerdict.FIRST);
    }

    @Test
    void theRealmsReuseCountIsAllowedAndTheNextUseIsNot() {
        FamilyRecord.Outcome first = FamilyRecord.EMPTY.present("c", "t", 0L, "t1", 3, at(1));
        FamilyRecord.Outcome second = first.after().present("c", "t", 0L, "t2", 3, at(2));
        FamilyRecord.Outcome third = second.after().present("c", "t", 0L, "t3", 3, at(3));
        assertThat(first.verdict()).isEqualTo(ReuseVerdict.FIRST);
        assertThat(second.verdict()).isEqualTo(ReuseVerdict.ALLOWED_REPEAT);
        assertThat(third.verdict()).isEqualTo(ReuseVerdict.ALLOWED_REPEAT);
        assertThat(third.after().present("c", "t", 0L, "t4", 3, at(4)).verdict()).as("max reuse 2 allows 3 uses")
                .isEqualTo(ReuseVerdict.BEYOND_ALLOWANCE);
        assertThat(third.after().present("c", "t1", 1L, "t5", 3, at(5)).verdict())
                .as("with a reuse allowance an older token is judged by its count only").isEqualTo(ReuseVerdict.FIRST);
    }

    @Test
    void withoutAChainOnlyTheRecentTokensAreJudged() {
        FamilyRecord record = FamilyRecord.EMPTY;
        for (int i = 0; i < 12; i++) {
            record = record.present(null, "t" + i, (long) i, "t" + (i + 1), 1, at(i + 1)).after();
        }
        assertThat(record.present(null, "t11", 11L, "x", 1, HERE).verdict()).isEqualTo(ReuseVerdict.BEYOND_ALLOWANCE);
        assertThat(record.present(null, "t4", 4L, "x", 1, HERE).verdict()).isEqualTo(ReuseVerdict.BEYOND_ALLOWANCE);
        assertThat(record.present(null, "t2", 2L, "x", 1, HERE).verdict()).as("older than the last 8").isEqualTo(ReuseVerdict.FIRST);
    }

    /** Issue #15: 100,000 refreshes of one token chain leave one entry of bounded size. */
    @Test
    void theRecordStaysBoundedWhateverTheNumberOfRefreshes() {
        FamilyRecord record = FamilyRecord.EMPTY;
        String agent = "x".repeat(10_000);
        for (int i = 0; i < 100_000; i++) {
            record = record.present("chain-" + (i % 7), "t" + i, (long) i, "t" + (i + 1), 1,
                    new Detection.FirstUse(i, "2001:db8::" + Integer.toHexString(i % 65536), agent)).after();
        }
        Map<String, String> notes = record.toNotes();
        assertThat(record.used()).hasSize(FamilyRecord.MAX_USED);
        assertThat(record.heads()).hasSize(FamilyRecord.MAX_CHAINS);
        assertThat(notes.size()).isLessThanOrEqualTo(2 + 6 * FamilyRecord.MAX_USED + 2 * FamilyRecord.MAX_CHAINS);
        assertThat(notes.values().stream().mapToInt(String::length).max().orElse(0)).isLessThanOrEqualTo(FamilyRecord.MAX_AGENT_LENGTH);
        assertThat(FamilyRecord.fromNotes(notes)).isEqualTo(record);
    }

    @Test
    void anUnreadableRecordStartsOver() {
        assertThat(FamilyRecord.fromNotes(null)).isEqualTo(FamilyRecord.EMPTY);
        assertThat(FamilyRecord.fromNotes(Map.of("v", "1", "n", "2", "t0", "a", "u0", "x", "w0", "1"))).isEqualTo(FamilyRecord.EMPTY);
        assertThat(FamilyRecord.fromNotes(Map.of("v", "9"))).isEqualTo(FamilyRecord.EMPTY);
    }
}
