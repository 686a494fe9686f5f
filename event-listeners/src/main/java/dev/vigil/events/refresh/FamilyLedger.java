package dev.vigil.events.refresh;

import java.util.Map;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The {@link FamilyRecord}s in Keycloak's cluster-wide single-use store: one entry per refresh family
 * ({@code vigil-refresh-family:<realm>:<client>/<session>}), rewritten at each refresh with the lifetime of
 * the newest refresh token, so it goes when the family can no longer refresh. A short lock entry per family
 * keeps two refreshes of one family from overwriting each other's update; it is released after the request.
 */
final class FamilyLedger {

    private static final String RECORD = "vigil-refresh-family:";
    private static final String LOCK = "vigil-refresh-family-lock:";
    /** Longest a crashed request can hold a family's lock. */
    static final long LOCK_SECONDS = 10;

    private final KeycloakSession session;
    private final SingleUseObjectProvider store;

    FamilyLedger(KeycloakSession session) {
        this.session = session;
        this.store = session.singleUseObjects();
    }

    /**
     * Records one successful refresh and judges it. When another refresh of the same family holds the lock,
     * nothing is recorded and the refresh counts as a first use (where the realm rotates, Keycloak's own
     * check still sees a reused token).
     */
    FamilyRecord.Outcome present(String realmId, String family, String chain, String presented, Long presentedIat,
                                 String issued, int allowedUses, Detection.FirstUse now, long lifespanSeconds) {
        String key = RECORD + realmId + ":" + family;
        String lock = LOCK + realmId + ":" + family;
        if (!store.putIfAbsent(lock, LOCK_SECONDS)) {
            return new FamilyRecord.Outcome(FamilyRecord.ReuseVerdict.FIRST, null, null);
        }
        releaseAfterRequest(lock);
        FamilyRecord.Outcome outcome = FamilyRecord.fromNotes(store.get(key)).present(chain, presented, presentedIat, issued,
                allowedUses, now);
        store.remove(key);
        store.put(key, lifespanSeconds, outcome.after().toNotes());
        return outcome;
    }

    /** Where and when a token of the family was first presented, if it is among its recent tokens. */
    Detection.FirstUse firstUse(String realmId, String family, String tokenId) {
        Map<String, String> notes = store.get(RECORD + realmId + ":" + family);
        return FamilyRecord.fromNotes(notes).firstUse(tokenId);
    }

    private void releaseAfterRequest(String lock) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                release();
            }

            @Override
            protected void rollbackImpl() {
                release();
            }

            private void release() {
                KeycloakModelUtils.runJobInTransaction(factory, s -> s.singleUseObjects().remove(lock));
            }
        });
    }
}
