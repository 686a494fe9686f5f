package dev.vigil.events.refresh;

import java.time.Clock;
import org.keycloak.OAuthErrorException;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.TokenManager;
import org.keycloak.protocol.oidc.refresh.DefaultRefreshTokenProvider;
import org.keycloak.protocol.oidc.refresh.RefreshTokenContext;
import org.keycloak.representations.RefreshToken;

/**
 * Keycloak's own refresh path, plus two things when a {@code vigil-refresh-reuse} client policy
 * applies to the client: the policy goes into the refresh event for the listener, and with a grace
 * window the reuse check gets {@link GraceTokenManager}. Without a policy nothing changes.
 */
public class GraceRefreshTokenProvider extends DefaultRefreshTokenProvider {

    private final Clock clock;

    GraceRefreshTokenProvider(KeycloakSession session, Clock clock) {
        super(session);
        this.clock = clock;
    }

    @Override
    public TokenManager.AccessTokenResponseBuilder refreshAccessToken(RefreshTokenContext ctx) throws OAuthErrorException {
        RefreshPolicy policy = (RefreshPolicy) session.getAttribute(RefreshPolicy.SESSION_ATTRIBUTE);
        if (policy == null) {
            return super.refreshAccessToken(ctx);
        }
        EventBuilder event = ctx.grantContext().getEvent();
        event.detail(RefreshPolicy.EVENT_DETAIL, policy.toEventDetail());
        if (policy.graceSeconds() == 0 || !ctx.grantContext().getRealm().isRevokeRefreshToken()) {
            return super.refreshAccessToken(ctx);
        }
        GraceTokenManager graceful = new GraceTokenManager(policy.graceSeconds(), clock, event);
        return super.refreshAccessToken(new RefreshTokenContext(ctx.oldRefreshToken(), ctx.grantContext(), ctx.grant(),
                graceful, ctx.scopeParameter(), ctx.resourceParameter()));
    }

    @Override
    protected void afterRefreshTokenGenerated(RefreshTokenContext ctx, TokenManager.AccessTokenResponseBuilder responseBuilder) {
        super.afterRefreshTokenGenerated(ctx, responseBuilder);
        RefreshToken issued = responseBuilder.getRefreshToken();
        if (ctx.tokenManager() instanceof GraceTokenManager graceful && issued != null) {
            graceful.recordIssue(responseBuilder.getClientSessionCtx().getClientSession(), ctx.oldRefreshToken(), issued.getId());
        }
    }
}
