package dev.vigil.authenticators.emailotp;

import dev.vigil.core.ratelimit.ClientNetwork;
import dev.vigil.core.secrets.KeyedHash;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The step's keys in Keycloak's cluster-wide single-use store. Whatever is derived from an address,
 * a user or an IP is a keyed hash (the realm's active HMAC key), so that nobody who can list the
 * store learns whom it counts. Addresses are compared case-insensitively; clients by their network
 * ({@link ClientNetwork}: IPv6 per /64).
 */
final class StoreKeys {

    static final String PREFIX = "vigil-email-otp:";
    private static final String HMAC_ALGORITHM = "HS512";

    private final byte[] secret;
    private final String realmId;

    private StoreKeys(byte[] secret, String realmId) {
        this.secret = secret;
        this.realmId = realmId;
    }

    static StoreKeys of(KeycloakSession session, RealmModel realm) {
        return new StoreKeys(realmSecret(session, realm), realm.getId());
    }

    /** The realm's active HMAC key (Keycloak generates one on first use if the realm has none). */
    static byte[] realmSecret(KeycloakSession session, RealmModel realm) {
        KeyWrapper key = session.keys().getActiveKey(realm, KeyUse.SIG, HMAC_ALGORITHM);
        if (key == null || key.getSecretKey() == null) {
            throw new IllegalStateException("realm " + realm.getName() + " has no active " + HMAC_ALGORITHM + " key");
        }
        return key.getSecretKey().getEncoded();
    }

    /** The budget of an account: its user id. */
    String budgetOfUser(String userId) {
        return hash("budget", "user:" + userId);
    }

    /** The budget of what was typed when it names no account (and the stand-in before a code is resolved). */
    String budgetOfTyped(String typed) {
        return hash("budget", "typed:" + Addresses.normalize(typed));
    }

    String budget(GuessBudget.Pool pool, String budgetKey) {
        return PREFIX + "budget:" + realmId + ":" + pool.id() + ":" + budgetKey;
    }

    /** Mails to one address, counted apart for first-factor requests (anyone) and second factors (after a password). */
    String addressLimit(boolean firstFactor, String address) {
        return PREFIX + (firstFactor ? "address:" : "address-2f:") + realmId + ":" + hash("address", Addresses.normalize(address));
    }

    String ipLimit(boolean firstFactor, String ip) {
        return PREFIX + (firstFactor ? "ip:" : "ip-2f:") + realmId + ":" + hash("ip", ClientNetwork.of(ip));
    }

    static String attempts(String codeId) {
        return PREFIX + "attempt:" + codeId;
    }

    static String resolution(String codeId) {
        return PREFIX + "resolution:" + codeId;
    }

    static String used(String codeId) {
        return PREFIX + "used:" + codeId;
    }

    private String hash(String purpose, String value) {
        return KeyedHash.of(secret, PREFIX + purpose + ":" + realmId, value);
    }
}
