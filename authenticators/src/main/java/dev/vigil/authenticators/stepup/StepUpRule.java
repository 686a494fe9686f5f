package dev.vigil.authenticators.stepup;

/**
 * The rules of a {@code vigil-step-up} condition, each switched on by one option of {@link StepUpRules}.
 * The {@link #id()} is what decisions, audit records and log lines name.
 */
public enum StepUpRule {

    /** The login is for one of the listed clients ({@code clients}). */
    CLIENT("client"),
    /** The user holds one of the listed roles ({@code roles}). */
    ROLE("role"),
    /** The user is in one of the listed groups or in a subgroup of one ({@code groups}). */
    GROUP("group"),
    /** The client IP is outside every trusted range, or unknown ({@code trusted-ip-ranges}). */
    IP_OUTSIDE_TRUSTED("ip-outside-trusted"),
    /** The user's last second factor is older than allowed, or never happened ({@code max-second-factor-age}). */
    SECOND_FACTOR_AGE("second-factor-age"),
    /** The browser is not a trusted device ({@code untrusted-device}). */
    UNTRUSTED_DEVICE("untrusted-device"),
    /** The user carries the step-up flag {@value LoginFacts#FLAG_ATTRIBUTE} ({@code flagged-user}). */
    FLAGGED_USER("flagged-user"),
    /** The requested level of authentication is at least the configured one ({@code min-level}). */
    LEVEL("level");

    private final String id;

    StepUpRule(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
