package dev.vigil.events.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.refresh.FamilyRecord.ReuseVerdict;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bounded memory of one refresh family: what counts as reuse, and that it never grows past its bound. */
class FamilyRecordTest {

    private static final Detection.FirstUse HERE = new Detection.FirstUse(1_000L, "10.0.0.1", "app/1.0");

    /** A rotating client: each refresh presents the token the previous one issued. */
    @Test
    void aRotatingChainIsFirstUsesAndAnyOlderTokenIsReuse() {
        FamilyRecord record = FamilyRecord.EMPTY;
        for (int i = 0; i < 20; i++) {
            FamilyRecord.Outcome o = record.present("chain-a", "t" + i, "t" + (i + 1), 1, HERE);
            assertThat(o.verdict()).as("refresh %s", i).isEqualTo(ReuseVerdict.FIRST);
            record = o.after();
        }
        FamilyRecord.Outcome recent = record.present("chain-a", "t19", "x", 1, HERE);
        assertThat(recent.verdict()).as("the token just used, again").isEqualTo(ReuseVerdict.BEYOND_ALLOWANCE);
        assertThat(recent.firstUse()).isEqualTo(new Detection.FirstUse(1_000L, "10.0.0.1", "app/1.0"));
        FamilyRecord.Outcome ancient = record.present("chain-a", "t2", "x", 1, HERE);
        assertThat(ancient.verdict()).as("a token 18 rotations old, long out of the recent list")
                .isEqualTo(ReuseVerdict.BEYOND_ALLOWANCE);
        assertThat(ancient.firstUse()).isNull();
        assertThat(record.present("chain-a", "t20", "t21", 1, HERE).verdict()).as("the newest token").isEqualTo(ReuseVerdict.FIRST);
    }

    @Test
    void parallelChainsOfOneFamilyDoNotTripEachOther() {
        FamilyRecord record = FamilyRecord.EMPTY;
        record = record.present("tab-1", "a0", "a1", 1, HERE).after();
        record = record.present("tab-2", "b0", "b1", 1, HERE).after();
        record = record.present("tab-1", "a1", "a2", 1, HERE).after();
        assertThat(record.present("tab-2", "b1", "b2", 1, HERE).verdict()).isEqualTo(ReuseVerdict.FIRST);
    }

    @Test
    void theRealmsReuseCountIsAllowedAndTheNextUseIsNot() {
        FamilyRecord.Outcome first = FamilyRecord.EMPTY.present("c", "t", "t1", 3, HERE);
        FamilyRecord.Outcome second = first.after().present("c", "t", "t2", 3, HERE);
        FamilyRecord.Outcome third = second.after().present("c", "t", "t3", 3, HERE);
        assertThat(first.verdict()).isEqualTo(ReuseVerdict.FIRST);
        assertThat(second.verdict()).isEqualTo(ReuseVerdict.ALLOWED_REPEAT);
        assertThat(third.verdict()).isEqualTo(ReuseVerdict.ALLOWED_REPEAT);
        assertThat(third.after().present("c", "t", "t4", 3, HERE).verdict()).as("max reuse 2 allows 3 uses")
                .isEqualTo(ReuseVerdict.BEYOND_ALLOWANCE);
        assertThat(third.after().present("c", "t1", "t5", 3, HERE).verdict())
                .as("with a reuse allowance an older token is judged by its count only").isEqualTo(ReuseVerdict.FIRST);
    }

    @Test
    void withoutAChainOnlyTheRecentTokensAreJudged() {
        FamilyRecord record = FamilyRecord.EMPTY;
        for (int i = 0; i < 12; i++) {
            record = record.present(null, "t" + i, "t" + (i + 1), 1, HERE).after();
        }
        assertThat(record.present(null, "t11", "x", 1, HERE).verdict()).isEqualTo(ReuseVerdict.BEYOND_ALLOWANCE);
        assertThat(record.present(null, "t4", "x", 1, HERE).verdict()).isEqualTo(ReuseVerdict.BEYOND_ALLOWANCE);
        assertThat(record.present(null, "t2", "x", 1, HERE).verdict()).as("older than the last 8").isEqualTo(ReuseVerdict.FIRST);
    }

    /** Issue #15: 100,000 refreshes of one token chain leave one entry of bounded size. */
    @Test
    void theRecordStaysBoundedWhateverTheNumberOfRefreshes() {
        FamilyRecord record = FamilyRecord.EMPTY;
        String agent = "x".repeat(10_000);
        for (int i = 0; i < 100_000; i++) {
            record = record.present("chain-" + (i % 7), "t" + i, "t" + (i + 1), 1,
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
