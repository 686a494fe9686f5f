package dev.vigil.mappers.actor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.impersonation.ActorClaim;
import dev.vigil.core.impersonation.ImpersonationTokenScope;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.AccessTokenIntrospectionProvider;
import org.keycloak.representations.AccessToken;
import org.keycloak.util.JsonSerialization;

/**
 * Keycloak's own access-token introspection, unchanged except for {@code act}: when the token's
 * introspection mappers (such as {@code oidc-vigil-actor}) set it, their claim is answered, not the
 * {@code {"sub": <username>}} Keycloak writes over it for impersonation sessions (see
 * {@link IntrospectionActor}). Without such a mapper the answer is exactly Keycloak's.
 *
 * <p>Keycloak rebuilds a token from its client session here, for introspection and for the Account
 * REST API (whose loader asks this provider when a token lacks the {@code account} audience). For a
 * token of Vigil's impersonation exchange the rebuilt token is cut down to the audiences the token was
 * issued with ({@link ImpersonationTokenScope#issuedAudiences}), so a full-scope support client's rebuilt
 * token cannot regain {@code account} or {@code manage-account}, and keeps the token's own {@code act}.
 */
public class ActorIntrospectionProvider extends AccessTokenIntrospectionProvider<AccessToken> {

    private static final Logger LOG = Logger.getLogger(ActorIntrospectionProvider.class);

    public ActorIntrospectionProvider(KeycloakSession session) {
        super(session);
    }

    @Override
    public AccessToken transformAccessToken(AccessToken token, UserSessionModel userSession) {
        AccessToken transformed = super.transformAccessToken(token, userSession);
        Set<String> audiences = ImpersonationTokenScope.issuedAudiences(token);
        if (audiences == null) {
            return transformed;
        }
        // A token of Vigil's exchange has no stored session: Keycloak rebuilt it from one made up for the client,
        // without the actor. Its own act and audiences, as signed when it was issued, are what it may carry.
        transformed.getOtherClaims().put(ActorClaim.CLAIM, token.getOtherClaims().get(ActorClaim.CLAIM));
        return ImpersonationTokenScope.restrict(transformed, audiences);
    }

    @Override
    public Response introspect(String token, EventBuilder eventBuilder) {
        Response response = super.introspect(token, eventBuilder);
        Object mapperActor = transformedToken == null ? null : transformedToken.getOtherClaims().get(ActorClaim.CLAIM);
        if (mapperActor == null || !(response.getEntity() instanceof byte[] body)) {
            return response;
        }
        try {
            JsonNode answer = JsonSerialization.mapper.readTree(body);
            if (!(answer instanceof ObjectNode introspection)
                    || !IntrospectionActor.restore(introspection, mapperActor, JsonSerialization.mapper)) {
                return response;
            }
            return Response.fromResponse(response).entity(JsonSerialization.writeValueAsBytes(introspection)).build();
        } catch (IOException | RuntimeException e) {
            // Never fail an introspection over the actor: Keycloak's own answer stands.
            LOG.warnf("could not put the mappers' act claim into the introspection answer (client %s): %s",
                    transformedToken.getIssuedFor(), e.toString());
            return response;
        }
    }
}
