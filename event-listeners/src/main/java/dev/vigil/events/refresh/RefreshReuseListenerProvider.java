package dev.vigil.events.refresh;

import dev.vigil.core.ratelimit.SingleUseObjectSlotStore;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * {@code vigil-refresh-reuse}: watches refresh events for a token used more often than the realm
 * allows. On the request path it does a few cache operations; the response runs after commit.
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
        if (!realm.isRevokeRefreshToken()) {
            // The realm allows reuse by configuration: reuse is not theft there.
            factory.rotationOff(realm);
            return;
        }
        Detection detection = null;
        if (refresh.isKeycloakReuseError()) {
            detection = new Detection(Detection.Source.KEYCLOAK_REUSE_ERROR, refresh);
        } else if (refresh.success() && !new ReuseLedger(new SingleUseObjectSlotStore(session))
                .recordUse(realm.getId(), refresh.refreshTokenId(), realm.getRefreshTokenMaxReuse() + 1, lifespan(realm, refresh))) {
            detection = new Detection(Detection.Source.LEDGER, refresh);
        }
        if (detection != null) {
            TheftResponse.afterCommit(session, detection, factory.scope(), factory.metrics());
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
