package dev.vigil.events.refresh;

import java.util.HashMap;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * What Vigil remembers about refresh-token families between requests, in Keycloak's cluster-wide
 * single-use object store: the first presentation of each token and the last user agent of each family.
 */
class FamilyMemory implements RefreshAnomalies.AgentMemory {

    private static final String FIRST_USE = "vigil-refresh-first:";
    private static final String AGENT = "vigil-refresh-agent:";
    static final int MAX_AGENT_LENGTH = 256;

    private final SingleUseObjectProvider store;

    FamilyMemory(KeycloakSession session) {
        this.store = session.singleUseObjects();
    }

    void recordFirstUse(String realmId, String refreshTokenId, Detection.FirstUse use, long lifespanSeconds) {
        Map<String, String> notes = new HashMap<>();
        notes.put("time", Long.toString(use.time()));
        if (use.ipAddress() != null) {
            notes.put("ip", use.ipAddress());
        }
        if (use.userAgent() != null) {
            notes.put("ua", truncate(use.userAgent()));
        }
        store.put(FIRST_USE + realmId + ":" + refreshTokenId, lifespanSeconds, notes);
    }

    Detection.FirstUse firstUse(String realmId, String refreshTokenId) {
        Map<String, String> notes = store.get(FIRST_USE + realmId + ":" + refreshTokenId);
        if (notes == null || notes.get("time") == null) {
            return null;
        }
        try {
            return new Detection.FirstUse(Long.parseLong(notes.get("time")), notes.get("ip"), notes.get("ua"));
        } catch (NumberFormatException e) {
            return null;
        }
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
        return userAgent.length() <= MAX_AGENT_LENGTH ? userAgent : userAgent.substring(0, MAX_AGENT_LENGTH);
    }
}
