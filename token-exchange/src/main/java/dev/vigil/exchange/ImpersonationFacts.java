package dev.vigil.exchange;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
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

    static ImpersonationPolicy.Actor actor(RealmModel realm, UserModel actor, UserSessionModel actorSession,
                                           ImpersonationSettings settings) {
        boolean chained = actorSession != null
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
     * Every role the user holds: mapped directly or to one of their groups or its parents, and every role those
     * contain. What {@link UserModel#hasRole} answers for one role, walked once for all (it walks the whole
     * graph again for every role it does not find).
     */
    static Set<String> effectiveRoleIds(UserModel user) {
        Deque<RoleModel> todo = new ArrayDeque<>();
        user.getRoleMappingsStream().forEach(todo::add);
        user.getGroupsStream().forEach(group -> {
            for (GroupModel g = group; g != null; g = g.getParent()) {
                g.getRoleMappingsStream().forEach(todo::add);
            }
        });
        Set<String> ids = new HashSet<>();
        while (!todo.isEmpty()) {
            RoleModel role = todo.pop();
            if (ids.add(role.getId()) && role.isComposite()) {
                role.getCompositesStream().forEach(todo::add);
            }
        }
        return ids;
    }

    private static boolean holds(RealmModel realm, Set<String> roleIds, String roleName) {
        if (roleName == null) {
            return false;
        }
        RoleModel role = realm.getRole(roleName);
        return role != null && roleIds.contains(role.getId());
    }

    private static boolean hasRealmRole(RealmModel realm, UserModel user, String roleName) {
        if (roleName == null) {
            return false;
        }
        RoleModel role = realm.getRole(roleName);
        return role != null && user.hasRole(role);
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
