package dev.vigil.events.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vigil.core.ExecutorConfigFuzzing;
import dev.vigil.core.FuzzText;
import java.math.BigInteger;
import java.util.List;

/**
 * Fuzzes what the refresh-token theft response reads: the client-policy executor's configuration as
 * the admin REST API receives it (JSON), the policy carried in an event detail, and the grace-window
 * note kept per refresh chain.
 */
class RefreshPolicyFuzzTest {

    /** An unknown key: at most three named (64 characters each plus "..."), and the allowed keys. */
    private static final int MAX_MESSAGE_LENGTH = 500;

    /**
     * Input: the executor configuration as JSON. Saving never throws (Keycloak would answer 500):
     * validation says yes or no; a valid configuration gives a policy that survives the trip through
     * an event detail; an invalid one is refused with a message naming the option, safe for a log line.
     */
    @FuzzTest(maxDuration = "2m")
    void executorConfigIsValidatedNeverThrown(byte[] data) {
        RefreshPolicy policy = ExecutorConfigFuzzing.read(data, RefreshPolicyExecutorConfig.class,
                RefreshPolicyExecutorConfig::toPolicy, MAX_MESSAGE_LENGTH);

        if (policy != null) {
            assertThat(RefreshPolicy.fromEventDetail(policy.toEventDetail())).isEqualTo(policy);
        }
    }

    /** Input: an event detail. Any text decodes to a policy (NONE when unreadable) that round-trips. */
    @FuzzTest(maxDuration = "2m")
    void eventDetailDecodesToAPolicy(byte[] data) {
        RefreshPolicy policy = RefreshPolicy.fromEventDetail(FuzzText.text(data));

        assertThat(policy).isNotNull();
        assertThat(RefreshPolicy.fromEventDetail(policy.toEventDetail())).isEqualTo(policy);
    }

    /**
     * Input, fields separated by 0xFF: a stored grace note, the presented token, the token last
     * presented, the grace seconds and now (epoch seconds). Parsing never throws; a parsed note
     * formats back to itself; a repeat is let through only within the grace window after first use.
     */
    @FuzzTest(maxDuration = "2m")
    void graceNotesParseBackAndJudgeWithinTheWindow(byte[] data) {
        List<String> f = FuzzText.fields(data);
        GraceWindow.Note note = GraceWindow.Note.parse(f.get(0));
        String tokenId = f.size() > 1 ? f.get(1) : null;
        String lastPresented = f.size() > 2 ? f.get(2) : null;
        int grace = (int) FuzzText.number(f, 3, 10);
        long now = FuzzText.number(f, 4, 1_764_000_000L);

        if (note != null) {
            assertThat(GraceWindow.Note.parse(note.format())).as("format parses back").isEqualTo(note);
        }
        GraceWindow.Verdict verdict = GraceWindow.judge(tokenId, lastPresented, note, grace, now);

        if (verdict == GraceWindow.Verdict.REPEAT_WITHIN_WINDOW) {
            BigInteger age = BigInteger.valueOf(now).subtract(BigInteger.valueOf(note.firstUseSeconds()));
            assertThat(age).as("seconds since first use").isLessThanOrEqualTo(BigInteger.valueOf(grace));
        }
        if (verdict != GraceWindow.Verdict.REFUSE) {
            assertThat(grace).isPositive();
            assertThat(lastPresented).isEqualTo(note.presentedId());
        }
        if (verdict == GraceWindow.Verdict.SIBLING) {
            assertThat(note.issuedIds()).contains(tokenId);
        }
    }
}
