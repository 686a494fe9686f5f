package dev.vigil.exchange;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.core.audit.AuditRecord;
import dev.vigil.core.audit.AuditTrail;
import dev.vigil.core.impersonation.ActorClaim;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.keycloak.OAuthErrorException;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.TokenExchangeContext;
import org.keycloak.protocol.oidc.TokenExchangeProvider;
import org.keycloak.services.CorsErrorResponseException;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.util.JsonSerialization;

/**
 * Keycloak's standard token exchange would turn an impersonation token into a token for another
 * audience with the realm's lifetime (past the impersonation's expiry), a refresh token when the
 * client may ask for one, and {@code act} only where that client has the {@code oidc-vigil-actor}
 * mapper. None of that can be guaranteed from outside its provider, so an impersonation token is
 * refused there, whatever the client; every other request is handed to Keycloak's provider unchanged.
 */
final class StandardExchangeGuard {

    static final String STANDARD_PROVIDER_ID = "standard";

    private final KeycloakSession session;
    private final TokenExchangeContext context;
    private final ImpersonationMetrics metrics;
    private final Clock clock;

    StandardExchangeGuard(KeycloakSession session, TokenExchangeContext context, ImpersonationMetrics metrics, Clock clock) {
        this.session = session;
        this.context = context;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * Whether an (unverified) JWT's payload has an {@code act} claim: only a routing hint, read without a
     * database lookup; {@link #run()} decides on the verified token.
     */
    static boolean carriesActor(String token) {
        if (token == null || token.length() > ImpersonationRequest.MAX_SUBJECT_TOKEN_LENGTH) {
            return false;
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return false;
        }
        try {
            JsonNode payload = JsonSerialization.mapper.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return payload != null && payload.has("act");
        } catch (Exception e) {
            return false;
        }
    }

    Response run() {
        AuthenticationManager.AuthResult auth = AuthenticationManager.verifyIdentityToken(session, context.getRealm(),
                session.getContext().getUri(), context.getClientConnection(), true, true, null, false,
                context.getFormParams().getFirst("subject_token"), context.getHeaders(), verifier -> { });
        Object actor = auth == null ? null : auth.token().getOtherClaims().get(ActorClaim.CLAIM);
        // Only Vigil's exchange names a client in act; Keycloak's admin-console impersonation is left to Keycloak.
        if (ActorClaim.client(actor) != null) {
            String reason = "standard-exchange-of-impersonation";
            context.getEvent().user(auth.user()).detail(Details.REASON, reason)
                    .detail(ImpersonationExchangeProvider.IMPERSONATION_ID, auth.token().getId())
                    .detail("vigil_decision", "denied").error(Errors.INVALID_REQUEST);
            metrics.denied(reason);
            Object impersonator = ((Map<?, ?>) actor).get(ActorClaim.PREFERRED_USERNAME);
            AuditTrail.write(AuditRecord.builder(ImpersonationExchangeProvider.AUDIT_SOURCE, "IMPERSONATION", Instant.now(clock))
                    .realm(context.getRealm().getName()).clientId(context.getClient().getClientId())
                    .userId(auth.user().getId()).username(auth.user().getUsername())
                    .ipAddress(context.getClientConnection().getRemoteAddr())
                    .detail("decision", "denied").detail("denial", reason)
                    .detail(ImpersonationExchangeProvider.IMPERSONATION_ID, auth.token().getId())
                    .detail("impersonator", impersonator == null ? null : impersonator.toString())
                    .error(OAuthErrorException.INVALID_REQUEST).build());
            throw new CorsErrorResponseException(context.getCors(), OAuthErrorException.INVALID_REQUEST,
                    "An impersonation token cannot be exchanged", Response.Status.BAD_REQUEST);
        }
        TokenExchangeProvider standard = session.getProvider(TokenExchangeProvider.class, STANDARD_PROVIDER_ID);
        if (standard == null || !standard.supports(context)) {
            String reason = standard == null ? "Standard token exchange is not available" : context.getUnsupportedReason();
            context.getEvent().detail(Details.REASON, reason).error(Errors.INVALID_REQUEST);
            throw new CorsErrorResponseException(context.getCors(), OAuthErrorException.INVALID_REQUEST, reason,
                    Response.Status.BAD_REQUEST);
        }
        return standard.exchange(context);
    }
}
