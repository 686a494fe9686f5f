package dev.vigil.core.config;

import java.util.Map;

/**
 * Reads provider options as Keycloak stores them (text in a map, from the admin console): missing or
 * blank means the fallback, a malformed value is refused with a message naming the option and
 * showing the value, made safe for a log line.
 */
public final class Options {

    /** Longest part of a value a message repeats. */
    public static final int MAX_SHOWN_LENGTH = 64;

    private Options() {
    }

    /** The trimmed value, or null when missing or blank. */
    public static String text(Map<String, String> options, String key) {
        String value = options.get(key);
        return value == null || value.isBlank() ? null : value.trim();
    }

    public static int integer(Map<String, String> options, String key, int fallback) {
        String value = text(options, key);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + shown(value) + "'");
        }
    }

    public static boolean bool(Map<String, String> options, String key, boolean fallback) {
        String value = text(options, key);
        if (value == null) {
            return fallback;
        }
        if ("true".equalsIgnoreCase(value)) {
            return true;
        }
        if ("false".equalsIgnoreCase(value)) {
            return false;
        }
        throw new IllegalArgumentException(key + " must be true or false, not '" + shown(value) + "'");
    }

    /** {@code text} for a message: control and format characters as {@code ?}, cut after 64 characters. */
    public static String shown(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && i < MAX_SHOWN_LENGTH; i++) {
            char c = text.charAt(i);
            int type = Character.getType(c);
            out.append(Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR ? '?' : c);
        }
        if (text.length() > MAX_SHOWN_LENGTH) {
            out.append("...");
        }
        return out.toString();
    }
}
