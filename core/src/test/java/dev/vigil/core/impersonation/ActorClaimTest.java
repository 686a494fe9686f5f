package dev.vigil.core.impersonation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.models.ImpersonationSessionNote;

class ActorClaimTest {

    private static Map<String, String> notes(String... pairs) {
        Map<String, String> notes = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            notes.put(pairs[i], pairs[i + 1]);
        }
        return notes;
    }

    @Test
    void theNoteNamesAreKeycloaksAndVigils() {
        assertThat(ActorClaim.IMPERSONATOR_ID_NOTE).isEqualTo(ImpersonationSessionNote.IMPERSONATOR_ID.toString());
        assertThat(ActorClaim.IMPERSONATOR_USERNAME_NOTE).isEqualTo(ImpersonationSessionNote.IMPERSONATOR_USERNAME.toString());
        assertThat(ActorClaim.ACTOR_CLIENT_NOTE).isEqualTo("vigil.impersonation.client");
        assertThat(ActorClaim.CLAIM).isEqualTo("act");
    }

    @Test
    void anAdminConsoleImpersonationNamesTheAdmin() {
        assertThat(ActorClaim.fromNotes(notes("IMPERSONATOR_ID", "admin-id", "IMPERSONATOR_USERNAME", "admin")))
                .hasValueSatisfying(act -> assertThat(act)
                        .containsExactly(entry("sub", "admin-id"), entry("preferred_username", "admin")));
    }

    @Test
    void vigilsTokenExchangeAddsTheActorsClient() {
        Map<String, String> notes = notes("IMPERSONATOR_ID", "agent-id", "IMPERSONATOR_USERNAME", "agent",
                "IMPERSONATOR_CLIENT", "0d6c-internal-id", "vigil.impersonation.client", "support-console",
                "vigil.impersonation.reason", "TICKET-4711");
        assertThat(ActorClaim.fromNotes(notes)).hasValueSatisfying(act -> assertThat(act).containsExactly(
                entry("sub", "agent-id"), entry("preferred_username", "agent"), entry("client_id", "support-console")));
    }

    @Test
    void aSessionWithoutImpersonatorIdHasNoActor() {
        assertThat(ActorClaim.fromNotes(null)).isEmpty();
        assertThat(ActorClaim.fromNotes(Map.of())).isEmpty();
        assertThat(ActorClaim.fromNotes(notes("KC_DEVICE_NOTE", "x", "authenticators-completed", "{}"))).isEmpty();
        assertThat(ActorClaim.fromNotes(notes("IMPERSONATOR_USERNAME", "admin", "vigil.impersonation.client", "console")))
                .as("a username alone names no subject").isEmpty();
        assertThat(ActorClaim.fromNotes(notes("IMPERSONATOR_ID", " ", "IMPERSONATOR_USERNAME", "admin"))).isEmpty();
    }

    @Test
    void missingOrBlankOptionalNotesAreLeftOut() {
        assertThat(ActorClaim.fromNotes(notes("IMPERSONATOR_ID", "admin-id")))
                .hasValueSatisfying(act -> assertThat(act).containsExactly(entry("sub", "admin-id")));
        assertThat(ActorClaim.fromNotes(notes("IMPERSONATOR_ID", "admin-id", "IMPERSONATOR_USERNAME", "",
                "vigil.impersonation.client", " ")))
                .hasValueSatisfying(act -> assertThat(act).containsExactly(entry("sub", "admin-id")));
    }

    @Test
    void everyCallGivesItsOwnMap() {
        Map<String, String> notes = notes("IMPERSONATOR_ID", "admin-id");
        Map<String, Object> first = ActorClaim.fromNotes(notes).orElseThrow();
        first.put("sub", "changed");
        assertThat(ActorClaim.fromNotes(notes).orElseThrow()).containsEntry("sub", "admin-id");
    }
}
