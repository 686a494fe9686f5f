package dev.vigil.events.refresh;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What Vigil does about refresh tokens for one client, as an admin set it in a client policy
 * (executor {@code vigil-refresh-reuse}). Travels from the token endpoint to the event listener as
 * one event detail, so the listener applies exactly the policy that was in force for the request.
 *
 * @param response              what a detected reuse revokes; null means the server-wide default
 * @param graceSeconds          a repeat of the immediately previous token within this many seconds of its first use is a benign race
 * @param rotationEnforced      a second use of one refresh token is theft even where the realm does not rotate
 * @param notifyUser            mail the user after a revocation
 * @param stepUpNextLogin       require a second factor at the user's next login after a detection
 * @param maxRefreshesPerMinute more refreshes than this in one family per minute is a signal; 0 is off
 * @param userAgentChange       a family whose user agent changes between refreshes is a signal
 * @param anomalyAction         what a signal leads to
 */
public record RefreshPolicy(RevocationScope response, int graceSeconds, boolean rotationEnforced, boolean notifyUser,
                            boolean stepUpNextLogin, int maxRefreshesPerMinute, boolean userAgentChange,
                            AnomalyAction anomalyAction) {

    /** The event detail that carries the policy. */
    public static final String EVENT_DETAIL = "vigil_refresh_policy";
    /** Where the client-policy executor leaves the policy for the rest of the request. */
    public static final String SESSION_ATTRIBUTE = "vigil.refresh-policy";

    public static final String RESPONSE = "response";
    public static final String GRACE_SECONDS = "grace-seconds";
    public static final String ROTATION_ENFORCED = "rotation-enforced";
    public static final String NOTIFY_USER = "notify-user";
    public static final String STEP_UP_NEXT_LOGIN = "step-up-next-login";
    public static final String MAX_REFRESHES_PER_MINUTE = "max-refreshes-per-minute";
    public static final String USER_AGENT_CHANGE = "user-agent-change";
    public static final String ANOMALY_ACTION = "anomaly-action";
    /** The value of {@link #RESPONSE} that defers to the server-wide option. */
    public static final String SERVER_DEFAULT = "server-default";

    public static final int MAX_GRACE_SECONDS = 60;
    public static final int MAX_REFRESHES_LIMIT = 10_000;

    /** No client policy applies: Keycloak's behaviour, the server-wide response, no signals. */
    public static final RefreshPolicy NONE = new RefreshPolicy(null, 0, false, false, false, 0, false, AnomalyAction.LOG);

    public RefreshPolicy {
        if (graceSeconds < 0 || graceSeconds > MAX_GRACE_SECONDS) {
            throw new IllegalArgumentException(GRACE_SECONDS + " must be between 0 and " + MAX_GRACE_SECONDS + ", not " + graceSeconds);
        }
        if (maxRefreshesPerMinute < 0 || maxRefreshesPerMinute > MAX_REFRESHES_LIMIT) {
            throw new IllegalArgumentException(MAX_REFRESHES_PER_MINUTE + " must be between 0 (off) and " + MAX_REFRESHES_LIMIT
                    + ", not " + maxRefreshesPerMinute);
        }
        anomalyAction = anomalyAction == null ? AnomalyAction.LOG : anomalyAction;
    }

    /**
     * Reads the options of a client-policy executor (or of an event detail), as defined in
     * {@link RefreshPolicyConfigProperties}. Missing options take their defaults; a malformed one, or a key
     * the executor does not know, is refused with a message naming it.
     */
    public static RefreshPolicy fromOptions(Map<String, String> options) {
        Map<String, String> o = RefreshPolicyConfigProperties.OPTIONS.checkKeys(options);
        String response = RefreshPolicyConfigProperties.RESPONSE.read(o);
        return new RefreshPolicy(
                SERVER_DEFAULT.equals(response) ? null : RevocationScope.parse(response),
                RefreshPolicyConfigProperties.GRACE_SECONDS.read(o),
                RefreshPolicyConfigProperties.ROTATION_ENFORCED.read(o),
                RefreshPolicyConfigProperties.NOTIFY_USER.read(o),
                RefreshPolicyConfigProperties.STEP_UP_NEXT_LOGIN.read(o),
                RefreshPolicyConfigProperties.MAX_REFRESHES_PER_MINUTE.read(o),
                RefreshPolicyConfigProperties.USER_AGENT_CHANGE.read(o),
                RefreshPolicyConfigProperties.ANOMALY_ACTION.read(o));
    }

    /** The policy from an event detail; {@link #NONE} when there is none or it cannot be read. */
    public static RefreshPolicy fromEventDetail(String detail) {
        if (detail == null || detail.isBlank()) {
            return NONE;
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (String part : detail.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                options.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
            }
        }
        try {
            return fromOptions(options);
        } catch (IllegalArgumentException e) {
            return NONE;
        }
    }

    /** The options that differ from the defaults, as {@code key=value;key=value}. */
    public String toEventDetail() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put(RESPONSE, response == null ? SERVER_DEFAULT : response.id());
        if (graceSeconds > 0) {
            options.put(GRACE_SECONDS, Integer.toString(graceSeconds));
        }
        if (rotationEnforced) {
            options.put(ROTATION_ENFORCED, "true");
        }
        if (notifyUser) {
            options.put(NOTIFY_USER, "true");
        }
        if (stepUpNextLogin) {
            options.put(STEP_UP_NEXT_LOGIN, "true");
        }
        if (maxRefreshesPerMinute > 0) {
            options.put(MAX_REFRESHES_PER_MINUTE, Integer.toString(maxRefreshesPerMinute));
        }
        if (userAgentChange) {
            options.put(USER_AGENT_CHANGE, "true");
        }
        if (anomalyAction != AnomalyAction.LOG) {
            options.put(ANOMALY_ACTION, anomalyAction.id());
        }
        return options.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(";"));
    }

    public RevocationScope responseOr(RevocationScope serverDefault) {
        return response == null ? serverDefault : response;
    }

    public boolean watchesAnomalies() {
        return maxRefreshesPerMinute > 0 || userAgentChange;
    }
}
