package dev.vigil.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImpersonationRequestTest {

    private static final String CLIENT = "support-console";

    private static Map<String, List<String>> form(String... pairs) {
        Map<String, List<String>> form = new HashMap<>();
        form.put("subject_token", new ArrayList<>(List.of("eyJ.actor.token")));
        form.put("requested_subject", new ArrayList<>(List.of("carol")));
        form.put("reason", new ArrayList<>(List.of("TICKET-1234")));
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], new ArrayList<>(List.of(pairs[i + 1])));
        }
        return form;
    }

    private static ImpersonationRequest parse(Map<String, List<String>> form) throws ImpersonationRequest.Invalid {
        return ImpersonationRequest.parse(form, CLIENT, ImpersonationSettings.DEFAULTS);
    }

    private static ImpersonationSettings allowing(String audiences, String scopes) {
        return ImpersonationSettings.fromOptions(Map.of("allowed-audiences", audiences, "allowed-scopes", scopes));
    }

    @Test
    void aWellFormedRequest() throws Exception {
        ImpersonationRequest request = parse(form("subject_token_type", ImpersonationRequest.ACCESS_TOKEN_TYPE,
                "requested_token_type", ImpersonationRequest.ACCESS_TOKEN_TYPE, "audience", CLIENT));
        assertThat(request.requestedSubject()).isEqualTo("carol");
        assertThat(request.subjectById()).isFalse();
        assertThat(request.reason()).isEqualTo("TICKET-1234");
        assertThat(request.scopeParameter()).isEqualTo("openid");
        assertThat(request.audience()).containsExactly(CLIENT);
        assertThat(request.toString()).doesNotContain("eyJ");
    }

    @Test
    void usernamesByDefaultAndIdsOnlyInTheirExplicitForm() throws Exception {
        assertThat(parse(form("requested_subject", "4e2c5a8e-0000-4000-8000-000000000001")).subjectById())
                .as("a plain value is a username, even when it looks like an id").isFalse();
        ImpersonationRequest byId = parse(form("requested_subject", "id:4e2c5a8e-0000-4000-8000-000000000001"));
        assertThat(byId.subjectById()).isTrue();
        assertThat(byId.requestedSubject()).isEqualTo("4e2c5a8e-0000-4000-8000-000000000001");
        assertThat(byId.subjectForAudit()).isEqualTo("id:4e2c5a8e-0000-4000-8000-000000000001");
        assertThatThrownBy(() -> parse(form("requested_subject", "id:"))).hasMessageContaining("id:<user id>");
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
        Map<String, List<String>> noReason = form();
        noReason.remove("reason");
        assertThatThrownBy(() -> parse(noReason)).hasMessageContaining("reason is required");
        assertThatThrownBy(() -> parse(form("reason", "abc"))).hasMessage("reason must be 5 to 200 characters long");
        assertThatThrownBy(() -> parse(form("reason", "x".repeat(201)))).hasMessageContaining("5 to 200");
        assertThatThrownBy(() -> parse(form("reason", "TICKET-1\nforged line"))).hasMessageContaining("one line");
        assertThatThrownBy(() -> parse(form("subject_token", "x".repeat(20_000)))).hasMessageContaining("too long");
        assertThatThrownBy(() -> parse(form("requested_subject", "x".repeat(5_000)))).hasMessageContaining("too long");
    }

    @Test
    void aDuplicatedParameterIsRefused() {
        for (String name : List.of("subject_token", "requested_subject", "reason", "scope", "subject_token_type")) {
            Map<String, List<String>> form = form("scope", "openid", "subject_token_type", ImpersonationRequest.ACCESS_TOKEN_TYPE);
            form.get(name).add(form.get(name).get(0));
            assertThatThrownBy(() -> parse(form)).as(name).isInstanceOf(ImpersonationRequest.Invalid.class)
                    .hasMessage(name + " must be given once");
        }
    }

    @Test
    void audiencesAndScopesOnlyAsThePolicyAllows() throws Exception {
        assertThatThrownBy(() -> parse(form("audience", "account")))
                .satisfies(e -> assertThat(((ImpersonationRequest.Invalid) e).error()).isEqualTo("invalid_target"));
        assertThatThrownBy(() -> parse(form("scope", "openid phone")))
                .satisfies(e -> assertThat(((ImpersonationRequest.Invalid) e).error()).isEqualTo("invalid_scope"));
        ImpersonationRequest allowed = ImpersonationRequest.parse(form("audience", "account", "scope", "phone"), CLIENT,
                allowing("account", "phone"));
        assertThat(allowed.audience()).containsExactly("account");
        assertThat(allowed.scopeParameter()).isEqualTo("openid phone");
    }

    @Test
    void theReasonMayBeOptional() throws Exception {
        Map<String, List<String>> noReason = form();
        noReason.remove("reason");
        ImpersonationRequest request = ImpersonationRequest.parse(noReason, CLIENT,
                ImpersonationSettings.fromOptions(Map.of("reason-required", "false")));
        assertThat(request.reason()).isNull();
    }
}
