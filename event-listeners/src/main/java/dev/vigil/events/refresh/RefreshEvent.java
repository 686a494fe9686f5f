package dev.vigil.events.refresh;

import java.util.Map;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;

/**
 * The parts of a refresh event (success or error) that reuse detection needs.
 *
 * @param policy the Vigil client policy in force for the request ({@link RefreshPolicy#NONE} if none)
 * @param grace  set when Vigil's grace window answered a repeat as a normal refresh
 * @param updatedRefreshTokenId the id of the refresh token a successful refresh issued
 */
public record RefreshEvent(boolean success, long time, String realmId, String realmName, String clientId,
                           String sessionId, String userId, String refreshTokenId, String tokenType, String reason,
                           String ipAddress, RefreshPolicy policy, String grace, String updatedRefreshTokenId) {

    /** Keycloak's reasons for refusing a rotated refresh token that was already used (realm "Revoke Refresh Token" on). */
    static final String REUSE_EXCEEDED = "Maximum allowed refresh token reuse exceeded";
    static final String STALE_TOKEN = "Stale token";

    /** The event as a refresh event, or null for any other event. */
    public static RefreshEvent of(Event event) {
        if (event.getType() != EventType.REFRESH_TOKEN && event.getType() != EventType.REFRESH_TOKEN_ERROR) {
            return null;
        }
        Map<String, String> d = event.getDetails() == null ? Map.of() : event.getDetails();
        String user = event.getUserId() != null ? event.getUserId() : d.get("refresh_token_sub");
        return new RefreshEvent(event.getType() == EventType.REFRESH_TOKEN, event.getTime(), event.getRealmId(),
                event.getRealmName(), event.getClientId(), event.getSessionId(), user, d.get("refresh_token_id"),
                d.get("refresh_token_type"), d.get("reason"), event.getIpAddress(),
                RefreshPolicy.fromEventDetail(d.get(RefreshPolicy.EVENT_DETAIL)), d.get(GraceTokenManager.GRACE_DETAIL),
                d.get("updated_refresh_token_id"));
    }

    /**
     * Keycloak refused the token as reused. It does so only after verifying the token's signature, so a
     * forged or garbage token never lands here (its error has another reason).
     */
    public boolean isKeycloakReuseError() {
        return !success && (REUSE_EXCEEDED.equals(reason) || STALE_TOKEN.equals(reason));
    }

    /** The immediately previous token again, answered within Vigil's grace window: not a new use to count. */
    public boolean isGraceRepeat() {
        return GraceTokenManager.REPEAT_WITHIN_WINDOW.equals(grace);
    }

    public boolean isOffline() {
        return "Offline".equalsIgnoreCase(tokenType);
    }

    /** One chain of rotated refresh tokens, as far as events tell: the client within the user session. */
    public String family() {
        return clientId + "/" + sessionId;
    }
}
