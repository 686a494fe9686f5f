package dev.vigil.exchange;

import java.util.List;
import java.util.Map;

/**
 * An RFC 8693 token-exchange request that asks for impersonation, checked for form before any
 * policy: everything wrong here is {@code invalid_request}.
 */
public record ImpersonationRequest(String subjectToken, String requestedSubject, String reason, String scope,
                                   List<String> audience) {

    public static final String ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token";
    public static final String REQUESTED_SUBJECT = "requested_subject";
    public static final String REASON = "reason";

    /** A malformed request; the message is safe to show the caller (it never echoes a token). */
    public static final class Invalid extends Exception {
        public Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * @param form the first value of each form parameter, and every value of {@code audience}
     */
    public static ImpersonationRequest parse(Map<String, String> form, List<String> audience, ImpersonationSettings settings)
            throws Invalid {
        String subjectToken = blankToNull(form.get("subject_token"));
        if (subjectToken == null) {
            throw new Invalid("subject_token is required: the acting person's access token");
        }
        String subjectTokenType = blankToNull(form.get("subject_token_type"));
        if (subjectTokenType != null && !ACCESS_TOKEN_TYPE.equals(subjectTokenType)) {
            throw new Invalid("subject_token_type must be " + ACCESS_TOKEN_TYPE);
        }
        String requestedTokenType = blankToNull(form.get("requested_token_type"));
        if (requestedTokenType != null && !ACCESS_TOKEN_TYPE.equals(requestedTokenType)) {
            throw new Invalid("requested_token_type must be " + ACCESS_TOKEN_TYPE + ": impersonation issues access tokens only");
        }
        if (form.get("actor_token") != null || form.get("requested_issuer") != null || form.get("subject_issuer") != null) {
            throw new Invalid("actor_token, requested_issuer and subject_issuer are not supported with requested_subject");
        }
        String requestedSubject = blankToNull(form.get(REQUESTED_SUBJECT));
        if (requestedSubject == null || requestedSubject.length() > 255) {
            throw new Invalid("requested_subject must name the user to impersonate by id or username");
        }
        String reason = blankToNull(form.get(REASON));
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
        return new ImpersonationRequest(subjectToken, requestedSubject, reason, blankToNull(form.get("scope")),
                audience == null ? List.of() : List.copyOf(audience));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Override
    public String toString() {
        return "ImpersonationRequest[requestedSubject=" + requestedSubject + "]";
    }
}
