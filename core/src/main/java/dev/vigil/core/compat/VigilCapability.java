package dev.vigil.core.compat;

import java.util.Optional;

/**
 * The pack's capabilities, each with the oldest Keycloak it works on. Every provider factory names its capability
 * ({@code VigilProviderFactory.capability()}); below the minimum Keycloak leaves the factory out
 * ({@code EnvironmentDependentProviderFactory.isSupported}) and the capability writes one ERROR line saying why.
 * One minimum for the whole pack: the jar is compiled against 26.7's internal SPIs, and on 26.4 and 26.5 the
 * version matrix saw every capability fail or protect less than configured (docs/compatibility.md).
 */
public enum VigilCapability {

    EMAIL_CODES("email codes (vigil-email-otp)", "it mails codes and counts wrong codes through Keycloak APIs that 26.7"
            + " added or changed, so no code would arrive; flows that use it fail at that step."),
    STEP_UP("step-up rules and trusted devices", "its second factor and the state it keeps per user rely on 26.7 (the"
            + " email-code step, the user-profile declaration of Vigil's attributes), so its rules could ask less than"
            + " configured."),
    IMPERSONATION("impersonation (vigil-impersonation)", "before 26.7 Keycloak rebuilds an impersonation token for its"
            + " Account API without Vigil's restriction (and before 26.5 its client-roles condition does not see"
            + " token-exchange requests), so the token could do more than it was issued for."),
    REFRESH_THEFT("refresh-token theft response (vigil-refresh-reuse)", "its grace window needs the refresh-token SPI"
            + " 26.7 added and its revocation shows at introspection only through Vigil's introspection provider (26.7"
            + " API); on 26.5 the matrix saw tokens of a revoked family still active and a narrower response scope."),
    TOKEN_MAPPERS("token mappers and introspection (oidc-vigil-actor, oidc-vigil-auth-context)", "the act claim at"
            + " introspection reads AccessTokenIntrospectionProvider.transformedToken, which 26.7 added."),
    AUDIT_TRAIL("audit trail (vigil-audit)", "it records the other capabilities' events, which are off here; one"
            + " minimum keeps what Vigil supports testable as a whole.");

    /** The oldest Keycloak minor the pack supports. */
    public static final int MINIMUM_MAJOR = 26;
    public static final int MINIMUM_MINOR = 7;

    private final MinimumKeycloak minimum;

    VigilCapability(String name, String why) {
        this.minimum = new MinimumKeycloak("Vigil's " + name, MINIMUM_MAJOR, MINIMUM_MINOR, why);
    }

    /** Whether this capability runs on {@code keycloakVersion}; the first refusal is logged at ERROR. */
    public boolean supportedOn(String keycloakVersion) {
        return minimum.supported(keycloakVersion);
    }

    /** Why it cannot run on {@code keycloakVersion}, or empty. */
    public Optional<String> refusal(String keycloakVersion) {
        return minimum.refusal(keycloakVersion);
    }
}
