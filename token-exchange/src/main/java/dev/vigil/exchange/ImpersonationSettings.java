package dev.vigil.exchange;

import dev.vigil.core.config.InvalidConfigException;
import dev.vigil.core.config.Options;
import dev.vigil.core.impersonation.ImpersonationTokenScope;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

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
 * @param allowedAudiences     further clients a request may name in {@code audience} (the requesting
 *                             client is always the audience)
 * @param allowedScopes        optional client scopes a request may ask for in {@code scope}
 */
public record ImpersonationSettings(String impersonatorRole, String protectedRole, boolean actorGroupsOnly,
                                    boolean reasonRequired, int reasonMinLength, int reasonMaxLength,
                                    int lifetimeSeconds, int maxLifetimeSeconds, int maxActivePerActor,
                                    boolean notifyTarget, Set<String> allowedAudiences, Set<String> allowedScopes) {

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
    public static final String ALLOWED_AUDIENCES = "allowed-audiences";
    public static final String ALLOWED_SCOPES = "allowed-scopes";
    /** At most this many names in either list. */
    public static final int MAX_LISTED = 20;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@-]{0,254}");

    /** No impersonation token lives longer than this, whatever the configuration says. */
    public static final int HARD_MAX_LIFETIME_SECONDS = 3600;
    public static final int MIN_LIFETIME_SECONDS = 60;
    public static final int REASON_LENGTH_LIMIT = 500;

    /** Every option at its default ({@link ImpersonationConfigProperties}). */
    public static final ImpersonationSettings DEFAULTS = fromOptions(Map.of());

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
        allowedAudiences = allowedAudiences == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(allowedAudiences));
        allowedScopes = allowedScopes == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(allowedScopes));
        for (String audience : allowedAudiences) {
            require(!ImpersonationTokenScope.adminClient(audience), ALLOWED_AUDIENCES + " may not name an admin client ("
                    + "realm-management, broker, <realm>-realm), not '" + Options.shown(audience) + "'");
        }
        require(!allowedScopes.contains("offline_access"), ALLOWED_SCOPES + " may not name offline_access: an impersonation "
                + "never gets a refresh token");
    }

    /** Space- or comma-separated names; each a client id or client scope name, at most {@value #MAX_LISTED}. */
    static Set<String> names(String key, String value) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : value.split("[\\s,]+")) {
            if (name.isEmpty()) {
                continue;
            }
            require(NAME.matcher(name).matches(), key + " must list client ids or scope names separated by spaces or commas, not '"
                    + Options.shown(name) + "'");
            names.add(name);
        }
        require(names.size() <= MAX_LISTED, key + " may list at most " + MAX_LISTED + " names, not " + names.size());
        return names;
    }

    /**
     * Reads executor options ({@link ImpersonationConfigProperties}); missing ones take the defaults, malformed
     * ones and keys the executor does not know are refused by name.
     */
    public static ImpersonationSettings fromOptions(Map<String, String> options) {
        Map<String, String> o = ImpersonationConfigProperties.OPTIONS.checkKeys(options);
        return new ImpersonationSettings(
                ImpersonationConfigProperties.IMPERSONATOR_ROLE.read(o),
                ImpersonationConfigProperties.PROTECTED_ROLE.read(o),
                ImpersonationConfigProperties.ACTOR_GROUPS_ONLY.read(o),
                ImpersonationConfigProperties.REASON_REQUIRED.read(o),
                ImpersonationConfigProperties.REASON_MIN_LENGTH.read(o),
                ImpersonationConfigProperties.REASON_MAX_LENGTH.read(o),
                ImpersonationConfigProperties.LIFETIME_SECONDS.read(o),
                ImpersonationConfigProperties.MAX_LIFETIME_SECONDS.read(o),
                ImpersonationConfigProperties.MAX_ACTIVE_PER_ACTOR.read(o),
                ImpersonationConfigProperties.NOTIFY_TARGET.read(o),
                ImpersonationConfigProperties.ALLOWED_AUDIENCES.read(o),
                ImpersonationConfigProperties.ALLOWED_SCOPES.read(o));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new InvalidConfigException(message);
        }
    }
}
