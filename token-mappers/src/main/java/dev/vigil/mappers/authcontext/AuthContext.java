package dev.vigil.mappers.authcontext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the tokens of a user session say about how the user authenticated: {@code amr} (RFC 8176)
 * and {@code mfa_time}.
 *
 * <p>A step counts with its configured {@code default.reference.value} when it has one (as Keycloak's
 * {@code oidc-amr-mapper} does), else with the value of its provider id ({@link AuthMethods}). A step
 * with a {@code default.reference.maxAge} counts while it completed at most that many seconds before
 * the session's last authentication (the latest completed step); without one it counts for the
 * session. Measured against the last authentication, not the clock, the claims change only when the
 * user authenticates again in the session, never on a token refresh. {@code mfa} is added when the
 * counted values cover two different factors.
 *
 * @param amr     the values, in the order the steps completed, {@code mfa} last; empty for none
 * @param mfaTime when the last second factor was given in this session, if on record
 */
public record AuthContext(List<String> amr, Optional<Instant> mfaTime) {

    public AuthContext {
        amr = List.copyOf(amr);
    }

    public static AuthContext of(List<CompletedStep> steps, Optional<Instant> mfaTime) {
        Optional<Instant> lastAuthentication = steps.stream().map(CompletedStep::completedAt).max(Comparator.naturalOrder());
        Set<String> values = new LinkedHashSet<>();
        steps.stream()
                .sorted(Comparator.comparing(CompletedStep::completedAt))
                .filter(step -> counts(step, lastAuthentication.orElseThrow()))
                .forEach(step -> value(step).ifPresent(values::add));
        Set<AuthMethods.Factor> factors = EnumSet.noneOf(AuthMethods.Factor.class);
        values.forEach(v -> AuthMethods.factor(v).ifPresent(factors::add));
        List<String> amr = new ArrayList<>(values);
        if (factors.size() >= 2 && !values.contains(AuthMethods.MFA)) {
            amr.add(AuthMethods.MFA);
        }
        return new AuthContext(amr, mfaTime);
    }

    private static Optional<String> value(CompletedStep step) {
        String configured = step.referenceValue() == null ? "" : step.referenceValue().trim();
        return configured.isEmpty() ? AuthMethods.forAuthenticator(step.authenticator()) : Optional.of(configured);
    }

    /** Whether the step is within its max age at the session's last authentication; a malformed max age never counts, as in Keycloak. */
    private static boolean counts(CompletedStep step, Instant lastAuthentication) {
        if (step.maxAge() == null || step.maxAge().isBlank()) {
            return true;
        }
        long maxAge;
        try {
            maxAge = Long.parseLong(step.maxAge().trim());
        } catch (NumberFormatException e) {
            return false;
        }
        return !step.completedAt().plusSeconds(maxAge).isBefore(lastAuthentication);
    }
}
