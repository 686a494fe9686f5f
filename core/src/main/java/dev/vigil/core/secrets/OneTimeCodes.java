package dev.vigil.core.secrets;

import java.security.SecureRandom;

/** Numeric one-time codes from {@link SecureRandom}, each digit uniform over 0-9. */
public final class OneTimeCodes {

    public static final int MIN_LENGTH = 6;
    public static final int MAX_LENGTH = 10;

    private final SecureRandom random;

    public OneTimeCodes(SecureRandom random) {
        this.random = random;
    }

    public String generate(int length) {
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw new IllegalArgumentException("code length must be " + MIN_LENGTH + "-" + MAX_LENGTH + ", not " + length);
        }
        char[] digits = new char[length];
        for (int i = 0; i < length; i++) {
            digits[i] = (char) ('0' + random.nextInt(10));
        }
        return new String(digits);
    }
}
