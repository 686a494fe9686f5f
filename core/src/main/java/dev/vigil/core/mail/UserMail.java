package dev.vigil.core.mail;

import dev.vigil.core.tx.AfterCommit;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.UserModel;

/**
 * Sends one templated mail to a user, in a Keycloak session and transaction of its own: meant for a
 * worker thread, after the request that decided to send it has committed. Failures are logged by
 * class name only (an SMTP answer can quote the message), never thrown.
 */
public final class UserMail {

    private static final Logger LOG = Logger.getLogger(UserMail.class);

    private UserMail() {
    }

    /**
     * @param component     who sends, for the log (e.g. {@code vigil-refresh-reuse})
     * @param subjectKey    message key of the subject; its one parameter is the realm's display name
     * @param attributes    the template's attributes; {@code realmName} is the subject's parameter
     */
    public static void send(KeycloakSessionFactory factory, String component, String realmId, String userId,
                            String subjectKey, String template, Map<String, Object> attributes) {
        // The user lookup and the renderer both need the realm in the context: AfterCommit sets it.
        AfterCommit.now(factory, component, "mail job", realmId, (session, realm) -> {
            UserModel user = session.users().getUserById(realm, userId);
            if (user == null || user.getEmail() == null) {
                return;
            }
            try {
                session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(user)
                        .send(subjectKey, List.of(attributes.get("realmName")), template, attributes, user.getEmail());
            } catch (EmailException e) {
                LOG.warnf("%s: a mail to a user of realm %s could not be sent: %s", component, realm.getName(),
                        e.getCause() != null ? e.getCause().getClass().getSimpleName() : e.getClass().getSimpleName());
            }
        });
    }
}
