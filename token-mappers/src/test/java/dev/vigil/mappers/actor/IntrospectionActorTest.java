package dev.vigil.mappers.actor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.impersonation.ActorClaim;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntrospectionActorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> ACTOR = ActorClaim.fromNotes(Map.of(
            "IMPERSONATOR_ID", "admin-id", "IMPERSONATOR_USERNAME", "admin")).orElseThrow();

    private static ObjectNode answer(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }

    @Test
    void keycloaksUsernameActorIsReplacedByTheMappers() throws Exception {
        // What Keycloak 26.7.3 answers for an impersonation session, whatever the mappers set.
        ObjectNode introspection = answer("{\"sub\":\"alice-id\",\"act\":{\"sub\":\"admin\"},\"active\":true}");
        assertThat(IntrospectionActor.restore(introspection, ACTOR, JSON)).isTrue();
        assertThat(introspection).isEqualTo(answer(
                "{\"sub\":\"alice-id\",\"act\":{\"sub\":\"admin-id\",\"preferred_username\":\"admin\"},\"active\":true}"));
    }

    @Test
    void anAnswerWithoutActGetsTheMappers() throws Exception {
        ObjectNode introspection = answer("{\"sub\":\"alice-id\",\"active\":true}");
        assertThat(IntrospectionActor.restore(introspection, ACTOR, JSON)).isTrue();
        assertThat(introspection.path("act").path("sub").asText()).isEqualTo("admin-id");
    }

    @Test
    void nothingChangesWithoutAMapperActorOrForInactiveTokens() throws Exception {
        ObjectNode keycloaks = answer("{\"sub\":\"alice-id\",\"act\":{\"sub\":\"admin\"},\"active\":true}");
        assertThat(IntrospectionActor.restore(keycloaks, null, JSON)).isFalse();
        assertThat(keycloaks.path("act")).isEqualTo(answer("{\"sub\":\"admin\"}"));

        ObjectNode inactive = answer("{\"active\":false}");
        assertThat(IntrospectionActor.restore(inactive, ACTOR, JSON)).isFalse();
        assertThat(inactive.has("act")).isFalse();

        ObjectNode notAnObject = answer("{\"act\":{\"sub\":\"admin\"},\"active\":true}");
        assertThat(IntrospectionActor.restore(notAnObject, "admin-id", JSON)).isFalse();
        assertThat(notAnObject.path("act").path("sub").asText()).isEqualTo("admin");
    }

    @Test
    void anAnswerThatAlreadyHoldsTheMappersActorIsLeftAlone() throws Exception {
        ObjectNode introspection = answer("{\"act\":{\"sub\":\"admin-id\",\"preferred_username\":\"admin\"},\"active\":true}");
        assertThat(IntrospectionActor.restore(introspection, ACTOR, JSON)).isFalse();
    }
}
