package dev.vigil.core.secrets;

import org.keycloak.common.util.SecretGenerator;

/**
 * Numeric one-time codes of 6 to 10 digits, drawn by Keycloak's {@link SecretGenerator} (one
 * {@code SecureRandom.nextInt(10)} per digit, so each digit is uniform over 0-9).
 */
public final class OneTimeCodes {

    public static final int MIN_LENGTH = 6;
    public static final int MAX_LENGTH = 10;

    public String generate(int length) {
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw new IllegalArgumentException("code length must be " + MIN_LENGTH + "-" + MAX_LENGTH + ", not " + length);
        }
        return SecretGenerator.getInstance().randomString(length, SecretGenerator.DIGITS);
    }
}
