package dev.vigil.authenticators.emailotp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Micrometer counters of the email code step, exported by Keycloak at /metrics on the management port. */
final class EmailOtpMetrics {

    private final Counter sent;
    private final Counter rateLimitedAddress;
    private final Counter rateLimitedIp;
    private final Counter verified;
    private final Counter failed;
    private final Counter expired;
    private final Counter overBudget;

    EmailOtpMetrics(MeterRegistry registry) {
        sent = Counter.builder("vigil.email.otp.sent").description("Code mails handed to the mail sender").register(registry);
        rateLimitedAddress = Counter.builder("vigil.email.otp.rate.limited").tag("limit", "address")
                .description("Code requests refused by a rate limit").register(registry);
        rateLimitedIp = Counter.builder("vigil.email.otp.rate.limited").tag("limit", "ip")
                .description("Code requests refused by a rate limit").register(registry);
        verified = Counter.builder("vigil.email.otp.verified").description("Codes accepted").register(registry);
        failed = Counter.builder("vigil.email.otp.failed").description("Codes refused (wrong, dead or without account)")
                .register(registry);
        expired = Counter.builder("vigil.email.otp.expired").description("Codes submitted after their lifetime")
                .register(registry);
        overBudget = Counter.builder("vigil.email.otp.over.budget")
                .description("Codes refused because the account's guessing budget was used up").register(registry);
    }

    void decided(SendDecision decision) {
        switch (decision.reason()) {
            case "sent" -> sent.increment();
            case "rate-limited-address" -> rateLimitedAddress.increment();
            case "rate-limited-ip" -> rateLimitedIp.increment();
            default -> {
            }
        }
    }

    void checked(CodeCheck.Outcome outcome) {
        switch (outcome) {
            case VALID -> verified.increment();
            case EXPIRED -> expired.increment();
            case OVER_BUDGET -> {
                overBudget.increment();
                failed.increment();
            }
            default -> failed.increment();
        }
    }
}
