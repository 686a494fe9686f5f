package dev.vigil.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DetailRedactionTest {

    @ParameterizedTest
    @ValueSource(strings = {"password", "password_new", "client_secret", "refresh_token", "code", "otp", "id_token_hint",
            "access_token", "subject_token", "clientAssertion", "authorization", "totp-value", "recovery_code",
            "code_verifier", "private_key", "cookie"})
    void secretNamesAreRedacted(String key) {
        assertThat(DetailRedaction.redact(key, "harmless-looking")).isEqualTo(DetailRedaction.REDACTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"refresh_token_id", "updated_refresh_token_id", "token_id", "code_id", "refresh_token_type",
            "refresh_token_sub", "grant_type", "client_auth_method", "credential_type", "age_of_refresh_token",
            "username", "redirect_uri", "reason", "auth_method", "reuse_id", "scope", "requestedTokenType"})
    void descriptiveNamesAreKept(String key) {
        assertThat(DetailRedaction.redact(key, "value-1")).isEqualTo("value-1");
    }

    @Test
    void aNameIsDecidedTheSameWayWhenAskedAgainAndPastTheRememberedBound() {
        for (int i = 0; i < DetailRedaction.MAX_REMEMBERED_NAMES + 10; i++) {
            assertThat(DetailRedaction.isSecretName("made_up_" + i + "_token")).isTrue();
            assertThat(DetailRedaction.isSecretName("made_up_" + i + "_token_id")).isFalse();
        }
        assertThat(DetailRedaction.redact("refresh_token", "x")).as("asked again").isEqualTo(DetailRedaction.REDACTED);
        assertThat(DetailRedaction.redact("refresh_token", "x")).isEqualTo(DetailRedaction.REDACTED);
        assertThat(DetailRedaction.redact("a_name_past_the_bound_token", "x")).isEqualTo(DetailRedaction.REDACTED);
        assertThat(DetailRedaction.redact("a_name_past_the_bound_token_id", "x")).isEqualTo("x");
    }

    @Test
    void jwtValuesAreRedactedWhateverTheName() {
        String jwt = "eyJhbGciOiJSUzI1NiIsInR5cCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
        assertThat(DetailRedaction.redact("note", jwt)).isEqualTo(DetailRedaction.REDACTED);
        assertThat(DetailRedaction.redact("note", jwt.substring(0, jwt.lastIndexOf('.') + 1)))
                .as("an unsigned JWT").isEqualTo(DetailRedaction.REDACTED);
    }

    @Test
    void keycloakAuthorizationCodeValuesAreRedacted() {
        String code = "5b0d4b1e-9f7c-4c52-8f5a-0b8e0d0d9a11.0c4f2b7e-1d6a-4b6e-9c3d-6e5f4a3b2c1d.9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a";
        assertThat(DetailRedaction.redact("whatever", code)).isEqualTo(DetailRedaction.REDACTED);
    }

    @Test
    void bearerHeadersAreRedacted() {
        assertThat(DetailRedaction.redact("header", "Bearer abc.def")).isEqualTo(DetailRedaction.REDACTED);
        assertThat(DetailRedaction.redact("header", "Basic Zm9vOmJhcg==")).isEqualTo(DetailRedaction.REDACTED);
    }

    @Test
    void hostNamesAndUuidsAreKept() {
        assertThat(DetailRedaction.redact("identity_provider", "login.example.com")).isEqualTo("login.example.com");
        assertThat(DetailRedaction.redact("session", "5b0d4b1e-9f7c-4c52-8f5a-0b8e0d0d9a11"))
                .isEqualTo("5b0d4b1e-9f7c-4c52-8f5a-0b8e0d0d9a11");
        assertThat(DetailRedaction.redact("redirect_uri", "http://localhost:8080/cb?x=1"))
                .isEqualTo("http://localhost:8080/cb?x=1");
    }

    @Test
    void longValuesAreCut() {
        String value = "a".repeat(DetailRedaction.MAX_VALUE_LENGTH + 100);
        assertThat(DetailRedaction.redact("redirect_uri", value)).hasSize(DetailRedaction.MAX_VALUE_LENGTH + 3);
    }

    /** Fuzzing finding: white space around a JWT kept it from being recognised. */
    @Test
    void tokensWithWhiteSpaceAroundAreRedacted() {
        String jwt = "eyJhbGciOiJSUzI1NiIsInR5cCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
        assertThat(DetailRedaction.redact("note", " " + jwt + "\n")).isEqualTo(DetailRedaction.REDACTED);
        assertThat(DetailRedaction.redact("note", "\t" + jwt)).isEqualTo(DetailRedaction.REDACTED);
    }

    /** Fuzzing finding: the cut at 512 characters could split an emoji and leave half of it. */
    @Test
    void theCutNeverSplitsACharacter() {
        String value = "a".repeat(DetailRedaction.MAX_VALUE_LENGTH - 1) + "\uD83D\uDE00" + "tail";

        String written = DetailRedaction.redact("redirect_uri", value);

        assertThat(written).isEqualTo("a".repeat(DetailRedaction.MAX_VALUE_LENGTH - 1) + "...");
    }
}
