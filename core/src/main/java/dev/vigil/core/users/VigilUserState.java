package dev.vigil.core.users;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPAttributePermissions;
import org.keycloak.representations.userprofile.config.UPConfig;
import org.keycloak.userprofile.UserProfileProvider;

/**
 * Vigil's security state of a user (the step-up flag, the trusted-devices revocation time), read and
 * written only through here. It lives in the user attributes of {@link VigilUserAttributes} (durable,
 * cluster-wide through the database), and before every read or write this class makes sure the realm's
 * user profile declares those attributes <em>admin-only</em> (view and edit: admin). A declared attribute
 * the user may not edit is read-only in the Account API and kept as it is when the user updates the
 * profile, whatever the realm's unmanaged-attribute policy: with {@code ENABLED}, the user could
 * otherwise delete an undeclared (unmanaged) attribute. Declaring the attributes under their existing
 * names keeps every flag and revocation the previous versions wrote.
 */
public final class VigilUserState {

    private static final Logger LOG = Logger.getLogger(VigilUserState.class);
    private static final String PROTECTED_IN_THIS_REQUEST = "vigil.user-state-protected:";
    static final Set<String> ADMIN_ONLY = Set.of("admin");
    static final List<String> ATTRIBUTES = List.of(VigilUserAttributes.STEP_UP_REQUIRED,
            VigilUserAttributes.TRUSTED_DEVICES_NOT_BEFORE);

    private VigilUserState() {
    }

    /** The theft response's step-up mark (why and when), or null. */
    public static String stepUpRequired(KeycloakSession session, RealmModel realm, UserModel user) {
        protect(session, realm);
        return user.getFirstAttribute(VigilUserAttributes.STEP_UP_REQUIRED);
    }

    public static void requireStepUp(KeycloakSession session, RealmModel realm, UserModel user, String reason) {
        protect(session, realm);
        user.setSingleAttribute(VigilUserAttributes.STEP_UP_REQUIRED, reason);
    }

    /** @return whether there was a flag to clear */
    public static boolean clearStepUp(KeycloakSession session, RealmModel realm, UserModel user) {
        protect(session, realm);
        if (user.getFirstAttribute(VigilUserAttributes.STEP_UP_REQUIRED) == null) {
            return false;
        }
        user.removeAttribute(VigilUserAttributes.STEP_UP_REQUIRED);
        return true;
    }

    /** The raw revocation mark (epoch milliseconds as text), or null when trust was never revoked. */
    public static String trustedDevicesNotBefore(KeycloakSession session, RealmModel realm, UserModel user) {
        protect(session, realm);
        return user.getFirstAttribute(VigilUserAttributes.TRUSTED_DEVICES_NOT_BEFORE);
    }

    public static void revokeTrustedDevices(KeycloakSession session, RealmModel realm, UserModel user, Instant when) {
        protect(session, realm);
        user.setSingleAttribute(VigilUserAttributes.TRUSTED_DEVICES_NOT_BEFORE, Long.toString(when.toEpochMilli()));
    }

    /**
     * Declares Vigil's attributes admin-only in the realm's user profile where they are not. Reads the
     * profile configuration once per request and realm, and writes it only when something is missing, so a
     * profile an admin replaced is repaired at the next request that uses Vigil's state.
     */
    public static void protect(KeycloakSession session, RealmModel realm) {
        UserProfileProvider profiles = session.getProvider(UserProfileProvider.class);
        if (profiles == null || realm == null) {
            return;
        }
        // Once per request and realm: a login reads the flag and the revocation time, each through here.
        String checked = PROTECTED_IN_THIS_REQUEST + realm.getId();
        if (session.getAttribute(checked) != null) {
            return;
        }
        RealmModel previous = session.getContext().getRealm();
        if (previous == null || !previous.getId().equals(realm.getId())) {
            session.getContext().setRealm(realm);
        }
        try {
            UPConfig config = profiles.getConfiguration();
            List<String> changed = declareAdminOnly(config);
            if (!changed.isEmpty()) {
                profiles.setConfiguration(config);
                LOG.warnf("vigil: declared %s admin-only in the user profile of realm %s, so that users cannot change "
                        + "Vigil's security state through the Account API", String.join(", ", changed), realm.getName());
            }
            session.setAttribute(checked, Boolean.TRUE);
        } finally {
            if (previous != null && !previous.getId().equals(realm.getId())) {
                session.getContext().setRealm(previous);
            }
        }
    }

    /**
     * Makes each of Vigil's attributes a declared attribute that only admins view and edit, keeping what an
     * admin added (display name, annotations); returns the names it changed.
     */
    static List<String> declareAdminOnly(UPConfig config) {
        List<String> changed = new java.util.ArrayList<>();
        for (String name : ATTRIBUTES) {
            UPAttribute attribute = config.getAttribute(name);
            if (attribute != null && isAdminOnly(attribute.getPermissions()) && !attribute.isMultivalued()) {
                continue;
            }
            if (attribute == null) {
                attribute = new UPAttribute(name);
                attribute.setDisplayName("Vigil: " + name.substring("vigil.".length()));
            }
            attribute.setPermissions(new UPAttributePermissions(ADMIN_ONLY, ADMIN_ONLY));
            attribute.setMultivalued(false);
            attribute.setRequired(null);
            attribute.setSelector(null);
            config.addOrReplaceAttribute(attribute);
            changed.add(name);
        }
        return changed;
    }

    static boolean isAdminOnly(UPAttributePermissions permissions) {
        return permissions != null && ADMIN_ONLY.containsAll(permissions.getEdit() == null ? Set.of() : permissions.getEdit())
                && ADMIN_ONLY.containsAll(permissions.getView() == null ? Set.of() : permissions.getView())
                && permissions.getEdit() != null && !permissions.getEdit().isEmpty();
    }
}
