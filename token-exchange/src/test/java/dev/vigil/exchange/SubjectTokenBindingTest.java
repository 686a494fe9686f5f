package dev.vigil.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.exchange.SubjectTokenBinding.Proof;
import dev.vigil.exchange.SubjectTokenBinding.Token;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubjectTokenBindingTest {

    private static final String CONSOLE = "support-console";

    private static String denial(Token token) {
        SubjectTokenBinding.Refusal refusal = SubjectTokenBinding.check(CONSOLE, token);
        return refusal == null ? null : refusal.denial();
    }

    @Test
    void theRequestingClientsOwnTokenOrOneNamingIt() {
        assertThat(denial(new Token(CONSOLE, List.of(), Proof.NOT_BOUND, Proof.NOT_BOUND))).isNull();
        assertThat(denial(new Token("support-ui", List.of("account", CONSOLE), Proof.NOT_BOUND, Proof.NOT_BOUND))).isNull();
        assertThat(denial(new Token("other-app", List.of("account"), Proof.NOT_BOUND, Proof.NOT_BOUND)))
                .isEqualTo("subject-token-other-client");
        assertThat(denial(new Token(null, null, Proof.NOT_BOUND, Proof.NOT_BOUND))).isEqualTo("subject-token-other-client");
    }

    @Test
    void aSenderConstrainedTokenNeedsItsProofAndItsOwnClient() {
        assertThat(denial(new Token(CONSOLE, List.of(), Proof.VALID, Proof.NOT_BOUND))).isNull();
        assertThat(denial(new Token(CONSOLE, List.of(), Proof.MISSING, Proof.NOT_BOUND))).isEqualTo("dpop-proof-missing");
        assertThat(denial(new Token(CONSOLE, List.of(), Proof.MISMATCH, Proof.NOT_BOUND))).isEqualTo("dpop-proof-mismatch");
        assertThat(denial(new Token("support-ui", List.of(CONSOLE), Proof.VALID, Proof.NOT_BOUND)))
                .as("bound to another client's key").isEqualTo("subject-token-other-client");
        assertThat(denial(new Token(CONSOLE, List.of(), Proof.NOT_BOUND, Proof.MISMATCH))).isEqualTo("certificate-mismatch");
        assertThat(denial(new Token(CONSOLE, List.of(), Proof.NOT_BOUND, Proof.VALID))).isNull();
    }
}
