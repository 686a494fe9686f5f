package dev.vigil.authenticators.stepup;

import java.time.Instant;
import java.util.Map;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.SingleUseObjectProvider;
import org.keycloak.models.UserModel;

/**
 * When a user last gave a second factor, in any session: an entry in Keycloak's cluster-wide
 * single-use store, cheap to write on every login. Not durable across a restart of the whole
 * cluster; then the rule sees "never" and asks again, which is the safe side.
 */
final class SecondFactorRecord {

    /** Long enough for any sensible maximum age. */
    static final long LIFESPAN_SECONDS = 30L * 24 * 3600;

    private SecondFactorRecord() {
    }

    static void record(KeycloakSession session, RealmModel realm, UserModel user, Instant when) {
        SingleUseObjectProvider store = session.singleUseObjects();
        String key = key(realm, user);
        store.remove(key);
        store.put(key, LIFESPAN_SECONDS, Map.of("time", Long.toString(when.getEpochSecond())));
    }

    static Instant last(KeycloakSession session, RealmModel realm, UserModel user) {
        Map<String, String> notes = session.singleUseObjects().get(key(realm, user));
        if (notes == null || notes.get("time") == null) {
            return null;
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(notes.get("time")));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String key(RealmModel realm, UserModel user) {
        return "vigil-second-factor:" + realm.getId() + ":" + user.getId();
    }
}
