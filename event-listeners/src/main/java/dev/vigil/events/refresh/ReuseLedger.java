package dev.vigil.events.refresh;

import dev.vigil.core.ratelimit.SlotCounter;
import dev.vigil.core.ratelimit.SlotStore;

/**
 * Vigil's own count of the uses of each refresh token id, in the cluster-wide single-use store. A
 * use beyond what the realm allows is reuse, even when Keycloak's check let it through.
 */
public final class ReuseLedger {

    private final SlotCounter counter;

    public ReuseLedger(SlotStore store) {
        this.counter = new SlotCounter(store);
    }

    /**
     * Counts one successful use of {@code refreshTokenId}.
     *
     * @param allowedUses      uses the realm allows (its max reuse + 1)
     * @param lifespanSeconds  how long the token can live, after which its count may go
     * @return true when this use is within the allowance
     */
    public boolean recordUse(String realmId, String refreshTokenId, int allowedUses, long lifespanSeconds) {
        return counter.claimNext("vigil-refresh-use:" + realmId + ":" + refreshTokenId, allowedUses, lifespanSeconds) >= 0;
    }
}
