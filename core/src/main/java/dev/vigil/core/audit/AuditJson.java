package dev.vigil.core.audit;

import java.time.format.DateTimeFormatter;
import java.util.Map;

/** Renders an {@link AuditRecord} as one line of JSON with a fixed field order. */
public final class AuditJson {

    private AuditJson() {
    }

    public static String render(AuditRecord r) {
        StringBuilder out = new StringBuilder(256).append('{');
        field(out, "time", DateTimeFormatter.ISO_INSTANT.format(r.time()), true);
        field(out, "source", r.source(), false);
        field(out, "type", r.type(), false);
        field(out, "realm", r.realm(), false);
        field(out, "userId", r.userId(), false);
        field(out, "username", r.username(), false);
        field(out, "clientId", r.clientId(), false);
        field(out, "sessionId", r.sessionId(), false);
        field(out, "ipAddress", r.ipAddress(), false);
        field(out, "outcome", r.outcome().name().toLowerCase(java.util.Locale.ROOT), false);
        field(out, "error", r.error(), false);
        out.append(",\"details\":{");
        boolean first = true;
        for (Map.Entry<String, String> e : r.details().entrySet()) {
            field(out, e.getKey(), e.getValue(), first);
            first = false;
        }
        return out.append("}}").toString();
    }

    private static void field(StringBuilder out, String name, String value, boolean first) {
        if (value == null) {
            return;
        }
        if (!first) {
            out.append(',');
        }
        string(out, name);
        out.append(':');
        string(out, value);
    }

    static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    // Control characters and the JavaScript line separators are escaped so a value
                    // can never break the one-record-per-line format; so is half of a surrogate pair,
                    // which UTF-8 cannot carry (the log would write '?' and the value would change).
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 || c == '\u2028' || c == '\u2029' || c == 0x7f || Character.isSurrogate(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
