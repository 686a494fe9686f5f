package dev.vigil.events.refresh;

import dev.vigil.core.ratelimit.SingleUseObjectSlotStore;
import dev.vigil.core.time.KeycloakClock;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
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
        long lifespan = lifespan(realm, refresh);
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
        if (refresh.isKeycloakReuseError()) {
            respond(new Detection(Detection.Source.KEYCLOAK_REUSE_ERROR, refresh,
                    memory.firstUse(realm.getId(), refresh.refreshTokenId()), userAgent), policy);
        } else if (refresh.success() && !refresh.isGraceRepeat()) {
            int allowedUses = realmRotates ? realm.getRefreshTokenMaxReuse() + 1 : 1;
            ReuseLedger.Use use = new ReuseLedger(new SingleUseObjectSlotStore(session))
                    .recordUse(realm.getId(), refresh.refreshTokenId(), allowedUses, lifespan);
            if (use == ReuseLedger.Use.FIRST) {
                memory.recordFirstUse(realm.getId(), refresh.refreshTokenId(),
                        new Detection.FirstUse(refresh.time(), refresh.ipAddress(), userAgent), lifespan);
            } else if (use == ReuseLedger.Use.BEYOND_ALLOWANCE) {
                respond(new Detection(Detection.Source.LEDGER, refresh,
                        memory.firstUse(realm.getId(), refresh.refreshTokenId()), userAgent), policy);
            }
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

    /** Upper bound of a refresh token's remaining life: its session's maximum lifespan. */
    private static long lifespan(RealmModel realm, RefreshEvent refresh) {
        long seconds = refresh.isOffline()
                ? Math.max(realm.getOfflineSessionMaxLifespan(), realm.getOfflineSessionIdleTimeout())
                : Math.max(realm.getSsoSessionMaxLifespan(), realm.getSsoSessionIdleTimeout());
        return Math.max(60, seconds);
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
    }

    @Override
    public void close() {
    }
}
