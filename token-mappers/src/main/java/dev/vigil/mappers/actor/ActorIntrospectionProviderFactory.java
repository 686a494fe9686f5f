package dev.vigil.mappers.actor;

import dev.vigil.core.VigilProviderFactory;
import dev.vigil.core.compat.MinimumKeycloak;
import java.util.Map;
import org.keycloak.Config;
import org.keycloak.common.Version;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.AccessTokenIntrospectionProviderFactory;
import org.keycloak.protocol.oidc.TokenIntrospectionProvider;
import org.keycloak.provider.EnvironmentDependentProviderFactory;

/**
 * Takes the place of Keycloak's {@code access_token} introspection provider (same id, higher order;
 * Keycloak logs which factory it uses) with {@link ActorIntrospectionProvider}, so that introspection
 * answers the same {@code act} as the JWT.
 */
public class ActorIntrospectionProviderFactory extends AccessTokenIntrospectionProviderFactory
        implements VigilProviderFactory<TokenIntrospectionProvider>, EnvironmentDependentProviderFactory {

    /** It reads the token Keycloak's introspection rebuilt ({@code transformedToken}), which 26.7 added. */
    static final MinimumKeycloak MINIMUM = new MinimumKeycloak("vigil access_token introspection", 26, 7,
            "it extends Keycloak's introspection through an API 26.7 added; Keycloak's own introspection answers"
            + " instead (an impersonation token's act stays in its JWT).");

    @Override
    public boolean isSupported(Config.Scope config) {
        return MINIMUM.supported(Version.VERSION);
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
