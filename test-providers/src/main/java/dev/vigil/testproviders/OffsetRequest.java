package dev.vigil.testproviders;

import java.util.Map;

/** Reads the requested time offset from the request body: whole seconds, at most ten years either way. */
final class OffsetRequest {

    /** Ten years in seconds: far beyond any lifespan a test needs, well inside {@code int}. */
    static final int MAX_SECONDS = 10 * 365 * 24 * 3600;

    private OffsetRequest() {
    }

    /** @throws IllegalArgumentException with a message fit for the client when the body is not a valid offset */
    static int seconds(Map<String, Object> body) {
        Object value = body == null ? null : body.get("offset");
        if (!(value instanceof Integer || value instanceof Long)) {
            throw new IllegalArgumentException("'offset' must be a whole number of seconds");
        }
        long seconds = ((Number) value).longValue();
        if (seconds > MAX_SECONDS || seconds < -MAX_SECONDS) {
            throw new IllegalArgumentException("'offset' must be between -" + MAX_SECONDS + " and " + MAX_SECONDS);
        }
        return (int) seconds;
    }
}
