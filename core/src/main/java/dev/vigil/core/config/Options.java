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
            throw new InvalidConfigException(key + " must be a whole number, not '" + shown(value) + "'");
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
        throw new InvalidConfigException(key + " must be true or false, not '" + shown(value) + "'");
    }

    /**
     * {@code text} for a message: control and format characters and lone halves of surrogate pairs as
     * {@code ?}, cut after 64 characters (never inside a pair).
     */
    public static String shown(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (; i < text.length() && i < MAX_SHOWN_LENGTH; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (i + 1 >= MAX_SHOWN_LENGTH) {
                    break;
                }
                out.append(c).append(text.charAt(++i));
                continue;
            }
            int type = Character.getType(c);
            out.append(Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || Character.isSurrogate(c) ? '?' : c);
        }
        if (i < text.length()) {
            out.append("...");
        }
        return out.toString();
    }
}
