package dev.vigil.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.util.function.Function;
import org.keycloak.representations.idm.ClientPolicyExecutorConfigurationRepresentation;
import org.keycloak.util.JsonSerialization;

/**
 * The common part of fuzzing a client-policy executor's configuration as the admin REST API receives
 * it: JSON that does not bind is Keycloak's 400 before the executor sees it; for the rest, saving
 * never throws (Keycloak would answer 500), {@code validateConfig} agrees with the executor's reader,
 * and a refusal is an IllegalArgumentException (an InvalidConfigException) whose message is bounded and safe for a log line.
 */
public final class ExecutorConfigFuzzing {

    private ExecutorConfigFuzzing() {
    }

    /** What {@code read} makes of the configuration in {@code data}, or null when it is not JSON or refused. */
    public static <C extends ClientPolicyExecutorConfigurationRepresentation, R> R read(byte[] data, Class<C> type,
            Function<C, R> read, int maxMessageLength) {
        C config;
        try {
            config = JsonSerialization.readValue(FuzzText.text(data), type);
        } catch (IOException notJson) {
            return null;
        }
        if (config == null) {
            return null;
        }

        boolean valid = config.validateConfig();

        Throwable error = catchThrowable(() -> read.apply(config));
        assertThat(error == null).as("validateConfig agrees with the reader").isEqualTo(valid);
        if (valid) {
            return read.apply(config);
        }
        assertThat(error).isInstanceOf(IllegalArgumentException.class);
        String message = error.getMessage();
        assertThat(message.length()).as("message length").isLessThanOrEqualTo(maxMessageLength);
        assertThat(FuzzText.isSafeForALogLine(message)).as("safe for a log line: %s", message).isTrue();
        return null;
    }
}
