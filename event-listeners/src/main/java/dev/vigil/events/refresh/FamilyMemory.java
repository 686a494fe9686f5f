package dev.vigil.events.refresh;

import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * The last user agent of each refresh family (for the user-agent-change signal), in Keycloak's
 * cluster-wide single-use object store: one entry per family, shortened as {@link FamilyRecord#shorten}.
 */
class FamilyMemory implements RefreshAnomalies.AgentMemory {

    private static final String AGENT = "vigil-refresh-agent:";

    private final SingleUseObjectProvider store;

    FamilyMemory(KeycloakSession session) {
        this.store = session.singleUseObjects();
    }

    /** The family's user agent at its previous refresh, or null. */
    @Override
    public String lastAgent(String realmId, String family) {
        Map<String, String> notes = store.get(AGENT + realmId + ":" + family);
        return notes == null ? null : notes.get("ua");
    }

    @Override
    public void rememberAgent(String realmId, String family, String userAgent, long lifespanSeconds) {
        String key = AGENT + realmId + ":" + family;
        store.remove(key);
        store.put(key, lifespanSeconds, Map.of("ua", truncate(userAgent)));
    }

    static String truncate(String userAgent) {
        return FamilyRecord.shorten(userAgent);
    }
}
