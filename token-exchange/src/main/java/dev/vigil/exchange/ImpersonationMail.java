package dev.vigil.exchange;

import dev.vigil.core.mail.UserMail;
import dev.vigil.core.tx.AfterCommit;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** Tells the impersonated user who acted as them, when, why and until when; after commit, off the request thread. */
final class ImpersonationMail {

    static final String TEMPLATE = "vigil-impersonation-notice.ftl";
    static final String SUBJECT = "vigilImpersonationSubject";
    static final String EXECUTOR = "vigil-impersonation-mail";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

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
        AfterCommit.of(session, ImpersonationExchangeProviderFactory.ID, "impersonation notice mail").onExecutor(EXECUTOR)
                .withFactory(factory -> UserMail.send(factory, ImpersonationExchangeProviderFactory.ID, realmId, userId, SUBJECT,
                        TEMPLATE, attributes));
    }
}
