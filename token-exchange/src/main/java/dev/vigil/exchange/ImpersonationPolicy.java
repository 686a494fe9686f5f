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
     * @param inActorGroups the target is in one of the actor's groups or their subgroups
     */
    public record Target(String userId, boolean enabled, boolean serviceAccount, boolean impersonator,
                         boolean protectedUser, boolean realmAdmin, boolean inActorGroups) {
    }

    public enum Denial {
        /** The acting person does not hold the impersonator role. */
        NOT_AN_IMPERSONATOR,
        /** The subject token is itself an impersonation token. */
        CHAINED,
        /** No such user (never told apart from the other denials). */
        UNKNOWN_TARGET,
        SELF,
        TARGET_DISABLED,
        TARGET_SERVICE_ACCOUNT,
        TARGET_IMPERSONATOR,
        TARGET_PROTECTED,
        TARGET_REALM_ADMIN,
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
        if (target.realmAdmin()) {
            return Denial.TARGET_REALM_ADMIN;
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
