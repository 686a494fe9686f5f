package dev.vigil.mappers.actor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.impersonation.ActorClaim;

/**
 * Keycloak 26.7's access-token introspection builds its answer from the token as the client's
 * introspection mappers rebuild it, and then, for any session with an {@code IMPERSONATOR_USERNAME}
 * note, replaces {@code act} with {@code {"sub": <impersonator's username>}}: the actor a mapper put
 * there (and into the JWT) is lost, and {@code act.sub} means a username at introspection but a user
 * id in the JWT. This puts the mappers' {@code act} back.
 */
public final class IntrospectionActor {

    private IntrospectionActor() {
    }

    /**
     * Sets {@code act} of an active introspection answer to the claim the mappers produced. Returns
     * whether the answer changed: not when it is inactive, when the mappers produced no object
     * {@code act}, or when it already holds exactly that.
     */
    public static boolean restore(ObjectNode introspection, Object mapperActor, ObjectMapper json) {
        if (introspection == null || mapperActor == null || !introspection.path("active").asBoolean(false)) {
            return false;
        }
        JsonNode actor = json.valueToTree(mapperActor);
        if (!actor.isObject() || actor.equals(introspection.get(ActorClaim.CLAIM))) {
            return false;
        }
        introspection.set(ActorClaim.CLAIM, actor);
        return true;
    }
}
