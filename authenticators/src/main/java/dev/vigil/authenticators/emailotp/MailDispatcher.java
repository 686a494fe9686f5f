package dev.vigil.authenticators.emailotp;

import dev.vigil.core.tx.AfterCommit;
import java.util.List;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.light.LightweightUserAdapter;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Runs the step's work that must not be on the request path (resolving a first-factor address,
 * sending mail) on a worker thread, after the request's transaction has committed and its response
 * has been written ({@link AfterResponse}), for every request alike, so the response time does not
 * depend on whether a user exists or a mail went out.
 */
final class MailDispatcher {

    static final String EXECUTOR = "vigil-email-otp-mail";
    private static final Logger LOG = Logger.getLogger(MailDispatcher.class);

    private MailDispatcher() {
    }

    /** Runs {@code job} on the step's worker threads once the request has committed and its response is written. */
    static void afterCommit(KeycloakSession session, Consumer<KeycloakSessionFactory> job) {
        // Not at commit but once the response is written too: Keycloak commits before it writes the page.
        AfterCommit.of(session, "vigil-email-otp", "background job").onExecutor(EXECUTOR)
                .gatedBy(AfterResponse.ofCurrentRequest()::committed).withFactory(job);
    }

    /** Sends one mail in a transaction of its own; nothing for {@link SendDecision.Mail#NONE}. */
    static void send(KeycloakSessionFactory factory, CodeMail mail) {
        if (mail == null || mail.kind() == SendDecision.Mail.NONE) {
            return;
        }
        KeycloakModelUtils.runJobInTransaction(factory, session -> {
            RealmModel realm = session.realms().getRealm(mail.realmId());
            if (realm == null) {
                return;
            }
            session.getContext().setRealm(realm);
            EmailTemplateProvider templates = session.getProvider(EmailTemplateProvider.class).setRealm(realm);
            String realmName = realm.getDisplayName() != null ? realm.getDisplayName() : realm.getName();
            try {
                if (mail.kind() == SendDecision.Mail.CODE) {
                    UserModel user = session.users().getUserById(realm, mail.userId());
                    if (user == null) {
                        return;
                    }
                    templates.setUser(user).send(CodeMail.CODE_SUBJECT, List.of(realmName), CodeMail.CODE_TEMPLATE,
                            mail.attributes(), user.getEmail());
                } else {
                    // Keycloak's mail renderer needs a user (for the locale); a transient one, never stored.
                    UserModel stranger = new LightweightUserAdapter(session, KeycloakModelUtils.generateId());
                    stranger.setEmail(mail.address());
                    templates.setUser(stranger).send(CodeMail.NO_ACCOUNT_SUBJECT, List.of(realmName),
                            CodeMail.NO_ACCOUNT_TEMPLATE, mail.attributes(), mail.address());
                }
            } catch (EmailException e) {
                // The message can name the SMTP server's complaint; it never holds the code.
                LOG.warnf("vigil-email-otp: mail for realm %s could not be sent: %s", realm.getName(),
                        e.getCause() != null ? e.getCause().getClass().getSimpleName() : e.getClass().getSimpleName());
            }
        });
    }
}
