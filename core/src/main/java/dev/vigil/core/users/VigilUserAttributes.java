package dev.vigil.core.users;

/**
 * The user attributes Vigil writes, shared by the modules that set and read them. They are
 * attributes because those survive restarts and hold on every node of a cluster. With Keycloak's
 * declarative user profile they are <em>unmanaged</em>: the admin console shows them only when the
 * realm's "Unmanaged attributes" setting lets admins view them.
 */
public final class VigilUserAttributes {

    /**
     * Set by the refresh-token theft response: ask this user for a second factor at the next login.
     * The value says why and when, e.g. {@code refresh-token-reuse 2026-11-23T10:15:00Z}.
     */
    public static final String STEP_UP_REQUIRED = "vigil.step-up-required";

    /**
     * Epoch millisecond before which no trusted-device cookie of this user counts. Written when the user
     * signs out everywhere, changes or removes a credential, or is flagged by the theft response.
     */
    public static final String TRUSTED_DEVICES_NOT_BEFORE = "vigil.trusted-devices-not-before";

    private VigilUserAttributes() {
    }
}
