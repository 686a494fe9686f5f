package dev.vigil.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vigil.core.ExecutorConfigFuzzing;

/**
 * Fuzzes what the impersonation exchange reads: the client-policy executor's configuration as the
 * admin REST API receives it (JSON).
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

}
