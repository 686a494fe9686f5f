package dev.vigil.authenticators.emailotp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.core.secrets.KeyedHash;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class CodeCheckTest {

    private static final byte[] KEY = "k".repeat(32).getBytes(StandardCharsets.US_ASCII);
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T08:00:00Z"), ZoneOffset.UTC);
    private final String context = CodeCheck.context("root-1", "tab-1", "code-1");
    private final PendingCode pending = new PendingCode("code-1", KeyedHash.of(KEY, context, "123456"), "user-1",
            "a***@example.com", clock.instant(), clock.instant().plusSeconds(300));

    @Test
    void theRightCodeWithinItsLifetimeIsValid() {
        assertThat(CodeCheck.check(pending, KeyedHash.of(KEY, context, "123456"), clock.instant().plusSeconds(299), true))
                .isEqualTo(CodeCheck.Outcome.VALID);
    }

    @Test
    void aWrongCodeIsWrong() {
        assertThat(CodeCheck.check(pending, KeyedHash.of(KEY, context, "123457"), clock.instant(), true))
                .isEqualTo(CodeCheck.Outcome.WRONG);
    }

    @Test
    void theRightCodeFromAnotherAuthenticationSessionIsWrong() {
        String otherSession = CodeCheck.context("root-2", "tab-1", "code-1");
        assertThat(CodeCheck.check(pending, KeyedHash.of(KEY, otherSession, "123456"), clock.instant(), true))
                .isEqualTo(CodeCheck.Outcome.WRONG);
    }

    @Test
    void atTheEndOfItsLifetimeTheCodeIsExpired() {
        assertThat(CodeCheck.check(pending, KeyedHash.of(KEY, context, "123456"), clock.instant().plus(Duration.ofSeconds(300)), true))
                .isEqualTo(CodeCheck.Outcome.EXPIRED);
    }

    @Test
    void pastItsAttemptsEvenTheRightCodeIsRefused() {
        assertThat(CodeCheck.check(pending, KeyedHash.of(KEY, context, "123456"), clock.instant(), false))
                .isEqualTo(CodeCheck.Outcome.EXHAUSTED);
    }

    @Test
    void withoutAPendingCodeNothingMatches() {
        assertThat(CodeCheck.check(null, "x", clock.instant(), true)).isEqualTo(CodeCheck.Outcome.NO_CODE);
    }

    @Test
    void aCodeForAnAddressWithoutAccountNeverMatches() {
        PendingCode noAccount = new PendingCode("code-1", KeyedHash.of(KEY, context, "123456"), "", "x@example.com",
                clock.instant(), clock.instant().plusSeconds(300));
        assertThat(CodeCheck.check(noAccount, KeyedHash.of(KEY, context, "123456"), clock.instant(), true))
                .isEqualTo(CodeCheck.Outcome.NO_ACCOUNT);
    }
}
