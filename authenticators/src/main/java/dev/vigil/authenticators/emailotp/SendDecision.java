package dev.vigil.authenticators.emailotp;

/**
 * Whether a request for a code sends a mail. The requester never learns the answer: page, status
 * and timing are the same whatever it is; only the audit trail and the metrics know.
 */
public record SendDecision(Mail mail, String reason) {

    public enum Recipient { ACCOUNT, UNKNOWN, DISABLED, LOCKED, NO_EMAIL }

    public enum Mail { CODE, NO_ACCOUNT_NOTICE, NONE }

    public static SendDecision decide(Recipient recipient, boolean addressAllowed, boolean ipAllowed,
                                      boolean notifyUnknown, boolean typedAnAddress) {
        if (!addressAllowed) {
            return new SendDecision(Mail.NONE, "rate-limited-address");
        }
        if (!ipAllowed) {
            return new SendDecision(Mail.NONE, "rate-limited-ip");
        }
        return switch (recipient) {
            case ACCOUNT -> new SendDecision(Mail.CODE, "sent");
            case UNKNOWN -> notifyUnknown && typedAnAddress
                    ? new SendDecision(Mail.NO_ACCOUNT_NOTICE, "unknown-address-notified")
                    : new SendDecision(Mail.NONE, "unknown-address");
            case DISABLED -> new SendDecision(Mail.NONE, "user-disabled");
            case LOCKED -> new SendDecision(Mail.NONE, "user-locked");
            case NO_EMAIL -> new SendDecision(Mail.NONE, "user-without-email");
        };
    }

    public boolean rateLimited() {
        return reason.startsWith("rate-limited");
    }
}
