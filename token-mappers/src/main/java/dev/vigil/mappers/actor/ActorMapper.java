package dev.vigil.mappers.actor;

import dev.vigil.core.impersonation.ActorClaim;
import dev.vigil.mappers.VigilTokenMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.IDToken;

/**
 * {@code oidc-vigil-actor}: puts the RFC 8693 {@code act} claim into the tokens of an impersonation
 * session (admin console or Vigil's token exchange), from the user-session notes, so the actor is
 * rebuilt the same way at userinfo and introspection. The claim name is fixed; the usual
 * "add to access token / ID token / userinfo / introspection" switches apply (all on by default).
 */
public class ActorMapper extends VigilTokenMapper {

    public static final String PROVIDER_ID = "oidc-vigil-actor";

    private static final List<ProviderConfigProperty> CONFIG_PROPERTIES = new ArrayList<>();

    static {
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG_PROPERTIES, ActorMapper.class);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }

    @Override
    public String getDisplayType() {
        return "Impersonation actor (act, Vigil)";
    }

    @Override
    public String getHelpText() {
        return "In sessions started by an impersonation (admin console or Vigil's token exchange), adds the "
                + "RFC 8693 'act' claim: the impersonator's user id (sub), username (preferred_username) and, "
                + "for Vigil's token exchange, the support tool's client_id. Other sessions get no 'act'.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG_PROPERTIES;
    }

    @Override
    protected void setClaim(IDToken token, UserSessionModel userSession) {
        ActorClaim.fromNotes(userSession.getNotes()).ifPresent(actor -> token.setOtherClaims(ActorClaim.CLAIM, actor));
    }

    @Override
    public Map<String, String> operationalDetails() {
        return Map.of("claim", ActorClaim.CLAIM);
    }
}
