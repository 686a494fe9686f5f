package dev.vigil.exchange;

import dev.vigil.core.config.Options;
import java.util.Map;

/**
 * The impersonation policy for the clients a {@code vigil-impersonation} client policy selects, as
 * an admin set it in the admin console (Realm settings, Client policies).
 *
 * @param impersonatorRole     realm role an actor must hold
 * @param protectedRole        realm role that makes a user untouchable
 * @param actorGroupsOnly      only targets in one of the actor's groups (or their subgroups)
 * @param reasonRequired       a reason must be given
 * @param reasonMinLength      shortest reason accepted
 * @param reasonMaxLength      longest reason accepted
 * @param lifetimeSeconds      lifetime of an impersonation token
 * @param maxLifetimeSeconds   the cap on any impersonation token's lifetime
 * @param maxActivePerActor    impersonations one actor may have running at once
 * @param notifyTarget         mail the impersonated user
 */
public record ImpersonationSettings(String impersonatorRole, String protectedRole, boolean actorGroupsOnly,
                                    boolean reasonRequired, int reasonMinLength, int reasonMaxLength,
                                    int lifetimeSeconds, int maxLifetimeSeconds, int maxActivePerActor,
                                    boolean notifyTarget) {

    public static final String IMPERSONATOR_ROLE = "impersonator-role";
    public static final String PROTECTED_ROLE = "protected-role";
    public static final String ACTOR_GROUPS_ONLY = "actor-groups-only";
    public static final String REASON_REQUIRED = "reason-required";
    public static final String REASON_MIN_LENGTH = "reason-min-length";
    public static final String REASON_MAX_LENGTH = "reason-max-length";
    public static final String LIFETIME_SECONDS = "lifetime-seconds";
    public static final String MAX_LIFETIME_SECONDS = "max-lifetime-seconds";
    public static final String MAX_ACTIVE_PER_ACTOR = "max-active-per-actor";
    public static final String NOTIFY_TARGET = "notify-target";

    /** No impersonation token lives longer than this, whatever the configuration says. */
    public static final int HARD_MAX_LIFETIME_SECONDS = 3600;
    public static final int MIN_LIFETIME_SECONDS = 60;
    public static final int REASON_LENGTH_LIMIT = 500;

    public static final ImpersonationSettings DEFAULTS = new ImpersonationSettings("vigil-impersonator", "vigil-protected",
            false, true, 5, 200, 900, HARD_MAX_LIFETIME_SECONDS, 3, false);

    public ImpersonationSettings {
        require(impersonatorRole != null && !impersonatorRole.isBlank(), IMPERSONATOR_ROLE + " must name a realm role");
        require(protectedRole != null && !protectedRole.isBlank(), PROTECTED_ROLE + " must name a realm role");
        require(reasonMinLength >= 0 && reasonMinLength <= REASON_LENGTH_LIMIT,
                REASON_MIN_LENGTH + " must be between 0 and " + REASON_LENGTH_LIMIT + ", not " + reasonMinLength);
        require(reasonMaxLength >= Math.max(1, reasonMinLength) && reasonMaxLength <= REASON_LENGTH_LIMIT,
                REASON_MAX_LENGTH + " must be between " + Math.max(1, reasonMinLength) + " (the minimum length) and "
                        + REASON_LENGTH_LIMIT + ", not " + reasonMaxLength);
        require(maxLifetimeSeconds >= MIN_LIFETIME_SECONDS && maxLifetimeSeconds <= HARD_MAX_LIFETIME_SECONDS,
                MAX_LIFETIME_SECONDS + " must be between " + MIN_LIFETIME_SECONDS + " and " + HARD_MAX_LIFETIME_SECONDS
                        + ", not " + maxLifetimeSeconds);
        require(lifetimeSeconds >= MIN_LIFETIME_SECONDS && lifetimeSeconds <= maxLifetimeSeconds,
                LIFETIME_SECONDS + " must be between " + MIN_LIFETIME_SECONDS + " and " + MAX_LIFETIME_SECONDS + " ("
                        + maxLifetimeSeconds + "), not " + lifetimeSeconds);
        require(maxActivePerActor >= 1 && maxActivePerActor <= 100,
                MAX_ACTIVE_PER_ACTOR + " must be between 1 and 100, not " + maxActivePerActor);
    }

    /** Reads executor options; missing ones take the defaults, malformed ones are refused by name. */
    public static ImpersonationSettings fromOptions(Map<String, String> options) {
        ImpersonationSettings d = DEFAULTS;
        return new ImpersonationSettings(
                text(options, IMPERSONATOR_ROLE, d.impersonatorRole()),
                text(options, PROTECTED_ROLE, d.protectedRole()),
                Options.bool(options, ACTOR_GROUPS_ONLY, d.actorGroupsOnly()),
                Options.bool(options, REASON_REQUIRED, d.reasonRequired()),
                Options.integer(options, REASON_MIN_LENGTH, d.reasonMinLength()),
                Options.integer(options, REASON_MAX_LENGTH, d.reasonMaxLength()),
                Options.integer(options, LIFETIME_SECONDS, d.lifetimeSeconds()),
                Options.integer(options, MAX_LIFETIME_SECONDS, d.maxLifetimeSeconds()),
                Options.integer(options, MAX_ACTIVE_PER_ACTOR, d.maxActivePerActor()),
                Options.bool(options, NOTIFY_TARGET, d.notifyTarget()));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    private static String text(Map<String, String> options, String key, String fallback) {
        String value = Options.text(options, key);
        return value == null ? fallback : value;
    }
}
