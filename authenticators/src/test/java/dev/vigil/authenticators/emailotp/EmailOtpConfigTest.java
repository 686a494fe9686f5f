package dev.vigil.authenticators.emailotp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.core.config.InvalidConfigException;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;

class EmailOtpConfigTest {

    @Test
    void missingOptionsTakeTheDocumentedDefaults() {
        EmailOtpConfig config = EmailOtpConfig.from(null);
        assertThat(config).isEqualTo(EmailOtpConfig.DEFAULTS);
        assertThat(config.codeLength()).isEqualTo(6);
        assertThat(config.lifetime()).isEqualTo(Duration.ofSeconds(300));
        assertThat(config.maxAttempts()).isEqualTo(5);
        assertThat(config.resendCooldown()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.mailsPerAddress()).isEqualTo(5);
        assertThat(config.addressWindow()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.mailsPerIp()).isEqualTo(20);
        assertThat(config.ipWindow()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.notifyUnknownAddresses()).isFalse();
        assertThat(EmailOtpConfig.from(Map.of("code-length", " "))).isEqualTo(EmailOtpConfig.DEFAULTS);
    }

    @Test
    void readsEveryOption() {
        EmailOtpConfig config = EmailOtpConfig.from(Map.of("code-length", "8", "lifetime-seconds", "600", "max-attempts", "3",
                "resend-cooldown-seconds", "60", "mails-per-address", "2", "address-window-minutes", "60", "mails-per-ip", "50",
                "ip-window-minutes", "5", "notify-unknown-addresses", "true", "trust-device-days", "7"));
        assertThat(config).isEqualTo(new EmailOtpConfig(8, Duration.ofMinutes(10), 3, Duration.ofMinutes(1), 2,
                Duration.ofHours(1), 50, Duration.ofMinutes(5), true, 7));
        assertThat(config.offersDeviceTrust()).isTrue();
        assertThat(EmailOtpConfig.from(Map.of("trust-device-days", "0")).offersDeviceTrust()).as("0 hides the checkbox").isFalse();
        assertThat(EmailOtpConfig.DEFAULTS.trustDeviceDays()).isEqualTo(30);
        assertThat(config.lifetimeMinutes()).isEqualTo(10);
    }

    @Test
    void refusesValuesOutsideTheirRangeNamingOptionAndRange() {
        assertThatThrownBy(() -> EmailOtpConfig.from(Map.of("code-length", "5")))
                .isInstanceOf(InvalidConfigException.class).hasMessage("code-length must be from 6 to 10, not 5");
        assertThatThrownBy(() -> EmailOtpConfig.from(Map.of("lifetime-seconds", "601")))
                .hasMessage("lifetime-seconds must be from 60 to 600, not 601");
        assertThatThrownBy(() -> EmailOtpConfig.from(Map.of("trust-device-days", "366")))
                .hasMessage("trust-device-days must be from 0 to 365, not 366");
        assertThatThrownBy(() -> EmailOtpConfig.from(Map.of("max-attempts", "-1")))
                .hasMessage("max-attempts must be from 1 to 10, not -1");
        assertThatThrownBy(() -> EmailOtpConfig.from(Map.of("mails-per-ip", "lots")))
                .hasMessage("mails-per-ip must be a whole number from 1 to 1000, not 'lots'");
        assertThatThrownBy(() -> EmailOtpConfig.from(Map.of("notify-unknown-addresses", "yes")))
                .hasMessage("notify-unknown-addresses must be true or false, not 'yes'");
    }

    @Test
    void anUnknownKeyIsRefusedNamingItAndTheAllowedKeysSoAMissedRenameCannotFallBackToADefault() {
        assertThatThrownBy(() -> EmailOtpConfig.from(Map.of("codeLength", "8")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("unknown option codeLength (allowed: address-window-minutes, code-length, default.reference.maxAge, "
                        + "default.reference.value, ip-window-minutes, lifetime-seconds, mails-per-address, mails-per-ip, "
                        + "max-attempts, notify-unknown-addresses, resend-cooldown-seconds, trust-device-days)");
        assertThatThrownBy(() -> EmailOtpConfig.from(Map.of("code-length", "8", "max_attempts", "3", "x\nforged", "1",
                "a", "1", "b", "2"))).hasMessageStartingWith("unknown options a, b, max_attempts and 1 more (allowed: ");
        assertThat(EmailOtpConfig.from(Map.of("default.reference.value", "otp", "default.reference.maxAge", "36000")))
                .as("the reference value and max age Keycloak's console offers on every execution").isEqualTo(EmailOtpConfig.DEFAULTS);
    }

    @Test
    void everyChoiceTheAdminConsoleOffersIsValidAndTheDefaultIsAmongThem() {
        for (ProviderConfigProperty property : EmailOtpConfigProperties.all()) {
            assertThat(property.getHelpText()).as(property.getName()).contains("Default");
            assertThat(property.getLabel()).isNotBlank();
            if (ProviderConfigProperty.LIST_TYPE.equals(property.getType())) {
                assertThat(property.getOptions()).as(property.getName()).contains(String.valueOf(property.getDefaultValue()));
                for (String option : property.getOptions()) {
                    EmailOtpConfig.from(Map.of(property.getName(), option));
                }
            }
        }
        Map<String, String> defaults = EmailOtpConfigProperties.all().stream()
                .collect(Collectors.toMap(ProviderConfigProperty::getName, p -> String.valueOf(p.getDefaultValue())));
        assertThat(EmailOtpConfig.from(defaults)).as("the console's defaults are the code's defaults")
                .isEqualTo(EmailOtpConfig.DEFAULTS);
    }
}
