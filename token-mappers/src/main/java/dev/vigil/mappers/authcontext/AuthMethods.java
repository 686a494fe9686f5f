package dev.vigil.mappers.authcontext;

import java.util.Map;
import java.util.Optional;

/**
 * RFC 8176 authentication method reference values: what a step is when its configuration names no
 * value, and which factor (RFC 8176 section 2: something you know, have, are) a value stands for.
 */
public final class AuthMethods {

    public enum Factor { KNOWLEDGE, POSSESSION, INHERENCE }

    public static final String MFA = "mfa";

    private static final Map<String, String> BY_AUTHENTICATOR = Map.of(
            "auth-username-password-form", "pwd",
            "auth-password-form", "pwd",
            "direct-grant-validate-password", "pwd",
            "auth-otp-form", "otp",
            "direct-grant-validate-otp", "otp",
            // An email code is a one-time password sent to a mailbox the user controls.
            "vigil-email-otp", "otp",
            "webauthn-authenticator", "hwk",
            "webauthn-authenticator-passwordless", "hwk");

    private static final Map<String, Factor> FACTORS = Map.ofEntries(
            Map.entry("pwd", Factor.KNOWLEDGE),
            Map.entry("pin", Factor.KNOWLEDGE),
            Map.entry("kba", Factor.KNOWLEDGE),
            Map.entry("otp", Factor.POSSESSION),
            Map.entry("hwk", Factor.POSSESSION),
            Map.entry("swk", Factor.POSSESSION),
            Map.entry("sc", Factor.POSSESSION),
            Map.entry("sms", Factor.POSSESSION),
            Map.entry("tel", Factor.POSSESSION),
            Map.entry("fpt", Factor.INHERENCE),
            Map.entry("face", Factor.INHERENCE),
            Map.entry("iris", Factor.INHERENCE),
            Map.entry("retina", Factor.INHERENCE),
            Map.entry("vbm", Factor.INHERENCE));

    private AuthMethods() {
    }

    /** The value a step of this provider id stands for when its configuration names none. */
    public static Optional<String> forAuthenticator(String authenticator) {
        return Optional.ofNullable(authenticator == null ? null : BY_AUTHENTICATOR.get(authenticator));
    }

    /** The factor of an RFC 8176 value; empty for values that are no factor ({@code mfa}, {@code user}, custom ones). */
    public static Optional<Factor> factor(String value) {
        return Optional.ofNullable(value == null ? null : FACTORS.get(value));
    }
}
