package dev.vigil.exchange;

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
import org.keycloak.executors.ExecutorsProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/** Tells the impersonated user who acted as them, when, why and until when; after commit, off the request thread. */
final class ImpersonationMail {

    static final String TEMPLATE = "vigil-impersonation-notice.ftl";
    static final String SUBJECT = "vigilImpersonationSubject";
    static final String EXECUTOR = "vigil-impersonation-mail";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final Logger LOG = Logger.getLogger(ImpersonationMail.class);

    private ImpersonationMail() {
    }

    static void sendAfterCommit(KeycloakSession session, RealmModel realm, UserModel target, UserModel actor, ClientModel client,
                                String reason, long startedSeconds, long expiresSeconds) {
        if (target.getEmail() == null) {
            return;
        }
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("realmName", realm.getDisplayName() != null ? realm.getDisplayName() : realm.getName());
        String actorName = ((actor.getFirstName() == null ? "" : actor.getFirstName()) + " "
                + (actor.getLastName() == null ? "" : actor.getLastName())).trim();
        attributes.put("actorName", actorName.isEmpty() ? actor.getUsername() : actorName);
        attributes.put("reason", reason == null ? "" : reason);
        attributes.put("startedAt", TIME.format(Instant.ofEpochSecond(startedSeconds)));
        attributes.put("expiresAt", TIME.format(Instant.ofEpochSecond(expiresSeconds)));
        attributes.put("clientName", client.getName() != null && !client.getName().isBlank() ? client.getName() : client.getClientId());
        String realmId = realm.getId();
        String userId = target.getId();
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        ExecutorService worker = session.getProvider(ExecutorsProvider.class).getExecutor(EXECUTOR);
        session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                worker.execute(() -> send(factory, realmId, userId, attributes));
            }

            @Override
            protected void rollbackImpl() {
            }
        });
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
                    LOG.warnf("vigil-impersonation: the notice for a user of realm %s could not be sent: %s", realm.getName(),
                            e.getCause() != null ? e.getCause().getClass().getSimpleName() : e.getClass().getSimpleName());
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("vigil-impersonation: notice mail job failed: %s", e.toString());
        }
    }
}
