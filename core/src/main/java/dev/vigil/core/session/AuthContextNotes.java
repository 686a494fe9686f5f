package dev.vigil.core.session;

/**
 * User-session notes shared by the step that records an authentication fact and the token mapper
 * that reports it ({@code vigil-second-factor-done} writes, {@code oidc-vigil-auth-context} reads).
 */
public final class AuthContextNotes {

    /**
     * When the last second factor of this user session was given, in epoch seconds. Written as an
     * authentication-session user-session note: Keycloak copies those into the user session on every
     * completed login, a step-up in an existing (SSO) session included.
     */
    public static final String MFA_TIME = "vigil.mfa_time";

    private AuthContextNotes() {
    }
}
