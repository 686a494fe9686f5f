package dev.vigil.exchange;

import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.GroupModel;
import org.keycloak.models.ImpersonationSessionNote;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

/** Gathers what {@link ImpersonationPolicy} decides on from Keycloak's models. */
final class ImpersonationFacts {

    private ImpersonationFacts() {
    }

    /** By username first, then by id, as Keycloak's legacy exchange did. */
    static UserModel findTarget(KeycloakSession session, RealmModel realm, String requestedSubject) {
        UserModel user = session.users().getUserByUsername(realm, requestedSubject);
        return user != null ? user : session.users().getUserById(realm, requestedSubject);
    }

    static ImpersonationPolicy.Actor actor(RealmModel realm, UserModel actor, UserSessionModel actorSession,
                                           ImpersonationSettings settings) {
        boolean chained = actorSession != null
                && actorSession.getNote(ImpersonationSessionNote.IMPERSONATOR_ID.toString()) != null;
        return new ImpersonationPolicy.Actor(actor.getId(), hasRealmRole(realm, actor, actor.getServiceAccountClientLink() == null
                ? settings.impersonatorRole() : null), chained);
    }

    static ImpersonationPolicy.Target target(KeycloakSession session, RealmModel realm, UserModel target, UserModel actor,
                                             ImpersonationSettings settings) {
        return new ImpersonationPolicy.Target(target.getId(), target.isEnabled(), target.getServiceAccountClientLink() != null,
                hasRealmRole(realm, target, settings.impersonatorRole()), hasRealmRole(realm, target, settings.protectedRole()),
                holdsRealmManagementRole(realm, target), inActorGroups(target, actor));
    }

    private static boolean hasRealmRole(RealmModel realm, UserModel user, String roleName) {
        if (roleName == null) {
            return false;
        }
        RoleModel role = realm.getRole(roleName);
        return role != null && user.hasRole(role);
    }

    /** Any role of the realm's admin client (or the master realm's admin role), directly, by composite or group. */
    private static boolean holdsRealmManagementRole(RealmModel realm, UserModel user) {
        ClientModel management = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        return management != null && management.getRolesStream().anyMatch(user::hasRole)
                || hasRealmRole(realm, user, "master".equals(realm.getName()) ? "admin" : null);
    }

    private static boolean inActorGroups(UserModel target, UserModel actor) {
        Set<String> actorGroups = actor.getGroupsStream().map(GroupModel::getId).collect(Collectors.toSet());
        if (actorGroups.isEmpty()) {
            return false;
        }
        return target.getGroupsStream().anyMatch(group -> {
            for (GroupModel g = group; g != null; g = g.getParent()) {
                if (actorGroups.contains(g.getId())) {
                    return true;
                }
            }
            return false;
        });
    }
}
