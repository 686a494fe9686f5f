package dev.vigil.mappers.authcontext;

import java.time.Instant;

/**
 * One step (authentication execution) completed in a user session, as Keycloak records it in the
 * user-session note {@code authenticators-completed}, with what its execution config says about
 * {@code amr}.
 *
 * @param authenticator  the provider id of the step, e.g. {@code auth-username-password-form}
 * @param referenceValue the step config's {@code default.reference.value}, or null
 * @param maxAge         the step config's {@code default.reference.maxAge} as written, or null
 * @param completedAt    when the step last completed in this session
 */
public record CompletedStep(String authenticator, String referenceValue, String maxAge, Instant completedAt) {
}
