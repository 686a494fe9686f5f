package dev.vigil.mappers.authcontext;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthContextTest {

    /** The session's times are fixed; the logic reads no clock (it measures against the last authentication). */
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);

    private static Instant ago(long seconds) {
        return CLOCK.instant().minusSeconds(seconds);
    }

    private static CompletedStep step(String authenticator, long secondsAgo) {
        return new CompletedStep(authenticator, null, null, ago(secondsAgo));
    }

    private static CompletedStep step(String authenticator, String value, String maxAge, long secondsAgo) {
        return new CompletedStep(authenticator, value, maxAge, ago(secondsAgo));
    }

    @Test
    void passwordAloneIsPwdWithoutMfa() {
        AuthContext context = AuthContext.of(List.of(step("auth-cookie", 0), step("auth-username-password-form", 0)), Optional.empty());
        assertThat(context.amr()).containsExactly("pwd");
        assertThat(context.mfaTime()).isEmpty();
    }

    @Test
    void passwordThenEmailCodeIsTwoFactorsInTheOrderGiven() {
        AuthContext context = AuthContext.of(List.of(
                step("vigil-second-factor-done", 5), step("vigil-email-otp", 6), step("auth-username-password-form", 30)),
                Optional.of(ago(5)));
        assertThat(context.amr()).containsExactly("pwd", "otp", "mfa");
        assertThat(context.mfaTime()).contains(ago(5));
    }

    @Test
    void twoValuesOfOneFactorAreNoMfa() {
        assertThat(AuthContext.of(List.of(step("auth-otp-form", 10), step("vigil-email-otp", 0)), Optional.empty()).amr())
                .containsExactly("otp");
        assertThat(AuthContext.of(List.of(step("webauthn-authenticator", 10), step("auth-otp-form", 0)), Optional.empty()).amr())
                .containsExactly("hwk", "otp");
    }

    @Test
    void aConfiguredReferenceValueWinsOverTheProviderDefault() {
        AuthContext context = AuthContext.of(List.of(
                step("auth-username-password-form", "pwd", "36000", 20), step("vigil-email-otp", "sms", "36000", 0)), Optional.empty());
        assertThat(context.amr()).containsExactly("pwd", "sms", "mfa");
        assertThat(AuthContext.of(List.of(step("my-face-check", "face", null, 0), step("auth-password-form", 3)), Optional.empty()).amr())
                .containsExactly("pwd", "face", "mfa");
    }

    @Test
    void unknownStepsAndNonFactorValuesAddNothingAndAnExplicitMfaStaysSingle() {
        assertThat(AuthContext.of(List.of(step("auth-cookie", 0), step("identity-provider-redirector", 1)), Optional.empty()).amr()).isEmpty();
        assertThat(AuthContext.of(List.of(step("custom", "user", null, 0), step("auth-password-form", 1)), Optional.empty()).amr())
                .containsExactly("pwd", "user");
        assertThat(AuthContext.of(List.of(step("custom", "mfa", null, 0), step("auth-password-form", 1), step("auth-otp-form", 0)),
                Optional.empty()).amr()).containsExactly("pwd", "mfa", "otp");
    }

    @Test
    void maxAgeCountsBackFromTheLastAuthenticationNotFromNow() {
        // Password 3600 s before the step-up: within a max age of 3600, outside one of 3599.
        List<CompletedStep> within = List.of(step("auth-username-password-form", "pwd", "3600", 7200), step("vigil-email-otp", 3600));
        assertThat(AuthContext.of(within, Optional.empty()).amr()).containsExactly("pwd", "otp", "mfa");
        List<CompletedStep> outside = List.of(step("auth-username-password-form", "pwd", "3599", 7200), step("vigil-email-otp", 3600));
        assertThat(AuthContext.of(outside, Optional.empty()).amr()).containsExactly("otp");
        // The same session evaluated later (a refresh) gives the same answer: nothing depends on the clock.
        assertThat(AuthContext.of(within, Optional.empty())).isEqualTo(AuthContext.of(within, Optional.empty()));
    }

    @Test
    void maxAgeZeroCountsOnlyStepsOfTheLastAuthenticationAndMalformedNeverCounts() {
        List<CompletedStep> steps = List.of(step("auth-username-password-form", "pwd", "0", 60), step("auth-cookie", 0),
                step("auth-otp-form", "otp", "0", 0));
        assertThat(AuthContext.of(steps, Optional.empty()).amr()).containsExactly("otp");
        assertThat(AuthContext.of(List.of(step("auth-otp-form", "otp", "ten", 0)), Optional.empty()).amr()).isEmpty();
        assertThat(AuthContext.of(List.of(step("auth-otp-form", "otp", " 5 ", 0)), Optional.empty()).amr()).containsExactly("otp");
    }

    @Test
    void noStepsNoAmr() {
        assertThat(AuthContext.of(List.of(), Optional.of(ago(1)))).isEqualTo(new AuthContext(List.of(), Optional.of(ago(1))));
    }
}
