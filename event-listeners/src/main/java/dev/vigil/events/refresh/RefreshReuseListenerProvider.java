package dev.vigil.events.refresh;

import dev.vigil.core.ratelimit.SingleUseObjectSlotStore;
import dev.vigil.core.time.KeycloakClock;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import java.util.Map;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.jose.jws.JWSInput;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * {@code vigil-refresh-reuse}: watches refresh events for a token used more often than allowed, and
 * for the anomalies the client's policy asks for. On the request path it does a few cache
 * operations; any response runs after commit.
 */
public class RefreshReuseListenerProvider implements EventListenerProvider {

    private final KeycloakSession session;
    private final RefreshReuseListenerProviderFactory factory;

    RefreshReuseListenerProvider(KeycloakSession session, RefreshReuseListenerProviderFactory factory) {
        this.session = session;
        this.factory = factory;
    }

    @Override
    public void onEvent(Event event) {
        RefreshEvent refresh = RefreshEvent.of(event);
        if (refresh == null || refresh.refreshTokenId() == null) {
            return;
        }
        RealmModel realm = session.realms().getRealm(refresh.realmId());
        if (realm == null) {
            return;
        }
        RefreshPolicy policy = refresh.policy();
        String userAgent = userAgent();
        long lifespan = lifespan(realm, refresh.clientId() == null ? null : realm.getClientByClientId(refresh.clientId()), refresh);
        FamilyMemory memory = new FamilyMemory(session);
        if (refresh.success() && policy.watchesAnomalies()) {
            List<Detection.Source> signals = new RefreshAnomalies(new SingleUseObjectSlotStore(session), memory,
                    KeycloakClock.utc()).check(refresh, policy, userAgent, lifespan);
            signals.forEach(signal -> respond(new Detection(signal, refresh, null, userAgent), policy));
        }
        boolean realmRotates = realm.isRevokeRefreshToken();
        if (!realmRotates && !policy.rotationEnforced()) {
            // The realm allows reuse by configuration: reuse is not theft there.
            factory.rotationOff(realm);
            return;
        }
        FamilyLedger ledger = new FamilyLedger(session);
        if (refresh.isKeycloakReuseError()) {
            respond(new Detection(Detection.Source.KEYCLOAK_REUSE_ERROR, refresh,
                    ledger.firstUse(realm.getId(), refresh.family(), refresh.refreshTokenId()), userAgent), policy);
        } else if (refresh.success() && !refresh.isGraceRepeat()) {
            int allowedUses = realmRotates ? realm.getRefreshTokenMaxReuse() + 1 : 1;
            Map<?, ?> presented = presentedClaims();
            Object chain = presented.get("reuse_id");
            Object iat = presented.get("iat");
            FamilyRecord.Outcome outcome = ledger.present(realm.getId(), refresh.family(),
                    chain instanceof String c && !c.isBlank() ? c : null, refresh.refreshTokenId(),
                    iat instanceof Number n ? n.longValue() : null, refresh.updatedRefreshTokenId(), allowedUses,
                    new Detection.FirstUse(refresh.time(), refresh.ipAddress(), userAgent), lifespan);
            if (outcome.verdict() == FamilyRecord.ReuseVerdict.BEYOND_ALLOWANCE) {
                respond(new Detection(Detection.Source.LEDGER, refresh, outcome.firstUse(), userAgent), policy);
            }
        }
    }

    /**
     * The claims of the refresh token this request presented (its rotation chain {@code reuse_id} and
     * {@code iat}), read from the request: Keycloak verified the token before the success event. Empty
     * when it cannot be read.
     */
    private Map<?, ?> presentedClaims() {
        try {
            String token = session.getContext().getHttpRequest().getDecodedFormParameters().getFirst("refresh_token");
            return token == null ? Map.of() : new JWSInput(token).readJsonContent(Map.class);
        } catch (Exception unreadable) {
            return Map.of();
        }
    }

    private void respond(Detection detection, RefreshPolicy policy) {
        ResponsePlan plan = ResponsePlan.of(detection.source(), policy, factory.scope());
        TheftResponse.afterCommit(session, detection, plan, factory.metrics());
    }

    /** The request's user agent; error events run in a session of their own, where it may be absent. */
    private String userAgent() {
        try {
            HttpHeaders headers = session.getContext().getRequestHeaders();
            return headers == null ? null : headers.getHeaderString(HttpHeaders.USER_AGENT);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * How long the newest refresh token of the family can live: the idle timeout of its kind (a refresh token
     * expires after it), the longer of the realm's and the client's, never beyond the session's maximum
     * lifespan where that is shorter; at least 60 seconds. Each refresh writes the family's entry again with this.
     */
    static long lifespan(RealmModel realm, org.keycloak.models.ClientModel client, RefreshEvent refresh) {
        long idle = refresh.isOffline() ? realm.getOfflineSessionIdleTimeout() : realm.getSsoSessionIdleTimeout();
        long max = refresh.isOffline() ? (realm.isOfflineSessionMaxLifespanEnabled() ? realm.getOfflineSessionMaxLifespan() : 0)
                : realm.getSsoSessionMaxLifespan();
        if (client != null) {
            idle = Math.max(idle, seconds(client.getAttribute(refresh.isOffline()
                    ? "client.offline.session.idle.timeout" : "client.session.idle.timeout")));
        }
        long seconds = max > 0 ? Math.min(idle, max) : idle;
        return Math.max(60, seconds);
    }

    private static long seconds(String attribute) {
        try {
            return attribute == null || attribute.isBlank() ? 0 : Long.parseLong(attribute.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
    }

    @Override
    public void close() {
    }
}
