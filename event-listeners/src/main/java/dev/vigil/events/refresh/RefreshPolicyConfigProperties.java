package dev.vigil.events.refresh;

import dev.vigil.core.config.Option;
import dev.vigil.core.config.OptionSet;
import java.util.List;

/**
 * The options of the client-policy executor {@code vigil-refresh-reuse}, each defined once (key, label, help,
 * default, bounds); read by {@link RefreshPolicy}, shown by {@link RefreshPolicyExecutorFactory}. Any other
 * key is refused when the client profile is saved.
 */
public final class RefreshPolicyConfigProperties {

    /** The server-wide response of the listener {@code vigil-refresh-reuse} (where no client policy says otherwise). */
    public static final Option<RevocationScope> SERVER_RESPONSE = Option.parsed(RefreshPolicy.RESPONSE,
                    org.keycloak.provider.ProviderConfigProperty.LIST_TYPE, RevocationScope.SESSION, RevocationScope.SESSION.id(),
                    RevocationScope::parse)
            .choices(List.of(RevocationScope.FAMILY.id(), RevocationScope.SESSION.id(), RevocationScope.USER.id()))
            .label("Response to a reused refresh token")
            .help("What a detected reuse revokes: family (the client's session), session (the whole user session) or user "
                    + "(every session of the user, offline ones too, and every older token).").build();

    public static final Option<String> RESPONSE = Option.oneOf(RefreshPolicy.RESPONSE, RefreshPolicy.SERVER_DEFAULT,
                    List.of(RefreshPolicy.SERVER_DEFAULT, RevocationScope.FAMILY.id(), RevocationScope.SESSION.id(),
                            RevocationScope.USER.id()))
            .label("Response to a reused refresh token")
            .help("What a detected reuse revokes. server-default: the server option "
                    + "--spi-events-listener--vigil-refresh-reuse--response (itself " + SERVER_RESPONSE.defaultText()
                    + " by default); family: that "
                    + "client's session only; session: the whole user session, every client in it; user: every session "
                    + "of the user, offline ones too, and every older refresh token.").build();
    public static final Option<Integer> GRACE_SECONDS = Option.whole(RefreshPolicy.GRACE_SECONDS, 0, 0,
                    RefreshPolicy.MAX_GRACE_SECONDS)
            .label("Grace window (seconds)").defaultText("0 (off)")
            .help("Presenting the immediately previous refresh token again within this many seconds of its first "
                    + "use is treated as a benign race (two tabs, a retried request) and answered like a normal refresh. "
                    + "Only where the realm revokes refresh tokens; 0 keeps Keycloak's own behaviour.").build();
    public static final Option<Boolean> ROTATION_ENFORCED = Option.bool(RefreshPolicy.ROTATION_ENFORCED, false)
            .label("Rotation enforced")
            .help("Treat a second use of one refresh token as theft for these clients even where the realm does "
                    + "not revoke refresh tokens (Realm settings, Tokens).").build();
    public static final Option<Boolean> NOTIFY_USER = Option.bool(RefreshPolicy.NOTIFY_USER, false)
            .label("Mail the user")
            .help("After a revocation, mail the user that they were signed out because of suspicious activity.").build();
    public static final Option<Boolean> STEP_UP_NEXT_LOGIN = Option.bool(RefreshPolicy.STEP_UP_NEXT_LOGIN, false)
            .label("Second factor at next login")
            .help("After a detection, mark the user (attribute vigil.step-up-required) so that step-up rules ask "
                    + "for a second factor at the next login.").build();
    public static final Option<Integer> MAX_REFRESHES_PER_MINUTE = Option.whole(RefreshPolicy.MAX_REFRESHES_PER_MINUTE, 0, 0,
                    RefreshPolicy.MAX_REFRESHES_LIMIT)
            .label("Refreshes per minute before a signal").defaultText("0 (off)")
            .help("More refreshes than this in one refresh-token family within a minute is recorded as an anomaly.")
            .build();
    public static final Option<Boolean> USER_AGENT_CHANGE = Option.bool(RefreshPolicy.USER_AGENT_CHANGE, false)
            .label("Signal a changed user agent")
            .help("Record an anomaly when the user agent of a refresh-token family changes between refreshes.").build();
    public static final Option<AnomalyAction> ANOMALY_ACTION = Option.parsed(RefreshPolicy.ANOMALY_ACTION,
                    org.keycloak.provider.ProviderConfigProperty.LIST_TYPE, AnomalyAction.LOG, AnomalyAction.LOG.id(),
                    AnomalyAction::parse)
            .choices(List.of(AnomalyAction.LOG.id(), AnomalyAction.STEP_UP.id(), AnomalyAction.REVOKE.id()))
            .label("Action on an anomaly")
            .help("log: audit record only; step-up: also require a second factor at the next login; revoke: also "
                    + "revoke as for a detected reuse.").build();

    /** Every key an executor configuration may hold. */
    public static final OptionSet OPTIONS = OptionSet.of(RESPONSE, GRACE_SECONDS, ROTATION_ENFORCED, NOTIFY_USER,
            STEP_UP_NEXT_LOGIN, MAX_REFRESHES_PER_MINUTE, USER_AGENT_CHANGE, ANOMALY_ACTION);

    /** The listener's server-wide options ({@code --spi-events-listener--vigil-refresh-reuse--<key>}). */
    public static final OptionSet SERVER_OPTIONS = OptionSet.of(SERVER_RESPONSE);

    private RefreshPolicyConfigProperties() {
    }
}
