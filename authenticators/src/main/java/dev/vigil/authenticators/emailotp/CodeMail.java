package dev.vigil.authenticators.emailotp;

import java.util.Map;

/**
 * One mail to send after the response: what the template needs, nothing else. The code travels
 * only here, from the request thread to the mail sender; it is never stored or logged.
 */
record CodeMail(SendDecision.Mail kind, String realmId, String userId, String address, Map<String, Object> attributes) {

    static final String CODE_TEMPLATE = "vigil-email-otp.ftl";
    static final String CODE_SUBJECT = "vigilEmailOtpSubject";
    static final String NO_ACCOUNT_TEMPLATE = "vigil-email-otp-no-account.ftl";
    static final String NO_ACCOUNT_SUBJECT = "vigilEmailOtpNoAccountSubject";

    @Override
    public String toString() {
        return "CodeMail[" + kind + " to user " + userId + "]";
    }
}
