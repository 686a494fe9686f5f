package dev.vigil.exchange;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An RFC 8693 token-exchange request that asks for impersonation, checked for form before any
 * policy: everything wrong here is {@code invalid_request} (or {@code invalid_target} /
 * {@code invalid_scope} for an audience or scope the policy does not allow).
 *
 * <p>{@code requested_subject} names a user by username; {@code id:<user id>} names one by id. A plain
 * value is never looked up as an id, so a user who picks another user's id as username cannot catch
 * impersonations meant for that user (a value that is both is refused as ambiguous, see
 * {@link ImpersonationPolicy}).
 */
public record ImpersonationRequest(String subjectToken, String requestedSubject, boolean subjectById, String reason,
                                   Set<String> scopes, List<String> audience) {

    public static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    public static final String REQUESTED_SUBJECT = "requested_subject";
    public static final String REASON = "reason";
    /** The explicit form of a user id in {@code requested_subject}. */
    public static final String ID_PREFIX = "id:";
    static final int MAX_SUBJECT_TOKEN_LENGTH = 16_384;
    static final int MAX_VALUE_LENGTH = 2_048;
    private static final List<String> SINGLE_VALUED = List.of("subject_token", "subject_token_type", "requested_token_type",
            REQUESTED_SUBJECT, REASON, "scope", "actor_token", "actor_token_type", "requested_issuer", "subject_issuer");

    /** A malformed request; the message is safe to show the caller (it never echoes a token). */
    public static final class Invalid extends Exception {
        private final String error;

        public Invalid(String message) {
            this("invalid_request", message);
        }

        public Invalid(String error, String message) {
            super(message, null, false, false);
            this.error = error;
        }

        /** The OAuth error code. */
        public String error() {
            return error;
        }
    }

    /**
     * @param form every value of every form parameter
     * @param clientId the requesting client, always allowed as {@code audience}
     */
    public static ImpersonationRequest parse(Map<String, List<String>> form, String clientId, ImpersonationSettings settings)
            throws Invalid {
        for (String name : SINGLE_VALUED) {
            List<String> values = form.get(name);
            if (values != null && values.size() > 1) {
                throw new Invalid(name + " must be given once");
            }
        }
        String subjectToken = blankToNull(first(form, "subject_token"));
        if (subjectToken == null) {
            throw new Invalid("subject_token is required: the acting person's access token");
        }
        if (subjectToken.length() > MAX_SUBJECT_TOKEN_LENGTH) {
            throw new Invalid("subject_token is too long");
        }
        for (String name : SINGLE_VALUED) {
            String value = first(form, name);
            if (!"subject_token".equals(name) && value != null && value.length() > MAX_VALUE_LENGTH) {
                throw new Invalid(name + " is too long");
            }
        }
        String subjectTokenType = blankToNull(first(form, "subject_token_type"));
        if (subjectTokenType != null && !ACCESS_TOKEN_TYPE.equals(subjectTokenType)) {
            throw new Invalid("subject_token_type must be " + ACCESS_TOKEN_TYPE);
        }
        String requestedTokenType = blankToNull(first(form, "requested_token_type"));
        if (requestedTokenType != null && !ACCESS_TOKEN_TYPE.equals(requestedTokenType)) {
            throw new Invalid("requested_token_type must be " + ACCESS_TOKEN_TYPE + ": impersonation issues access tokens only");
        }
        if (first(form, "actor_token") != null || first(form, "requested_issuer") != null || first(form, "subject_issuer") != null) {
            throw new Invalid("actor_token, requested_issuer and subject_issuer are not supported with requested_subject");
        }
        String requestedSubject = blankToNull(first(form, REQUESTED_SUBJECT));
        boolean byId = requestedSubject != null && requestedSubject.startsWith(ID_PREFIX);
        if (byId) {
            requestedSubject = blankToNull(requestedSubject.substring(ID_PREFIX.length()));
        }
        if (requestedSubject == null || requestedSubject.length() > 255 || requestedSubject.chars().anyMatch(Character::isISOControl)) {
            throw new Invalid("requested_subject must name the user to impersonate: a username, or id:<user id>");
        }
        String reason = blankToNull(first(form, REASON));
        if (reason == null && settings.reasonRequired()) {
            throw new Invalid("reason is required (for example a ticket reference)");
        }
        if (reason != null) {
            int length = reason.codePointCount(0, reason.length());
            if (length < settings.reasonMinLength() || length > settings.reasonMaxLength()) {
                throw new Invalid("reason must be " + settings.reasonMinLength() + " to " + settings.reasonMaxLength()
                        + " characters long");
            }
            if (reason.chars().anyMatch(c -> Character.isISOControl(c))) {
                throw new Invalid("reason must be one line of text");
            }
        }
        Set<String> scopes = new LinkedHashSet<>();
        String scope = blankToNull(first(form, "scope"));
        if (scope != null) {
            for (String name : scope.split(" +")) {
                if (!"openid".equals(name) && !settings.allowedScopes().contains(name)) {
                    throw new Invalid("invalid_scope", "scope may name only the client scopes the impersonation policy allows");
                }
                scopes.add(name);
            }
        }
        List<String> audience = new ArrayList<>();
        for (String value : form.getOrDefault("audience", List.of())) {
            String name = blankToNull(value);
            if (name == null) {
                continue;
            }
            if (!name.equals(clientId) && !settings.allowedAudiences().contains(name)) {
                throw new Invalid("invalid_target", "audience may only be the requesting client or one the impersonation policy allows");
            }
            if (!audience.contains(name)) {
                audience.add(name);
            }
        }
        return new ImpersonationRequest(subjectToken, requestedSubject, byId, reason, scopes, List.copyOf(audience));
    }

    /** The scope parameter for Keycloak: {@code openid} and the allowed scopes asked for. */
    public String scopeParameter() {
        Set<String> all = new LinkedHashSet<>();
        all.add("openid");
        all.addAll(scopes);
        return String.join(" ", all);
    }

    /** How the audit trail names the requested subject. */
    public String subjectForAudit() {
        return subjectById ? ID_PREFIX + requestedSubject : requestedSubject;
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Override
    public String toString() {
        return "ImpersonationRequest[requestedSubject=" + subjectForAudit() + "]";
    }
}
