package dev.vigil.events.refresh;

import dev.vigil.core.ratelimit.SlotCounter;
import dev.vigil.core.ratelimit.SlotStore;

/**
 * Vigil's own count of the uses of each refresh token id, in the cluster-wide single-use store. A
 * use beyond what the realm allows is reuse, even when Keycloak's check let it through.
 */
public final class ReuseLedger {

    public enum Use {
        FIRST,
        /** A later use that the realm's reuse count allows. */
        ALLOWED_REPEAT,
        BEYOND_ALLOWANCE
    }

    private final SlotCounter counter;

    public ReuseLedger(SlotStore store) {
        this.counter = new SlotCounter(store);
    }

    /**
     * Counts one successful use of {@code refreshTokenId}.
     *
     * @param allowedUses      uses allowed (the realm's max reuse + 1; 1 where rotation is enforced per client)
     * @param lifespanSeconds  how long the token can live, after which its count may go
     */
    public Use recordUse(String realmId, String refreshTokenId, int allowedUses, long lifespanSeconds) {
        int slot = counter.claimNext("vigil-refresh-use:" + realmId + ":" + refreshTokenId, allowedUses, lifespanSeconds);
        return slot < 0 ? Use.BEYOND_ALLOWANCE : slot == 0 ? Use.FIRST : Use.ALLOWED_REPEAT;
    }
}
