package dev.vigil.mappers.actor;

import dev.vigil.core.VigilProviderFactory;
import dev.vigil.core.compat.VigilCapability;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.AccessTokenIntrospectionProviderFactory;
import org.keycloak.protocol.oidc.TokenIntrospectionProvider;

/**
 * Takes the place of Keycloak's {@code access_token} introspection provider (same id, higher order;
 * Keycloak logs which factory it uses) with {@link ActorIntrospectionProvider}, so that introspection
 * answers the same {@code act} as the JWT.
 */
public class ActorIntrospectionProviderFactory extends AccessTokenIntrospectionProviderFactory
        implements VigilProviderFactory<TokenIntrospectionProvider> {

    @Override
    public VigilCapability capability() {
        return VigilCapability.TOKEN_MAPPERS;
    }

    @Override
    public TokenIntrospectionProvider create(KeycloakSession session) {
        return new ActorIntrospectionProvider(session);
    }

    @Override
    public String getId() {
        return ACCESS_TOKEN_TYPE;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Map<String, String> operationalDetails() {
        return Map.of("act", "the claim of the token's introspection mappers, when they set one");
    }
}
