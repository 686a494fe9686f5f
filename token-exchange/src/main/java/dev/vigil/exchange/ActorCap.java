package dev.vigil.exchange;

import dev.vigil.core.ratelimit.SingleUseObjectSlotStore;
import dev.vigil.core.ratelimit.SlotCounter;
import dev.vigil.core.ratelimit.SlotHints;
import org.keycloak.models.KeycloakSession;

/**
 * The cap on running impersonations per actor, counted in Keycloak's cluster-wide single-use store:
 * each grant holds one slot for the token's lifetime, and ending an impersonation early frees it.
 * One cache operation when this node's hint is right (slots are taken in turn, so the next one is most often the
 * one that expired first), a few more otherwise; never a read of the realm's sessions.
 */
final class ActorCap {

    /** Actors whose next slot this node remembers; past that it forgets them all and starts again. */
    private static final SlotHints HINTS = new SlotHints(10_000);

    private final KeycloakSession session;

    ActorCap(KeycloakSession session) {
        this.session = session;
    }

    /** @return the slot's key, or null when the actor already holds {@code max} */
    String claim(String realmId, String actorId, int max, long lifetimeSeconds) {
        String prefix = prefix(realmId, actorId);
        int hint = HINTS.take(prefix, max);
        int slot = new SlotCounter(new SingleUseObjectSlotStore(session)).claimNext(prefix, max, lifetimeSeconds, hint);
        HINTS.landed(prefix, hint, slot);
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
