package dev.vigil.authenticators.trust;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keycloak.events.EventType;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;

/** Which Keycloak events end the trust of all of a user's browsers, free of Keycloak's runtime. */
public final class TrustRevokingEvents {

    /** The user changed, reset or removed a credential. */
    static final Set<EventType> CREDENTIAL_EVENTS = Set.of(EventType.UPDATE_PASSWORD, EventType.UPDATE_CREDENTIAL,
            EventType.REMOVE_CREDENTIAL, EventType.UPDATE_TOTP, EventType.REMOVE_TOTP, EventType.RESET_PASSWORD);

    /** The account console's "Sign out all devices" (DELETE without a session id; one device has an id). */
    private static final Pattern SIGN_OUT_EVERYWHERE = Pattern.compile(".*/realms/[^/]+/account/sessions/?");

    /** Admin actions on a user's credentials or sessions: users/{id}/reset-password, /credentials/..., /logout. */
    private static final Pattern ADMIN_USER_PATH = Pattern.compile("users/([^/]+)/(reset-password|credentials(/.*)?|logout)");

    private TrustRevokingEvents() {
    }

    /** Why a user event ends trust, or null when it does not. */
    public static String reason(EventType type, String requestMethod, String requestPath) {
        if (CREDENTIAL_EVENTS.contains(type)) {
            return "credential changed (" + type.name() + ")";
        }
        if (type == EventType.LOGOUT && "DELETE".equalsIgnoreCase(requestMethod) && requestPath != null
                && SIGN_OUT_EVERYWHERE.matcher(requestPath).matches()) {
            return "signed out of all devices";
        }
        return null;
    }

    /**
     * The id of the user whose trust an admin event ends, or null when it does not: a password reset,
     * a credential removed or changed, or the admin's "Sign out" of the user.
     */
    public static String adminTarget(ResourceType resource, OperationType operation, String resourcePath) {
        if (resource != ResourceType.USER || resourcePath == null || operation == OperationType.CREATE) {
            return null;
        }
        Matcher m = ADMIN_USER_PATH.matcher(resourcePath);
        return m.matches() ? m.group(1) : null;
    }
}
