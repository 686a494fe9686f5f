package dev.vigil.events.refresh;

/**
 * What to do about a detection under a policy.
 *
 * @param revoke  what to revoke, or null to revoke nothing
 * @param stepUp  mark the user for a second factor at the next login
 * @param mailUser  mail the user (only when something is revoked)
 */
public record ResponsePlan(RevocationScope revoke, boolean stepUp, boolean mailUser) {

    public static ResponsePlan of(Detection.Source source, RefreshPolicy policy, RevocationScope serverDefault) {
        RevocationScope scope = policy.responseOr(serverDefault);
        if (source.isReuse()) {
            return new ResponsePlan(scope, policy.stepUpNextLogin(), policy.notifyUser());
        }
        return switch (policy.anomalyAction()) {
            case LOG -> new ResponsePlan(null, false, false);
            case STEP_UP -> new ResponsePlan(null, true, false);
            case REVOKE -> new ResponsePlan(scope, policy.stepUpNextLogin(), policy.notifyUser());
        };
    }

    /** The action as recorded in the audit trail and the metrics. */
    public String action() {
        if (revoke != null) {
            return revoke.id();
        }
        return stepUp ? "step-up" : "log";
    }
}
