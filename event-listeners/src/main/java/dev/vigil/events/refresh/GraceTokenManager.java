package dev.vigil.events.refresh;

import java.time.Clock;
import org.jboss.logging.Logger;
import org.keycloak.OAuthErrorException;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.protocol.oidc.TokenManager;

/**
 * Keycloak's token manager with a grace window in its refresh-token reuse check (which Keycloak
 * keeps private to its refresh path, so the path gets this manager instead). Used for one refresh.
 */
final class GraceTokenManager extends TokenManager {

    /** The event detail that marks a refresh answered within the grace window. */
    static final String GRACE_DETAIL = "vigil_refresh_grace";
    /** Vigil's note on a chain, on the client session next to Keycloak's own. */
    static final String REPEAT_WITHIN_WINDOW = "repeat-within-window";
    static final String SIBLING = "sibling";
    static final String NOTE_PREFIX = "vigil.grace.";
    private static final Logger LOG = Logger.getLogger(GraceTokenManager.class);

    private final int graceSeconds;
    private final Clock clock;
    private final EventBuilder event;

    GraceTokenManager(int graceSeconds, Clock clock, EventBuilder event) {
        this.graceSeconds = graceSeconds;
        this.clock = clock;
        this.event = event;
    }

    @Override
    public void validateTokenReuse(KeycloakSession session, RealmModel realm, AccessToken token,
                                   AuthenticatedClientSessionModel clientSession, boolean refreshFlag) throws OAuthErrorException {
        try {
            super.validateTokenReuse(session, realm, token, clientSession, refreshFlag);
        } catch (OAuthErrorException refused) {
            String chain = getReuseIdKey(token);
            String lastPresented = clientSession.getRefreshToken(chain);
            GraceWindow.Note note = GraceWindow.Note.parse(clientSession.getNote(NOTE_PREFIX + chain));
            GraceWindow.Verdict verdict = GraceWindow.judge(token.getId(), lastPresented, note, graceSeconds,
                    clock.instant().getEpochSecond());
            switch (verdict) {
                case REFUSE -> throw refused;
                case SIBLING -> {
                    // What Keycloak does for a token it has not seen in this chain yet.
                    clientSession.setRefreshToken(chain, token.getId());
                    clientSession.setRefreshTokenUseCount(chain, 0);
                }
                case REPEAT_WITHIN_WINDOW -> {
                }
                default -> throw new IllegalStateException(verdict.name());
            }
            event.detail(GRACE_DETAIL, verdict == GraceWindow.Verdict.SIBLING ? SIBLING : REPEAT_WITHIN_WINDOW);
            LOG.infof("vigil-refresh-reuse: realm %s, client %s, session %s: refresh token %s presented again within "
                            + "the %d s grace window (%s); answered as a normal refresh", realm.getName(),
                    clientSession.getClient().getClientId(), clientSession.getUserSession().getId(), token.getId(),
                    graceSeconds, verdict.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** Updates the note after the refresh issued {@code issuedId} for {@code presented}. */
    void recordIssue(AuthenticatedClientSessionModel clientSession, AccessToken presented, String issuedId) {
        String key = NOTE_PREFIX + getReuseIdKey(presented);
        GraceWindow.Note note = GraceWindow.afterIssue(GraceWindow.Note.parse(clientSession.getNote(key)),
                presented.getId(), issuedId, clock.instant().getEpochSecond());
        clientSession.setNote(key, note.format());
    }
}
