package dev.vigil.exchange;

import org.jboss.logging.Logger;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;
import org.keycloak.services.resources.admin.fgap.AdminPermissions;

/**
 * Who administers, decided as Keycloak decides it: a role Keycloak counts as an admin role
 * ({@link AdminRoles#isAdminRoleOrComposite}: the roles of {@code realm-management}, in master also of
 * every {@code <realm>-realm} client and {@code admin}, {@code create-realm}), held directly, through a
 * composite or through a group or its parents; and, where the realm has fine-grained admin
 * permissions on, any permission Keycloak's evaluator grants on all users, groups or clients (a permission
 * on some users or groups only is not seen: see the docs).
 */
final class Administrators {

    private static final Logger LOG = Logger.getLogger(Administrators.class);

    private Administrators() {
    }

    static boolean isAdministrator(KeycloakSession session, RealmModel realm, UserModel user) {
        if (user.getRoleMappingsStream().anyMatch(AdminRoles::isAdminRoleOrComposite)
                || user.getGroupsStream().anyMatch(AdminRoles::groupHasAdminRoles)) {
            return true;
        }
        if (!realm.isAdminPermissionsEnabled()) {
            return false;
        }
        try {
            AdminPermissionEvaluator permissions = AdminPermissions.evaluator(session, realm, realm, user);
            return permissions.users().canView() || permissions.users().canManage() || permissions.groups().canView()
                    || permissions.groups().canManage() || permissions.clients().canView();
        } catch (RuntimeException e) {
            // Fail closed: a user Keycloak's evaluator cannot judge is treated as an administrator.
            LOG.warnf("fine-grained admin permissions could not be evaluated for a user of realm %s (%s): refused as an "
                    + "administrator", realm.getName(), e.getClass().getName());
            return true;
        }
    }

    /**
     * True when the client's own scope mappings, or those of its client scopes, hold an admin role. A
     * full-scope client is judged by its targets instead: they never hold one.
     */
    static boolean clientScopeHoldsAdminRole(ClientModel client) {
        return client.getScopeMappingsStream().anyMatch(AdminRoles::isAdminRoleOrComposite)
                || scopeHoldsAdminRole(client, true) || scopeHoldsAdminRole(client, false);
    }

    private static boolean scopeHoldsAdminRole(ClientModel client, boolean defaultScopes) {
        for (ClientScopeModel scope : client.getClientScopes(defaultScopes).values()) {
            if (scope.getScopeMappingsStream().anyMatch(AdminRoles::isAdminRoleOrComposite)) {
                return true;
            }
        }
        return false;
    }
}
