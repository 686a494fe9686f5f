package dev.vigil.events.refresh;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/** Tells the user, after the revocation, that they were signed out because a token of theirs was reused. */
final class SignedOutMail {

    static final String TEMPLATE = "vigil-refresh-reuse-signed-out.ftl";
    static final String SUBJECT = "vigilRefreshReuseSubject";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final Logger LOG = Logger.getLogger(SignedOutMail.class);

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
        worker.execute(() -> send(factory, realmId, userId, attributes));
        return true;
    }

    private static void send(KeycloakSessionFactory factory, String realmId, String userId, Map<String, Object> attributes) {
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                RealmModel realm = session.realms().getRealm(realmId);
                if (realm == null) {
                    return;
                }
                session.getContext().setRealm(realm);
                UserModel user = session.users().getUserById(realm, userId);
                if (user == null || user.getEmail() == null) {
                    return;
                }
                try {
                    session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                            .send(SUBJECT, List.of(attributes.get("realmName")), TEMPLATE, attributes, user.getEmail());
                } catch (EmailException e) {
                    LOG.warnf("vigil-refresh-reuse: the signed-out mail for a user of realm %s could not be sent: %s",
                            realm.getName(), e.getCause() != null ? e.getCause().getClass().getSimpleName()
                                    : e.getClass().getSimpleName());
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("vigil-refresh-reuse: signed-out mail job failed: %s", e.toString());
        }
    }
}
