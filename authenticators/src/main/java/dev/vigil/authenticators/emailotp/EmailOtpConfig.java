package dev.vigil.authenticators.emailotp;

import dev.vigil.core.config.InvalidConfigException;
import java.time.Duration;
import java.util.Map;

/**
 * The options of one {@code vigil-email-otp} step, read null-safely from its execution config and
 * checked against their allowed ranges. A missing option takes its default; a present but invalid
 * one, or a key the step does not know, is refused with a message (the step then fails closed rather
 * than guessing).
 */
public record EmailOtpConfig(
        int codeLength,
        Duration lifetime,
        int maxAttempts,
        Duration resendCooldown,
        int mailsPerAddress,
        Duration addressWindow,
        int mailsPerIp,
        Duration ipWindow,
        boolean notifyUnknownAddresses,
        int trustDeviceDays) {

    public static final EmailOtpConfig DEFAULTS = from(Map.of());

    /**
     * Reads the options of one execution ({@link EmailOtpConfigProperties}); null is an empty config.
     *
     * @throws InvalidConfigException naming an unknown key (and the allowed ones) or an invalid value
     */
    public static EmailOtpConfig from(Map<String, String> config) {
        Map<String, String> c = EmailOtpConfigProperties.OPTIONS.checkKeys(config);
        return new EmailOtpConfig(
                EmailOtpConfigProperties.CODE_LENGTH.read(c),
                EmailOtpConfigProperties.LIFETIME.read(c),
                EmailOtpConfigProperties.MAX_ATTEMPTS.read(c),
                EmailOtpConfigProperties.RESEND_COOLDOWN.read(c),
                EmailOtpConfigProperties.MAILS_PER_ADDRESS.read(c),
                EmailOtpConfigProperties.ADDRESS_WINDOW.read(c),
                EmailOtpConfigProperties.MAILS_PER_IP.read(c),
                EmailOtpConfigProperties.IP_WINDOW.read(c),
                EmailOtpConfigProperties.NOTIFY_UNKNOWN.read(c),
                EmailOtpConfigProperties.TRUST_DEVICE_DAYS.read(c));
    }

    /** Whether the code page offers "trust this browser" (second factor only; 0 days hides it). */
    public boolean offersDeviceTrust() {
        return trustDeviceDays > 0;
    }

    public int lifetimeMinutes() {
        return (int) Math.max(1, (lifetime.getSeconds() + 59) / 60);
    }
}
