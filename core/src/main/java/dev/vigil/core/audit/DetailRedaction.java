package dev.vigil.core.audit;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Decides whether an event detail may be written as it is. A detail is redacted when its name says
 * it holds a credential ({@code token}, {@code code}, {@code password}, {@code secret}, ...) unless the
 * name says it only describes one (an id, a type, a method), or when its value looks like a token
 * whatever the name (a JWT/JWE, a Keycloak authorization code, a bearer header).
 */
public final class DetailRedaction {

    public static final String REDACTED = "[redacted]";

    /** Longest value written; longer ones (attacker-supplied redirect URIs, say) are cut. */
    static final int MAX_VALUE_LENGTH = 512;

    private static final Set<String> SECRET_WORDS = Set.of(
            "token", "code", "password", "passwd", "pwd", "secret", "assertion", "credential", "otp",
            "pin", "key", "cookie", "authorization", "bearer", "hash", "salt", "nonce", "verifier", "challenge",
            "totp", "hotp", "recovery", "jwt", "jws", "jwe", "signature");

    /** Last words that describe a credential without being one. */
    private static final Set<String> DESCRIPTIVE_LAST_WORDS = Set.of(
            "id", "ids", "type", "types", "method", "sub", "length", "count", "age", "lifetime", "expiration",
            "expires", "exp", "iat", "time", "category", "name", "label", "algorithm", "alg", "provider", "realm",
            "result", "reason", "status", "policy", "mode");

    /** Names Keycloak uses for non-secret details that the word rule would otherwise catch. */
    private static final Set<String> KNOWN_SAFE = Set.of(
            "age_of_refresh_token", "reuse_id", "grant_type", "response_type", "response_mode",
            "client_auth_method", "auth_method", "auth_type", "code_challenge_method", "pkce_method");

    private static final Pattern WORD_SPLIT = Pattern.compile("[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])");
    private static final Pattern JOSE = Pattern.compile("[A-Za-z0-9_-]{16,}\\.[A-Za-z0-9_-]{16,}(\\.[A-Za-z0-9_-]*){1,3}");
    private static final Pattern BEARER = Pattern.compile("(?i)\\s*(bearer|basic|dpop)\\s+\\S+.*");

    /** Names already decided; bounded in case some caller builds names from data. */
    private static final Map<String, Boolean> SECRET_NAMES = new ConcurrentHashMap<>();
    static final int MAX_REMEMBERED_NAMES = 1_000;

    private DetailRedaction() {
    }

    public static String redact(String key, String value) {
        if (value == null) {
            return null;
        }
        // White space around a token does not make it any less of one.
        if (isSecretName(key) || looksLikeCredential(value.strip())) {
            return REDACTED;
        }
        if (value.length() <= MAX_VALUE_LENGTH) {
            return value;
        }
        // Never cut between the two halves of a character outside the BMP (an emoji, say).
        int cut = Character.isHighSurrogate(value.charAt(MAX_VALUE_LENGTH - 1)) ? MAX_VALUE_LENGTH - 1 : MAX_VALUE_LENGTH;
        return value.substring(0, cut) + "...";
    }

    /**
     * Whether {@code key} names a credential, decided once per name: detail names are a small fixed set written by
     * code, and every audit record asks for each of its details (splitting the name was most of a record's cost).
     */
    static boolean isSecretName(String key) {
        Boolean known = SECRET_NAMES.get(key);
        if (known != null) {
            return known;
        }
        boolean secret = classifyName(key);
        if (SECRET_NAMES.size() < MAX_REMEMBERED_NAMES) {
            SECRET_NAMES.put(key, secret);
        }
        return secret;
    }

    private static boolean classifyName(String key) {
        String normalized = key.trim();
        if (KNOWN_SAFE.contains(normalized.toLowerCase(Locale.ROOT))) {
            return false;
        }
        String[] words = WORD_SPLIT.split(normalized);
        boolean secretWord = false;
        for (String word : words) {
            if (SECRET_WORDS.contains(word.toLowerCase(Locale.ROOT))) {
                secretWord = true;
                break;
            }
        }
        if (!secretWord) {
            return false;
        }
        String last = words.length == 0 ? "" : words[words.length - 1].toLowerCase(Locale.ROOT);
        return !DESCRIPTIVE_LAST_WORDS.contains(last);
    }

    static boolean looksLikeCredential(String value) {
        return JOSE.matcher(value).matches() || BEARER.matcher(value).matches();
    }
}
