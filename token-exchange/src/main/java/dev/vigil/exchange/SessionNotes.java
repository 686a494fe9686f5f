package dev.vigil.exchange;

import dev.vigil.core.impersonation.ActorClaim;

/**
 * Notes on an impersonation user session. Keycloak's own ({@code IMPERSONATOR_*}) say who acts, as
 * for an admin-console impersonation; Vigil's add the client, the reason and the lifetime. The
 * {@code oidc-vigil-actor} mapper and the admin resource read them, on any node.
 */
public final class SessionNotes {

    public static final String CLIENT = ActorClaim.ACTOR_CLIENT_NOTE;
    public static final String REASON = "vigil.impersonation.reason";
    public static final String STARTED = "vigil.impersonation.started";
    public static final String EXPIRES = "vigil.impersonation.expires";
    /** The actor's slot under the cap on running impersonations, freed when the impersonation is ended. */
    public static final String CAP_SLOT = "vigil.impersonation.cap-slot";

    private SessionNotes() {
    }
}
