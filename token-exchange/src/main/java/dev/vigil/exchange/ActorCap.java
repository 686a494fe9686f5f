package dev.vigil.exchange;

import dev.vigil.core.ratelimit.SingleUseObjectSlotStore;
import dev.vigil.core.ratelimit.SlotCounter;
import org.keycloak.models.KeycloakSession;

/**
 * The cap on running impersonations per actor, counted in Keycloak's cluster-wide single-use store:
 * each grant holds one slot for the token's lifetime, and ending an impersonation early frees it.
 * A few cache operations instead of reading every session of the realm.
 */
final class ActorCap {

    private final KeycloakSession session;

    ActorCap(KeycloakSession session) {
        this.session = session;
    }

    /** @return the slot's key, or null when the actor already holds {@code max} */
    String claim(String realmId, String actorId, int max, long lifetimeSeconds) {
        String prefix = prefix(realmId, actorId);
        int slot = new SlotCounter(new SingleUseObjectSlotStore(session)).claimNext(prefix, max, lifetimeSeconds);
        return slot < 0 ? null : prefix + ":" + slot;
    }

    void release(String slotKey) {
        if (slotKey != null && slotKey.startsWith("vigil-impersonation-active:")) {
            session.singleUseObjects().remove(slotKey);
        }
    }

    private static String prefix(String realmId, String actorId) {
        return "vigil-impersonation-active:" + realmId + ":" + actorId;
    }
}
