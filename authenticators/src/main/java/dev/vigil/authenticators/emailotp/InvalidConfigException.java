package dev.vigil.authenticators.emailotp;

/** A step configuration value that Vigil refuses, with a message naming the option and what it accepts. */
public class InvalidConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvalidConfigException(String message) {
        super(message);
    }
}
