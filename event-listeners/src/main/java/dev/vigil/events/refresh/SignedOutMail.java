package dev.vigil.events.refresh;

import dev.vigil.core.mail.UserMail;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** Tells the user, after the revocation, that they were signed out because a token of theirs was reused. */
final class SignedOutMail {

    static final String TEMPLATE = "vigil-refresh-reuse-signed-out.ftl";
    static final String SUBJECT = "vigilRefreshReuseSubject";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private SignedOutMail() {
    }

    /** Hands the mail to {@code worker}; true when it was handed over (sending itself may still fail). */
    static boolean sendLater(ExecutorService worker, KeycloakSessionFactory factory, RealmModel realm, UserModel user,
                             RefreshEvent reuse, String userAgent, RevocationScope revoked) {
        ClientModel client = reuse.clientId() == null ? null : realm.getClientByClientId(reuse.clientId());
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("realmName", realm.getDisplayName() != null ? realm.getDisplayName() : realm.getName());
        attributes.put("clientName", client == null ? String.valueOf(reuse.clientId())
                : client.getName() != null && !client.getName().isBlank() ? client.getName() : client.getClientId());
        attributes.put("detectedAt", TIME.format(Instant.ofEpochMilli(reuse.time())));
        attributes.put("ipAddress", reuse.ipAddress() == null ? "" : reuse.ipAddress());
        attributes.put("userAgent", userAgent == null ? "" : FamilyMemory.truncate(userAgent));
        attributes.put("action", revoked.id());
        String realmId = realm.getId();
        String userId = user.getId();
        worker.execute(() -> UserMail.send(factory, RefreshReuseListenerProviderFactory.ID, realmId, userId, SUBJECT, TEMPLATE,
                attributes));
        return true;
    }
}
