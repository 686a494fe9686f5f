package dev.vigil.authenticators.emailotp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vigil.core.Fakes;
import dev.vigil.core.FuzzText;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Fuzzes the decoding of a pending email code from authentication-session notes. Input: note
 * name/value pairs separated by 0xFF (seeds use the real note names). Damaged notes mean "no code"
 * (null), never an exception; a decoded code carries the notes' values, survives a store and load
 * unchanged, and its time arithmetic (expiry, resend wait) works for any decoded instant.
 */
class PendingCodeNotesFuzzTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    @FuzzTest(maxDuration = "2m")
    void notesDecodeToTheCodeOrToNothing(byte[] data) {
        List<String> f = FuzzText.fields(data);
        Map<String, String> notes = new HashMap<>(FuzzText.options(f, 0));
        notes.values().removeIf(v -> v == null);

        PendingCode code = PendingCodeNotes.load(session(notes));

        if (code == null) {
            return;
        }
        assertThat(code.codeId()).isEqualTo(notes.get("vigil.email-otp.id"));
        assertThat(code.hash()).isEqualTo(notes.get("vigil.email-otp.hash"));
        Map<String, String> stored = new HashMap<>();
        PendingCodeNotes.store(session(stored), code);
        assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(PendingCode.noteNames());
        assertThat(PendingCodeNotes.load(session(stored))).isEqualTo(code);
        assertThat(code.isExpired(NOW)).isEqualTo(!NOW.isBefore(code.expiresAt()));
        assertThat(code.resendWaitSeconds(NOW, Duration.ofSeconds(300))).isNotNegative();
    }

    /** An authentication session whose notes live in {@code notes}. */
    static AuthenticationSessionModel session(Map<String, String> notes) {
        return Fakes.of(AuthenticationSessionModel.class, Map.of(
                "getAuthNote", a -> notes.get((String) a[0]),
                "setAuthNote", a -> notes.put((String) a[0], (String) a[1]),
                "removeAuthNote", a -> notes.remove((String) a[0])));
    }
}
