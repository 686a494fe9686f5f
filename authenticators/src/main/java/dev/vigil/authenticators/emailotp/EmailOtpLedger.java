package dev.vigil.authenticators.emailotp;

import dev.vigil.authenticators.trust.TrustVerdict;
import dev.vigil.authenticators.trust.TrustedDeviceCookie;
import dev.vigil.core.ratelimit.SingleUseObjectSlotStore;
import dev.vigil.core.ratelimit.SlotCounter;
import jakarta.ws.rs.core.Cookie;
import java.time.Clock;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * {@link CodeCheck.Ledger} for one request: attempts, resolutions and budgets in Keycloak's
 * cluster-wide single-use store, the trusted-device cookie from the request.
 */
final class EmailOtpLedger implements CodeCheck.Ledger {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final StoreKeys keys;
    private final EmailOtpConfig config;
    private final Clock clock;
    private final SlotCounter slots;

    EmailOtpLedger(KeycloakSession session, RealmModel realm, StoreKeys keys, EmailOtpConfig config, Clock clock) {
        this.session = session;
        this.realm = realm;
        this.keys = keys;
        this.config = config;
        this.clock = clock;
        this.slots = new SlotCounter(new SingleUseObjectSlotStore(session));
    }

    /** Stores what {@code codeId} was issued for, for as long as the code can be submitted. */
    static void store(KeycloakSession session, String codeId, Resolution resolution, EmailOtpConfig config) {
        session.singleUseObjects().put(StoreKeys.resolution(codeId), config.lifetime().getSeconds() + 60, resolution.toNotes());
    }

    @Override
    public boolean countAttempt(String codeId) {
        return slots.claimNext(StoreKeys.attempts(codeId), config.maxAttempts(), config.lifetime().getSeconds()) >= 0;
    }

    @Override
    public Resolution resolution(String codeId) {
        return Resolution.fromNotes(session.singleUseObjects().get(StoreKeys.resolution(codeId)));
    }

    @Override
    public int claim(GuessBudget.Pool pool, String budgetKey) {
        return slots.claimNext(keys.budget(pool, budgetKey), GuessBudget.size(pool, config.codeLength()),
                GuessBudget.WINDOW_SECONDS);
    }

    @Override
    public void release(GuessBudget.Pool pool, String budgetKey, int slot) {
        slots.release(keys.budget(pool, budgetKey), slot);
    }

    @Override
    public boolean trustedDevice(String userId) {
        // Only asked once the first-factor pool is used up, and the user is loaded only when the request
        // carries a cookie at all.
        Cookie cookie = session.getContext().getRequestHeaders().getCookies().get(TrustedDeviceCookie.NAME);
        if (cookie == null || cookie.getValue() == null || cookie.getValue().isBlank()) {
            return false;
        }
        UserModel user = session.users().getUserById(realm, userId);
        return user != null && TrustedDeviceCookie.verdict(session, realm, user, clock.instant()) == TrustVerdict.TRUSTED;
    }
}
