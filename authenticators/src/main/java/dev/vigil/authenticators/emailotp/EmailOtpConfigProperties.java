package dev.vigil.authenticators.emailotp;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

/**
 * The step's options as the admin console shows them. Keycloak 26.7 does not let an authenticator
 * validate its configuration on save, so every bounded option is a list of the allowed values:
 * the console cannot store anything out of range. Values written through the REST API are checked
 * by {@link EmailOtpConfig} at login, where an invalid one fails the step closed.
 */
public final class EmailOtpConfigProperties {

    public static final String CODE_LENGTH = "code-length";
    public static final String LIFETIME_SECONDS = "lifetime-seconds";
    public static final String MAX_ATTEMPTS = "max-attempts";
    public static final String RESEND_COOLDOWN_SECONDS = "resend-cooldown-seconds";
    public static final String MAILS_PER_ADDRESS = "mails-per-address";
    public static final String ADDRESS_WINDOW_MINUTES = "address-window-minutes";
    public static final String MAILS_PER_IP = "mails-per-ip";
    public static final String IP_WINDOW_MINUTES = "ip-window-minutes";
    public static final String NOTIFY_UNKNOWN = "notify-unknown-addresses";
    public static final String TRUST_DEVICE_DAYS = "trust-device-days";

    private EmailOtpConfigProperties() {
    }

    public static List<ProviderConfigProperty> all() {
        return ProviderConfigurationBuilder.create()
                .property().name(CODE_LENGTH).label("Code length").type(ProviderConfigProperty.LIST_TYPE)
                .options(range(6, 10)).defaultValue("6")
                .helpText("Number of digits in a code, 6 to 10. Default: 6. Use 8 or more when this step is the first factor.")
                .add()
                .property().name(LIFETIME_SECONDS).label("Code lifetime (seconds)").type(ProviderConfigProperty.LIST_TYPE)
                .options(List.of("60", "120", "180", "240", "300", "360", "420", "480", "540", "600")).defaultValue("300")
                .helpText("How long a code stays valid, 60 to 600 seconds. Default: 300 (5 minutes).")
                .add()
                .property().name(MAX_ATTEMPTS).label("Attempts per code").type(ProviderConfigProperty.LIST_TYPE)
                .options(range(1, 10)).defaultValue("5")
                .helpText("Tries allowed for one code, 1 to 10; after the last one the code is dead and a new one must be requested. Default: 5.")
                .add()
                .property().name(RESEND_COOLDOWN_SECONDS).label("Resend cooldown (seconds)").type(ProviderConfigProperty.LIST_TYPE)
                .options(List.of("0", "15", "30", "45", "60", "90", "120", "300")).defaultValue("30")
                .helpText("Time before a new code can be requested in the same login. Default: 30.")
                .add()
                .property().name(MAILS_PER_ADDRESS).label("Mails per address").type(ProviderConfigProperty.LIST_TYPE)
                .options(List.of("1", "2", "3", "5", "10", "20", "50", "100")).defaultValue("5")
                .helpText("Most code mails to one address per address window, counted on every node of the cluster. "
                        + "Requests over the limit send nothing and look exactly like the others. Default: 5.")
                .add()
                .property().name(ADDRESS_WINDOW_MINUTES).label("Address window (minutes)").type(ProviderConfigProperty.LIST_TYPE)
                .options(List.of("5", "10", "15", "30", "60", "1440")).defaultValue("15")
                .helpText("The window of the per-address limit. Default: 15 minutes.")
                .add()
                .property().name(MAILS_PER_IP).label("Mails per client IP").type(ProviderConfigProperty.LIST_TYPE)
                .options(List.of("5", "10", "20", "50", "100", "200", "500", "1000")).defaultValue("20")
                .helpText("Most code mails requested from one client IP (as Keycloak resolves it, so forwarded headers count "
                        + "only with Keycloak's proxy settings) per IP window. Default: 20.")
                .add()
                .property().name(IP_WINDOW_MINUTES).label("IP window (minutes)").type(ProviderConfigProperty.LIST_TYPE)
                .options(List.of("5", "10", "15", "30", "60", "1440")).defaultValue("15")
                .helpText("The window of the per-IP limit. Default: 15 minutes.")
                .add()
                .property().name(NOTIFY_UNKNOWN).label("Tell unknown addresses").type(ProviderConfigProperty.BOOLEAN_TYPE)
                .defaultValue("false")
                .helpText("First factor only: mail an address that has no account that someone tried to sign in with it. "
                        + "Within the same rate limits. Default: off.")
                .add()
                .property().name(TRUST_DEVICE_DAYS).label("Trust this browser for (days)").type(ProviderConfigProperty.LIST_TYPE)
                .options(List.of("0", "1", "7", "14", "30", "60", "90", "180", "365")).defaultValue("30")
                .helpText("Second factor only: after a correct code the user may tick 'trust this browser' for this many days; "
                        + "a condition 'Vigil step-up rules' with 'Untrusted browsers' then skips the second factor in that "
                        + "browser. The box shows only while such a condition exists in the realm; 0 hides it. Default: 30.")
                .add()
                .build();
    }

    private static List<String> range(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(String::valueOf).collect(Collectors.toList());
    }
}
