package dev.vigil.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a fuzzer's bytes into text fields. Fields are separated by the byte {@code 0xFF}, which never
 * occurs in UTF-8, so a field can hold any other byte: newlines, NUL, every control character. Bytes
 * are read as UTF-8 extended so that every Java string is reachable: a three-byte sequence may encode
 * a lone surrogate (as in WTF-8), and any byte that starts no valid sequence becomes the lone low
 * surrogate {@code U+DC00 + byte} (as Python's "surrogateescape"). Seeds stay readable text.
 */
public final class FuzzText {

    public static final int SEPARATOR = 0xFF;

    private FuzzText() {
    }

    /** The fields of {@code data}; never empty (no separator gives one field). */
    public static List<String> fields(byte[] data) {
        List<String> fields = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= data.length; i++) {
            if (i == data.length || (data[i] & 0xff) == SEPARATOR) {
                fields.add(decode(data, start, i));
                start = i + 1;
            }
        }
        return fields;
    }

    /** All of {@code data} as one text, separators included (as U+DCFF). */
    public static String text(byte[] data) {
        return decode(data, 0, data.length);
    }

    /** Fields from {@code from} on as option key/value pairs (a later key wins; an odd last field is a key without value). */
    public static Map<String, String> options(List<String> fields, int from) {
        Map<String, String> options = new HashMap<>();
        for (int i = from; i < fields.size(); i += 2) {
            options.put(fields.get(i), i + 1 < fields.size() ? fields.get(i + 1) : null);
        }
        return options;
    }

    /** Field {@code index} as a whole number; {@code missing} when absent or not a number. */
    public static long number(List<String> fields, int index, long missing) {
        try {
            return index < fields.size() ? Long.parseLong(fields.get(index).trim()) : missing;
        } catch (NumberFormatException e) {
            return missing;
        }
    }

    /**
     * Whether {@code text} can go into a log line or a message as it is: no control, format or
     * line/paragraph separator character, and no half of a surrogate pair.
     */
    public static boolean isSafeForALogLine(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int type = Character.getType(c);
            if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || Character.isLowSurrogate(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    static String decode(byte[] b, int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            int b0 = b[i] & 0xff;
            int need = b0 < 0x80 ? 0 : b0 >= 0xc2 && b0 <= 0xdf ? 1 : b0 >= 0xe0 && b0 <= 0xef ? 2 : b0 >= 0xf0 && b0 <= 0xf4 ? 3 : -1;
            int cp = need == 0 ? b0 : need == 1 ? b0 & 0x1f : need == 2 ? b0 & 0x0f : b0 & 0x07;
            boolean ok = need >= 0 && i + need < to;
            for (int k = 1; ok && k <= need; k++) {
                int c = b[i + k] & 0xff;
                ok = (c & 0xc0) == 0x80;
                cp = cp << 6 | c & 0x3f;
            }
            ok = ok && (need != 2 || cp >= 0x800) && (need != 3 || cp >= 0x10000 && cp <= 0x10ffff);
            if (ok) {
                out.appendCodePoint(cp);
                i += need + 1;
            } else {
                out.append((char) (0xdc00 | b0));
                i++;
            }
        }
        return out.toString();
    }
}
