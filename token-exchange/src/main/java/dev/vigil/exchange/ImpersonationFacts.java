package dev.vigil.exchange;

import dev.vigil.core.impersonation.ActorClaim;
import java.util.Set;
import java.util.stream.Collectors;
import org.keycloak.models.GroupModel;
import org.keycloak.models.ImpersonationSessionNote;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.models.utils.RoleUtils;
import org.keycloak.representations.AccessToken;

/** Gathers what {@link ImpersonationPolicy} decides on from Keycloak's models. */
final class ImpersonationFacts {

    private ImpersonationFacts() {
    }

    /** The user a request names, and whether the value names another user too. */
    record Found(UserModel user, boolean ambiguous) {
    }

    /**
     * A plain value is a username and {@code id:<id>} an id ({@link ImpersonationRequest}). A value that
     * also names another user the other way (a username equal to another user's id; an id whose text is
     * also some user's username) is ambiguous and refused: one lookup by id (cached) per request.
     */
    static Found findTarget(KeycloakSession session, RealmModel realm, ImpersonationRequest request) {
        String value = request.requestedSubject();
        UserModel user = request.subjectById() ? session.users().getUserById(realm, value)
                : session.users().getUserByUsername(realm, value);
        if (user == null) {
            return null;
        }
        UserModel other = request.subjectById() ? session.users().getUserByUsername(realm, value)
                : session.users().getUserById(realm, value);
        return new Found(user, other != null && !other.getId().equals(user.getId()));
    }

    /**
     * The actor's token is an impersonation when its session is one (Keycloak's admin-console impersonation) or
     * it carries {@code act} (every token of Vigil's exchange, which has no stored session).
     */
    static ImpersonationPolicy.Actor actor(RealmModel realm, UserModel actor, UserSessionModel actorSession,
                                           AccessToken actorToken, ImpersonationSettings settings) {
        boolean chained = actorToken.getOtherClaims().containsKey(ActorClaim.CLAIM) || actorSession != null
                && actorSession.getNote(ImpersonationSessionNote.IMPERSONATOR_ID.toString()) != null;
        return new ImpersonationPolicy.Actor(actor.getId(), hasRealmRole(realm, actor, actor.getServiceAccountClientLink() == null
                ? settings.impersonatorRole() : null), chained);
    }

    static ImpersonationPolicy.Target target(KeycloakSession session, RealmModel realm, Found found, UserModel actor,
                                             ImpersonationSettings settings) {
        UserModel target = found.user();
        Set<String> roles = effectiveRoleIds(target);
        return new ImpersonationPolicy.Target(target.getId(), found.ambiguous(), target.isEnabled(),
                target.getServiceAccountClientLink() != null,
                holds(realm, roles, settings.impersonatorRole()), holds(realm, roles, settings.protectedRole()),
                Administrators.isAdministrator(session, realm, target), inActorGroups(target, actor));
    }

    /**
     * The ids of every role the user holds: mapped to them or to one of their groups or its parents, and every role
     * those contain (Keycloak's {@link RoleUtils#getDeepUserRoleMappings}, whose composite expansion the realm
     * cache serves). Walked once for both of the target's role checks, where {@link UserModel#hasRole} walks the
     * whole graph again for every role the user does not hold.
     */
    static Set<String> effectiveRoleIds(UserModel user) {
        return RoleUtils.getDeepUserRoleMappings(user).stream().map(RoleModel::getId).collect(Collectors.toSet());
    }

    private static boolean hasRealmRole(RealmModel realm, UserModel user, String roleName) {
        RoleModel role = realmRole(realm, roleName);
        return role != null && user.hasRole(role);
    }

    private static boolean holds(RealmModel realm, Set<String> roleIds, String roleName) {
        RoleModel role = realmRole(realm, roleName);
        return role != null && roleIds.contains(role.getId());
    }

    private static RoleModel realmRole(RealmModel realm, String roleName) {
        return roleName == null ? null : realm.getRole(roleName);
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
