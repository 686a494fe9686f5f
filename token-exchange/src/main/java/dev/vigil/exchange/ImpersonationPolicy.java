package dev.vigil.exchange;

import java.util.Locale;

/** Who may impersonate whom. Pure: the facts are gathered from Keycloak beforehand. */
public final class ImpersonationPolicy {

    /** What the actor is, from their verified access token and their account. */
    public record Actor(String userId, boolean impersonator, boolean tokenIsImpersonation) {
    }

    /**
     * What the target is; null fields are never read for a missing target.
     *
     * @param ambiguous     the requested subject also names another user (a username equal to another
     *                      user's id, or an {@code id:} value that is also a username)
     * @param administrator Keycloak counts the target as an administrator (see {@link Administrators})
     * @param inActorGroups the target is in one of the actor's groups or their subgroups
     */
    public record Target(String userId, boolean ambiguous, boolean enabled, boolean serviceAccount, boolean impersonator,
                         boolean protectedUser, boolean administrator, boolean inActorGroups) {
    }

    public enum Denial {
        /** The acting person does not hold the impersonator role. */
        NOT_AN_IMPERSONATOR,
        /** The subject token is itself an impersonation token. */
        CHAINED,
        /** No such user (never told apart from the other denials). */
        UNKNOWN_TARGET,
        /** The requested subject names more than one user. */
        AMBIGUOUS_SUBJECT,
        SELF,
        TARGET_DISABLED,
        TARGET_SERVICE_ACCOUNT,
        TARGET_IMPERSONATOR,
        TARGET_PROTECTED,
        TARGET_ADMINISTRATOR,
        TARGET_OUTSIDE_ACTOR_GROUPS,
        TOO_MANY_ACTIVE;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private ImpersonationPolicy() {
    }

    /**
     * @param target null when no user goes by the requested subject
     * @return the first reason to refuse, or null to allow
     */
    public static Denial decide(Actor actor, Target target, ImpersonationSettings settings, int activeForActor) {
        // The actor's own standing first, so a caller who may not impersonate learns nothing about targets.
        if (actor.tokenIsImpersonation()) {
            return Denial.CHAINED;
        }
        if (!actor.impersonator()) {
            return Denial.NOT_AN_IMPERSONATOR;
        }
        if (target == null) {
            return Denial.UNKNOWN_TARGET;
        }
        if (target.ambiguous()) {
            return Denial.AMBIGUOUS_SUBJECT;
        }
        if (target.userId().equals(actor.userId())) {
            return Denial.SELF;
        }
        if (!target.enabled()) {
            return Denial.TARGET_DISABLED;
        }
        if (target.serviceAccount()) {
            return Denial.TARGET_SERVICE_ACCOUNT;
        }
        if (target.impersonator()) {
            return Denial.TARGET_IMPERSONATOR;
        }
        if (target.protectedUser()) {
            return Denial.TARGET_PROTECTED;
        }
        if (target.administrator()) {
            return Denial.TARGET_ADMINISTRATOR;
        }
        if (settings.actorGroupsOnly() && !target.inActorGroups()) {
            return Denial.TARGET_OUTSIDE_ACTOR_GROUPS;
        }
        if (activeForActor >= settings.maxActivePerActor()) {
            return Denial.TOO_MANY_ACTIVE;
        }
        return null;
    }
}
