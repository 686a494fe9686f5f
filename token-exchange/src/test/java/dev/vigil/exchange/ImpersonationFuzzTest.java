package dev.vigil.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vigil.core.ExecutorConfigFuzzing;
import dev.vigil.core.Fakes;
import dev.vigil.core.FuzzText;
import java.util.List;
import java.util.Map;
import org.keycloak.models.ImpersonationSessionNote;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

/**
 * Fuzzes what the impersonation exchange reads: the client-policy executor's configuration as the
 * admin REST API receives it (JSON), and the notes of an impersonation user session as the admin list
 * and the expiry read them.
 */
class ImpersonationFuzzTest {

    /** An unknown key: at most three named (64 characters each plus "..."), and the allowed keys. */
    private static final int MAX_MESSAGE_LENGTH = 500;

    /**
     * Input: the executor configuration as JSON. Saving never throws: validation says yes or no; a
     * valid configuration keeps every bound the docs give (no token beyond one hour, a reason of at
     * most 500 characters); an invalid one is refused with a message safe for a log line.
     */
    @FuzzTest(maxDuration = "2m")
    void executorConfigIsValidatedNeverThrown(byte[] data) {
        ImpersonationSettings s = ExecutorConfigFuzzing.read(data, ImpersonationExecutorConfig.class,
                ImpersonationExecutorConfig::toSettings, MAX_MESSAGE_LENGTH);

        if (s == null) {
            return;
        }
        assertThat(s.impersonatorRole()).isNotBlank().isEqualTo(s.impersonatorRole().trim());
        assertThat(s.protectedRole()).isNotBlank().isEqualTo(s.protectedRole().trim());
        assertThat(s.lifetimeSeconds()).isBetween(ImpersonationSettings.MIN_LIFETIME_SECONDS, s.maxLifetimeSeconds());
        assertThat(s.maxLifetimeSeconds()).isLessThanOrEqualTo(ImpersonationSettings.HARD_MAX_LIFETIME_SECONDS);
        assertThat(s.reasonMinLength()).isBetween(0, s.reasonMaxLength());
        assertThat(s.reasonMaxLength()).isBetween(1, ImpersonationSettings.REASON_LENGTH_LIMIT);
        assertThat(s.maxActivePerActor()).isBetween(1, 100);
    }

    /**
     * Input, fields separated by 0xFF: the expires note, the started note, the actor id note, the
     * reason note and now (epoch seconds). Reading never throws; a session is listed as running exactly
     * when the expiry does not consider it ended, and then it carries the notes' values.
     */
    @FuzzTest(maxDuration = "2m")
    void sessionNotesDecodeConsistently(byte[] data) {
        List<String> f = FuzzText.fields(data);
        String expires = at(f, 0);
        String started = at(f, 1);
        String actor = at(f, 2);
        String reason = at(f, 3);
        long now = FuzzText.number(f, 4, 1_764_000_000L);
        Map<String, String> notes = new java.util.HashMap<>();
        put(notes, SessionNotes.EXPIRES, expires);
        put(notes, SessionNotes.STARTED, started);
        put(notes, ImpersonationSessionNote.IMPERSONATOR_ID.toString(), actor);
        put(notes, SessionNotes.REASON, reason);
        UserModel target = Fakes.of(UserModel.class, Map.of("getId", a -> "target-id", "getUsername", a -> "target"));
        UserSessionModel session = Fakes.of(UserSessionModel.class, Map.of(
                "getNote", a -> notes.get((String) a[0]), "getId", a -> "session-1", "getUser", a -> target));

        ActiveImpersonations.Entry entry = ActiveImpersonations.entry(session, now);
        boolean ended = ImpersonationExpiry.ended(expires, now);

        if (entry == null) {
            return;
        }
        assertThat(ended).as("listed as running but ended by the expiry").isFalse();
        assertThat(entry.expiresSeconds()).isGreaterThan(now).isEqualTo(Long.parseLong(expires));
        assertThat(entry.startedSeconds()).isEqualTo(Long.parseLong(started));
        assertThat(entry.actorId()).isEqualTo(actor);
        assertThat(entry.reason()).isEqualTo(reason);
        assertThat(ImpersonationExpiry.dueMillis(entry.expiresSeconds()) - now * 1000)
                .as("the end is due after now, not in the past").isGreaterThanOrEqualTo(ImpersonationExpiry.MARGIN_MILLIS);
    }

    private static void put(Map<String, String> notes, String name, String value) {
        if (value != null) {
            notes.put(name, value);
        }
    }

    private static String at(List<String> fields, int index) {
        return index < fields.size() ? fields.get(index) : null;
    }
}
