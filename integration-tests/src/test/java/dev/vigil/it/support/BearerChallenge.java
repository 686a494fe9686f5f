package dev.vigil.it.support;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code WWW-Authenticate: Bearer ...} challenge (RFC 6750 section 3) read the way a client does
 * before it answers an RFC 9470 step-up: the auth-params as name/value, quoted strings unescaped.
 */
public record BearerChallenge(Map<String, String> params) {

    public static final String INSUFFICIENT_USER_AUTHENTICATION = "insufficient_user_authentication";

    public Optional<String> param(String name) {
        return Optional.ofNullable(params.get(name));
    }

    public boolean insufficientUserAuthentication() {
        return INSUFFICIENT_USER_AUTHENTICATION.equals(params.get("error"));
    }

    /** Parses one Bearer challenge; throws {@link IllegalArgumentException} for anything else. */
    public static BearerChallenge parse(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer", 0, 6)) {
            throw new IllegalArgumentException("not a Bearer challenge: " + header);
        }
        Map<String, String> params = new LinkedHashMap<>();
        int i = 6;
        int n = header.length();
        while (i < n) {
            while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == ',')) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int eq = header.indexOf('=', i);
            if (eq < 0) {
                throw new IllegalArgumentException("auth-param without a value at " + i + ": " + header);
            }
            String name = header.substring(i, eq).trim().toLowerCase(java.util.Locale.ROOT);
            i = eq + 1;
            StringBuilder value = new StringBuilder();
            if (i < n && header.charAt(i) == '"') {
                i++;
                while (i < n && header.charAt(i) != '"') {
                    if (header.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    value.append(header.charAt(i++));
                }
                if (i >= n) {
                    throw new IllegalArgumentException("unterminated quoted string: " + header);
                }
                i++;
            } else {
                while (i < n && header.charAt(i) != ',' && header.charAt(i) != ' ') {
                    value.append(header.charAt(i++));
                }
            }
            params.put(name, value.toString());
        }
        return new BearerChallenge(params);
    }
}
