package dev.vigil.core.ratelimit;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;

/** Slots in Keycloak's cluster-wide single-use object store ({@code putIfAbsent} is atomic across nodes). */
public final class SingleUseObjectSlotStore implements SlotStore {

    private final SingleUseObjectProvider store;

    public SingleUseObjectSlotStore(KeycloakSession session) {
        this(session.singleUseObjects());
    }

    public SingleUseObjectSlotStore(SingleUseObjectProvider store) {
        this.store = store;
    }

    @Override
    public boolean claim(String key, long lifespanSeconds) {
        return store.putIfAbsent(key, Math.max(1, lifespanSeconds));
    }

    @Override
    public boolean isClaimed(String key) {
        return store.contains(key);
    }

    @Override
    public void release(String key) {
        // remove is an atomic consume on every node
        store.remove(key);
    }
}
