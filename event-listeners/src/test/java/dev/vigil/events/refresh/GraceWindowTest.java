package dev.vigil.events.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.events.refresh.GraceWindow.Note;
import dev.vigil.events.refresh.GraceWindow.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The family state machine with the grace window: T1 was presented at t=1000 and got T2. */
class GraceWindowTest {

    private static final long FIRST_USE = 1_000;
    private static final Note AFTER_T1 = GraceWindow.afterIssue(null, "T1", "T2", FIRST_USE);

    @Test
    void aRefreshStartsANoteForThePresentedToken() {
        assertThat(AFTER_T1).isEqualTo(new Note("T1", FIRST_USE, List.of("T2")));
        assertThat(Note.parse(AFTER_T1.format())).isEqualTo(AFTER_T1);
    }

    @Test
    void theImmediatelyPreviousTokenIsARaceWithinTheWindowAndTheftAfterIt() {
        assertThat(GraceWindow.judge("T1", "T1", AFTER_T1, 5, FIRST_USE)).isEqualTo(Verdict.REPEAT_WITHIN_WINDOW);
        assertThat(GraceWindow.judge("T1", "T1", AFTER_T1, 5, FIRST_USE + 5)).isEqualTo(Verdict.REPEAT_WITHIN_WINDOW);
        assertThat(GraceWindow.judge("T1", "T1", AFTER_T1, 5, FIRST_USE + 6)).isEqualTo(Verdict.REFUSE);
    }

    @Test
    void withoutAWindowEverythingKeycloakRefusesStaysRefused() {
        assertThat(GraceWindow.judge("T1", "T1", AFTER_T1, 0, FIRST_USE)).isEqualTo(Verdict.REFUSE);
        assertThat(GraceWindow.judge("T1", "T1", null, 30, FIRST_USE)).as("no note: grace just switched on").isEqualTo(Verdict.REFUSE);
    }

    @Test
    void theWindowCountsFromTheFirstUseNotFromTheLastRepeat() {
        Note afterRepeat = GraceWindow.afterIssue(AFTER_T1, "T1", "T2b", FIRST_USE + 4);
        assertThat(afterRepeat).isEqualTo(new Note("T1", FIRST_USE, List.of("T2", "T2b")));
        assertThat(GraceWindow.judge("T1", "T1", afterRepeat, 5, FIRST_USE + 6)).isEqualTo(Verdict.REFUSE);
    }

    @Test
    void siblingsIssuedInARaceAreAllNewestUntilOneIsUsed() {
        Note raced = GraceWindow.afterIssue(AFTER_T1, "T1", "T2b", FIRST_USE + 1);
        // Keycloak last saw T1; both children may be presented, even long after the window.
        assertThat(GraceWindow.judge("T2", "T1", raced, 5, FIRST_USE + 3600)).isEqualTo(Verdict.SIBLING);
        assertThat(GraceWindow.judge("T2b", "T1", raced, 5, FIRST_USE + 3600)).isEqualTo(Verdict.SIBLING);
        // Once T2b was used (Keycloak now last saw T2b, the note is about T2b), T2 is stale: theft.
        Note afterT2b = GraceWindow.afterIssue(raced, "T2b", "T3", FIRST_USE + 3600);
        assertThat(GraceWindow.judge("T2", "T2b", afterT2b, 5, FIRST_USE + 3601)).isEqualTo(Verdict.REFUSE);
    }

    @Test
    void olderTokensAreNeverARace() {
        Note afterT2 = GraceWindow.afterIssue(AFTER_T1, "T2", "T3", FIRST_USE + 1);
        assertThat(GraceWindow.judge("T1", "T2", afterT2, 60, FIRST_USE + 2)).as("grandparent").isEqualTo(Verdict.REFUSE);
        assertThat(GraceWindow.judge("X", "T1", AFTER_T1, 60, FIRST_USE)).as("unknown token").isEqualTo(Verdict.REFUSE);
        assertThat(GraceWindow.judge("T2", "T9", AFTER_T1, 60, FIRST_USE))
                .as("a note about another token than Keycloak's").isEqualTo(Verdict.REFUSE);
    }

    @Test
    void aNoteRemembersABoundedNumberOfSiblings() {
        Note note = AFTER_T1;
        for (int i = 0; i < 20; i++) {
            note = GraceWindow.afterIssue(note, "T1", "S" + i, FIRST_USE);
        }
        assertThat(note.issuedIds()).hasSize(GraceWindow.MAX_SIBLINGS);
    }

    @Test
    void unreadableNotesAreIgnored() {
        assertThat(Note.parse(null)).isNull();
        assertThat(Note.parse("T1 soon T2")).isNull();
        assertThat(Note.parse("just-one-part")).isNull();
    }
}
