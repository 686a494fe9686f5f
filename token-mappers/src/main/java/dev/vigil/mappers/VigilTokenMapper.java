package dev.vigil.mappers;

import dev.vigil.core.VigilProviderFactory;
import dev.vigil.core.compat.VigilCapability;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.ProtocolMapper;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.representations.IDToken;

/**
 * What the pack's token mappers share: every token kind (access, ID, userinfo, introspection; the
 * admin's "add to ..." switches decide), Keycloak's token-mapper category, the pack's operational
 * info, and claims that come from the user session only, so a token built without one gets none.
 */
public abstract class VigilTokenMapper extends AbstractOIDCProtocolMapper implements OIDCAccessTokenMapper,
        OIDCIDTokenMapper, UserInfoTokenMapper, TokenIntrospectionTokenMapper, VigilProviderFactory<ProtocolMapper> {

    @Override
    public VigilCapability capability() {
        return VigilCapability.TOKEN_MAPPERS;
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    protected final void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
                                  KeycloakSession keycloakSession, ClientSessionContext clientSessionCtx) {
        if (userSession != null) {
            setClaim(token, userSession);
        }
    }

    /** Puts the mapper's claims from {@code userSession} into {@code token}. */
    protected abstract void setClaim(IDToken token, UserSessionModel userSession);
}
