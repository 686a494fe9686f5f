package dev.vigil.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImpersonationRequestTest {

    private static Map<String, String> form(String... pairs) {
        Map<String, String> form = new HashMap<>(Map.of("subject_token", "eyJ.actor.token", "requested_subject", "carol",
                "reason", "TICKET-1234"));
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    private static ImpersonationRequest parse(Map<String, String> form) throws ImpersonationRequest.Invalid {
        return ImpersonationRequest.parse(form, List.of(), ImpersonationSettings.DEFAULTS);
    }

    @Test
    void aWellFormedRequest() throws Exception {
        ImpersonationRequest request = parse(form("subject_token_type", ImpersonationRequest.ACCESS_TOKEN_TYPE,
                "requested_token_type", ImpersonationRequest.ACCESS_TOKEN_TYPE, "scope", "profile"));
        assertThat(request.requestedSubject()).isEqualTo("carol");
        assertThat(request.reason()).isEqualTo("TICKET-1234");
        assertThat(request.scope()).isEqualTo("profile");
        assertThat(request.toString()).doesNotContain("eyJ");
    }

    @Test
    void malformedRequestsAreRefusedWithAMessage() {
        assertThatThrownBy(() -> parse(form("subject_token", " "))).hasMessageContaining("subject_token is required");
        assertThatThrownBy(() -> parse(form("subject_token_type", "urn:ietf:params:oauth:token-type:refresh_token")))
                .hasMessageContaining("subject_token_type");
        assertThatThrownBy(() -> parse(form("requested_token_type", "urn:ietf:params:oauth:token-type:refresh_token")))
                .hasMessageContaining("access tokens only");
        assertThatThrownBy(() -> parse(form("requested_subject", ""))).hasMessageContaining("requested_subject");
        assertThatThrownBy(() -> parse(form("actor_token", "x"))).hasMessageContaining("actor_token");
        Map<String, String> noReason = form();
        noReason.remove("reason");
        assertThatThrownBy(() -> parse(noReason)).hasMessageContaining("reason is required");
        assertThatThrownBy(() -> parse(form("reason", "abc"))).hasMessage("reason must be 5 to 200 characters long");
        assertThatThrownBy(() -> parse(form("reason", "x".repeat(201)))).hasMessageContaining("5 to 200");
        assertThatThrownBy(() -> parse(form("reason", "TICKET-1\nforged line"))).hasMessageContaining("one line");
    }

    @Test
    void theReasonMayBeOptional() throws Exception {
        Map<String, String> noReason = form();
        noReason.remove("reason");
        ImpersonationRequest request = ImpersonationRequest.parse(noReason, List.of(),
                ImpersonationSettings.fromOptions(Map.of("reason-required", "false")));
        assertThat(request.reason()).isNull();
    }
}
