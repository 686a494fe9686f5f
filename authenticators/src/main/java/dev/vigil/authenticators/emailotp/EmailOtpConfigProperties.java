package dev.vigil.authenticators.emailotp;

import dev.vigil.authenticators.trust.DeviceTrust;
import dev.vigil.core.config.Option;
import dev.vigil.core.config.OptionSet;
import java.time.Duration;
import java.util.List;
import org.keycloak.models.Constants;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * The step's options, each defined once (key, label, help, default, bounds). Keycloak 26.7 does not let an
 * authenticator validate its configuration on save, so every bounded option is a list of the allowed values:
 * the console cannot store anything out of range. Values (and keys) written through the REST API are
 * checked by {@link EmailOtpConfig} at login, where an invalid one fails the step closed.
 */
public final class EmailOtpConfigProperties {

    public static final Option<Integer> CODE_LENGTH = Option.whole("code-length", 6, 6, 10)
            .label("Code length").choices(6, 10)
            .help("Number of digits in a code. Use 8 or more when this step is the first factor.").build();
    public static final Option<Duration> LIFETIME = Option.seconds("lifetime-seconds", 300, 60, 600)
            .label("Code lifetime (seconds)")
            .choices(List.of("60", "120", "180", "240", "300", "360", "420", "480", "540", "600"))
            .help("How long a code stays valid.").build();
    public static final Option<Integer> MAX_ATTEMPTS = Option.whole("max-attempts", 5, 1, 10)
            .label("Attempts per code").choices(1, 10)
            .help("Tries allowed for one code; after the last one the code is dead and a new one must be requested.").build();
    public static final Option<Duration> RESEND_COOLDOWN = Option.seconds("resend-cooldown-seconds", 30, 0, 300)
            .label("Resend cooldown (seconds)").choices(List.of("0", "15", "30", "45", "60", "90", "120", "300"))
            .help("Time before a new code can be requested in the same login.").build();
    public static final Option<Integer> MAILS_PER_ADDRESS = Option.whole("mails-per-address", 5, 1, 100)
            .label("Mails per address").choices(List.of("1", "2", "3", "5", "10", "20", "50", "100"))
            .help("Most code mails to one address per address window, counted on every node of the cluster. "
                    + "Requests over the limit send nothing and look exactly like the others.").build();
    public static final Option<Duration> ADDRESS_WINDOW = Option.minutes("address-window-minutes", 15, 1, 1440)
            .label("Address window (minutes)").choices(List.of("5", "10", "15", "30", "60", "1440"))
            .help("The window of the per-address limit.").build();
    public static final Option<Integer> MAILS_PER_IP = Option.whole("mails-per-ip", 20, 1, 1000)
            .label("Mails per client IP").choices(List.of("5", "10", "20", "50", "100", "200", "500", "1000"))
            .help("Most code mails requested from one client IP (as Keycloak resolves it, so forwarded headers count "
                    + "only with Keycloak's proxy settings) per IP window.").build();
    public static final Option<Duration> IP_WINDOW = Option.minutes("ip-window-minutes", 15, 1, 1440)
            .label("IP window (minutes)").choices(List.of("5", "10", "15", "30", "60", "1440"))
            .help("The window of the per-IP limit.").build();
    public static final Option<Boolean> NOTIFY_UNKNOWN = Option.bool("notify-unknown-addresses", false)
            .label("Tell unknown addresses")
            .help("First factor only: mail an address that has no account that someone tried to sign in with it. "
                    + "Within the same rate limits.").build();
    public static final Option<Integer> TRUST_DEVICE_DAYS = Option.whole("trust-device-days", DeviceTrust.DEFAULT_DAYS, 0,
                    DeviceTrust.MAX_DAYS)
            .label("Trust this browser for (days)").choices(List.of("0", "1", "7", "14", "30", "60", "90", "180", "365"))
            .help("Second factor only: after a correct code the user may tick 'trust this browser' for this many days; "
                    + "a condition 'Vigil step-up rules' with 'Untrusted browsers' then skips the second factor in that "
                    + "browser. The box shows only while such a condition exists in the realm; 0 hides it.").build();

    /**
     * Every key an execution config of the step may hold: its options, and the reference value and max age
     * that Keycloak's admin console offers on every execution (read by Keycloak's {@code amr} mapper).
     */
    public static final OptionSet OPTIONS = OptionSet.of(CODE_LENGTH, LIFETIME, MAX_ATTEMPTS, RESEND_COOLDOWN,
            MAILS_PER_ADDRESS, ADDRESS_WINDOW, MAILS_PER_IP, IP_WINDOW, NOTIFY_UNKNOWN, TRUST_DEVICE_DAYS)
            .alsoAllowing(Constants.AUTHENTICATION_EXECUTION_REFERENCE_VALUE, Constants.AUTHENTICATION_EXECUTION_REFERENCE_MAX_AGE);

    private EmailOtpConfigProperties() {
    }

    public static List<ProviderConfigProperty> all() {
        return OPTIONS.properties();
    }
}
