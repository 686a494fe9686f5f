package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.it.support.BearerChallenge;
import org.junit.jupiter.api.Test;

class BearerChallengeTest {

    @Test
    void readsTheRfc9470Example() {
        BearerChallenge challenge = BearerChallenge.parse("Bearer error=\"insufficient_user_authentication\", "
                + "error_description=\"A different authentication level is required\", acr_values=\"myACR\"");
        assertThat(challenge.insufficientUserAuthentication()).isTrue();
        assertThat(challenge.param("acr_values")).contains("myACR");
        assertThat(challenge.param("error_description")).contains("A different authentication level is required");
        assertThat(challenge.param("max_age")).isEmpty();
    }

    @Test
    void tokenValuesEscapesAndOtherErrors() {
        BearerChallenge challenge = BearerChallenge.parse("bearer error=\"invalid_token\",max_age=5, realm=\"a \\\"b\\\"\"");
        assertThat(challenge.insufficientUserAuthentication()).isFalse();
        assertThat(challenge.param("max_age")).contains("5");
        assertThat(challenge.param("realm")).contains("a \"b\"");
        assertThatThrownBy(() -> BearerChallenge.parse("Basic realm=\"x\"")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BearerChallenge.parse("Bearer error=\"open")).isInstanceOf(IllegalArgumentException.class);
    }
}
