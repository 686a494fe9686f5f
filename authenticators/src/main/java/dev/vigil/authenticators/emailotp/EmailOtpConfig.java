package dev.vigil.authenticators.emailotp;

import dev.vigil.core.config.Options;
import java.time.Duration;
import java.util.Map;

/**
 * The options of one {@code vigil-email-otp} step, read null-safely from its execution config and
 * checked against their allowed ranges. A missing option takes its default; a present but invalid
 * one is refused with a message (the step then fails closed rather than guessing).
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

    public static final EmailOtpConfig DEFAULTS = new EmailOtpConfig(6, Duration.ofSeconds(300), 5,
            Duration.ofSeconds(30), 5, Duration.ofMinutes(15), 20, Duration.ofMinutes(15), false,
            dev.vigil.authenticators.trust.DeviceTrust.DEFAULT_DAYS);

    public static EmailOtpConfig from(Map<String, String> config) {
        Map<String, String> c = config == null ? Map.of() : config;
        return new EmailOtpConfig(
                integer(c, EmailOtpConfigProperties.CODE_LENGTH, DEFAULTS.codeLength, 6, 10),
                Duration.ofSeconds(integer(c, EmailOtpConfigProperties.LIFETIME_SECONDS,
                        (int) DEFAULTS.lifetime.getSeconds(), 60, 600)),
                integer(c, EmailOtpConfigProperties.MAX_ATTEMPTS, DEFAULTS.maxAttempts, 1, 10),
                Duration.ofSeconds(integer(c, EmailOtpConfigProperties.RESEND_COOLDOWN_SECONDS,
                        (int) DEFAULTS.resendCooldown.getSeconds(), 0, 300)),
                integer(c, EmailOtpConfigProperties.MAILS_PER_ADDRESS, DEFAULTS.mailsPerAddress, 1, 100),
                Duration.ofMinutes(integer(c, EmailOtpConfigProperties.ADDRESS_WINDOW_MINUTES,
                        (int) DEFAULTS.addressWindow.toMinutes(), 1, 1440)),
                integer(c, EmailOtpConfigProperties.MAILS_PER_IP, DEFAULTS.mailsPerIp, 1, 1000),
                Duration.ofMinutes(integer(c, EmailOtpConfigProperties.IP_WINDOW_MINUTES,
                        (int) DEFAULTS.ipWindow.toMinutes(), 1, 1440)),
                bool(c, EmailOtpConfigProperties.NOTIFY_UNKNOWN, DEFAULTS.notifyUnknownAddresses),
                integer(c, EmailOtpConfigProperties.TRUST_DEVICE_DAYS, DEFAULTS.trustDeviceDays, 0,
                        dev.vigil.authenticators.trust.DeviceTrust.MAX_DAYS));
    }

    /** Whether the code page offers "trust this browser" (second factor only; 0 days hides it). */
    public boolean offersDeviceTrust() {
        return trustDeviceDays > 0;
    }

    public int lifetimeMinutes() {
        return (int) Math.max(1, (lifetime.getSeconds() + 59) / 60);
    }

    private static int integer(Map<String, String> c, String key, int fallback, int min, int max) {
        String raw = c.get(key);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfigException(key + " must be a whole number from " + min + " to " + max
                    + ", not '" + Options.shown(raw) + "'");
        }
        if (value < min || value > max) {
            throw new InvalidConfigException(key + " must be from " + min + " to " + max + ", not " + value);
        }
        return value;
    }

    private static boolean bool(Map<String, String> c, String key, boolean fallback) {
        String raw = c.get(key);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        if (!raw.trim().equalsIgnoreCase("true") && !raw.trim().equalsIgnoreCase("false")) {
            throw new InvalidConfigException(key + " must be true or false, not '" + Options.shown(raw) + "'");
        }
        return Boolean.parseBoolean(raw.trim());
    }
}
