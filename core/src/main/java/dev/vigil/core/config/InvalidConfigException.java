package dev.vigil.core.config;

/**
 * A configuration value or key that Vigil refuses, with a message that starts with the option's key (or
 * says "unknown option") and is safe for a log line. An {@link IllegalArgumentException}, so executor
 * configs that catch those refuse it on save.
 */
public class InvalidConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidConfigException(String message) {
        super(message);
    }

    public InvalidConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
