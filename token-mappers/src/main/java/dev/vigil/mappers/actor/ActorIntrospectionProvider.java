package dev.vigil.mappers.actor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.core.impersonation.ActorClaim;
import dev.vigil.core.impersonation.ImpersonationTokenScope;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
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
 * Vigil impersonation session the rebuilt token is cut down to what the exchange allowed when it
 * issued the token ({@link ImpersonationTokenScope}), so a full-scope support client's rebuilt token
 * cannot regain {@code account} or {@code manage-account}.
 */
public class ActorIntrospectionProvider extends AccessTokenIntrospectionProvider<AccessToken> {

    private static final Logger LOG = Logger.getLogger(ActorIntrospectionProvider.class);

    public ActorIntrospectionProvider(KeycloakSession session) {
        super(session);
    }

    @Override
    public AccessToken transformAccessToken(AccessToken token, UserSessionModel userSession) {
        AccessToken transformed = super.transformAccessToken(token, userSession);
        String audiences = userSession == null ? null : userSession.getNote(ImpersonationTokenScope.AUDIENCES_NOTE);
        return audiences == null ? transformed : ImpersonationTokenScope.restrict(transformed, ImpersonationTokenScope.fromNote(audiences));
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
