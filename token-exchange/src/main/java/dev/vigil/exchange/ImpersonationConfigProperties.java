package dev.vigil.exchange;

import dev.vigil.core.config.Option;
import dev.vigil.core.config.OptionSet;
import java.util.Set;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * The options of the client-policy executor {@code vigil-impersonation}, each defined once (key, label, help,
 * default, bounds); read by {@link ImpersonationSettings}, shown by {@link ImpersonationExecutorFactory}. Any
 * other key is refused when the client profile is saved.
 */
public final class ImpersonationConfigProperties {

    public static final Option<String> IMPERSONATOR_ROLE = Option.text(ImpersonationSettings.IMPERSONATOR_ROLE,
                    "vigil-impersonator")
            .label("Impersonator role").help("Realm role the acting person must hold.").build();
    public static final Option<String> PROTECTED_ROLE = Option.text(ImpersonationSettings.PROTECTED_ROLE, "vigil-protected")
            .label("Protected role").help("Realm role that makes its holders impossible to impersonate. Holders of the "
                    + "impersonator role and of realm-management roles are always refused too.").build();
    public static final Option<Boolean> ACTOR_GROUPS_ONLY = Option.bool(ImpersonationSettings.ACTOR_GROUPS_ONLY, false)
            .label("Only targets in the actor's groups").help("Allow only targets that are members of one of the acting "
                    + "person's groups (or their subgroups).").build();
    public static final Option<Boolean> REASON_REQUIRED = Option.bool(ImpersonationSettings.REASON_REQUIRED, true)
            .label("Reason required").help("The request must carry a reason (for example a ticket reference).").build();
    public static final Option<Integer> REASON_MIN_LENGTH = Option.whole(ImpersonationSettings.REASON_MIN_LENGTH, 5, 0,
                    ImpersonationSettings.REASON_LENGTH_LIMIT)
            .label("Shortest reason").help("Characters.").build();
    public static final Option<Integer> REASON_MAX_LENGTH = Option.whole(ImpersonationSettings.REASON_MAX_LENGTH, 200, 1,
                    ImpersonationSettings.REASON_LENGTH_LIMIT)
            .label("Longest reason").help("Characters, at least the shortest.").build();
    public static final Option<Integer> LIFETIME_SECONDS = Option.whole(ImpersonationSettings.LIFETIME_SECONDS, 900,
                    ImpersonationSettings.MIN_LIFETIME_SECONDS, ImpersonationSettings.HARD_MAX_LIFETIME_SECONDS)
            .label("Token lifetime (seconds)").help("Lifetime of an impersonation access token; never renewable. At most "
                    + "the maximum below.").build();
    public static final Option<Integer> MAX_LIFETIME_SECONDS = Option.whole(ImpersonationSettings.MAX_LIFETIME_SECONDS,
                    ImpersonationSettings.HARD_MAX_LIFETIME_SECONDS, ImpersonationSettings.MIN_LIFETIME_SECONDS,
                    ImpersonationSettings.HARD_MAX_LIFETIME_SECONDS)
            .label("Maximum lifetime (seconds)").help("Cap on the lifetime.").build();
    public static final Option<Integer> MAX_ACTIVE_PER_ACTOR = Option.whole(ImpersonationSettings.MAX_ACTIVE_PER_ACTOR, 3, 1, 100)
            .label("Active impersonations per actor").help("How many unexpired impersonations one person may hold at once.")
            .build();
    public static final Option<Boolean> NOTIFY_TARGET = Option.bool(ImpersonationSettings.NOTIFY_TARGET, false)
            .label("Mail the impersonated user").help("Tell the user by mail who acted as them, when, why and until when.")
            .build();
    public static final Option<Set<String>> ALLOWED_AUDIENCES = Option.parsed(ImpersonationSettings.ALLOWED_AUDIENCES,
                    ProviderConfigProperty.STRING_TYPE, Set.<String>of(),
                    "none",
                    raw -> ImpersonationSettings.names(ImpersonationSettings.ALLOWED_AUDIENCES, raw))
            .label("Further allowed audiences").help("Client ids, separated by spaces or commas (at most "
                    + ImpersonationSettings.MAX_LISTED + "), that a request may add with the audience parameter. 'account' "
                    + "gives a read-only view of the Account REST API: the roles that write there (manage-account, "
                    + "manage-consent, ...) are never in an impersonation token, and admin clients (realm-management, "
                    + "<realm>-realm, broker) are refused. With none, the token's audience is the requesting client alone.").build();
    public static final Option<Set<String>> ALLOWED_SCOPES = Option.parsed(ImpersonationSettings.ALLOWED_SCOPES,
                    ProviderConfigProperty.STRING_TYPE, Set.<String>of(), "none",
                    raw -> ImpersonationSettings.names(ImpersonationSettings.ALLOWED_SCOPES, raw))
            .label("Further allowed client scopes").help("Optional client scopes of the client, separated by spaces or "
                    + "commas (at most " + ImpersonationSettings.MAX_LISTED + "), that a request may ask for with the scope "
                    + "parameter. offline_access is refused. With none, the client's default scopes only.").build();

    /** Every key an executor configuration may hold. */
    public static final OptionSet OPTIONS = OptionSet.of(IMPERSONATOR_ROLE, PROTECTED_ROLE, ACTOR_GROUPS_ONLY, REASON_REQUIRED,
            REASON_MIN_LENGTH, REASON_MAX_LENGTH, LIFETIME_SECONDS, MAX_LIFETIME_SECONDS, MAX_ACTIVE_PER_ACTOR,
            NOTIFY_TARGET, ALLOWED_AUDIENCES, ALLOWED_SCOPES);

    private ImpersonationConfigProperties() {
    }
}
