package dev.vigil.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;

class OptionTest {

    private static final Option<Integer> LENGTH = Option.whole("code-length", 6, 6, 10).label("Code length")
            .help("Digits per code.").choices(6, 10).build();
    private static final Option<Duration> LIFETIME = Option.seconds("lifetime-seconds", 300, 60, 600).label("Lifetime")
            .help("How long a code works.").build();
    private static final Option<Duration> WINDOW = Option.minutes("window-minutes", 15, 1, 1440).label("Window")
            .help("The window.").build();
    private static final Option<Boolean> NOTIFY = Option.bool("notify", false).label("Notify").help("Mail.").build();
    private static final Option<String> MATCH = Option.oneOf("match", "any", List.of("any", "all")).label("Match")
            .help("How rules combine.").build();
    private static final Option<String> ROLE = Option.text("role", "vigil-impersonator").label("Role").help("A role.").build();

    @Test
    void missingOrBlankIsTheDefaultAndValuesAreTrimmed() {
        assertThat(LENGTH.read(null)).isEqualTo(6);
        assertThat(LENGTH.read(Map.of("code-length", "  "))).isEqualTo(6);
        assertThat(LENGTH.read(Map.of("code-length", " 8 "))).isEqualTo(8);
        assertThat(LIFETIME.read(Map.of("lifetime-seconds", "120"))).isEqualTo(Duration.ofMinutes(2));
        assertThat(WINDOW.read(Map.of("window-minutes", "60"))).isEqualTo(Duration.ofHours(1));
        assertThat(NOTIFY.read(Map.of("notify", "TRUE"))).isTrue();
        assertThat(MATCH.read(Map.of("match", "ALL"))).isEqualTo("all");
        assertThat(ROLE.read(Map.of("role", " support "))).isEqualTo("support");
        assertThat(ROLE.read(Map.of())).isEqualTo("vigil-impersonator");
    }

    @Test
    void badValuesAreRefusedNamingTheKeyAndTheBounds() {
        assertThatThrownBy(() -> LENGTH.read(Map.of("code-length", "5"))).isExactlyInstanceOf(InvalidConfigException.class)
                .hasMessage("code-length must be from 6 to 10, not 5");
        assertThatThrownBy(() -> LENGTH.read(Map.of("code-length", "99999999999999999999")))
                .hasMessage("code-length must be a whole number from 6 to 10, not '99999999999999999999'");
        assertThatThrownBy(() -> LIFETIME.read(Map.of("lifetime-seconds", "1\n[ERROR] forged")))
                .hasMessage("lifetime-seconds must be a whole number from 60 to 600, not '1?[ERROR] forged'");
        assertThatThrownBy(() -> NOTIFY.read(Map.of("notify", "yes"))).hasMessage("notify must be true or false, not 'yes'");
        assertThatThrownBy(() -> MATCH.read(Map.of("match", "most"))).hasMessage("match must be one of any, all, not 'most'");
        Option<Integer> custom = Option.parsed("level", ProviderConfigProperty.STRING_TYPE, 0, "0 (off)", raw -> {
            throw new IllegalArgumentException("level must be a level, not '" + Options.shown(raw) + "'");
        }).label("Level").help("A level.").build();
        assertThatThrownBy(() -> custom.read(Map.of("level", "x"))).isExactlyInstanceOf(InvalidConfigException.class)
                .hasMessage("level must be a level, not 'x'");
    }

    @Test
    void theConsolePropertyCarriesTheGeneratedHelpTextWithBoundsAndDefault() {
        ProviderConfigProperty length = LENGTH.property();
        assertThat(length.getName()).isEqualTo("code-length");
        assertThat(length.getLabel()).isEqualTo("Code length");
        assertThat(length.getType()).isEqualTo(ProviderConfigProperty.LIST_TYPE);
        assertThat(length.getOptions()).containsExactly("6", "7", "8", "9", "10");
        assertThat(length.getDefaultValue()).isEqualTo("6");
        assertThat(length.getHelpText()).isEqualTo("Digits per code. 6 to 10. Default: 6.");
        assertThat(LIFETIME.property().getHelpText()).isEqualTo("How long a code works. 60 to 600 seconds. Default: 300 seconds.");
        assertThat(LIFETIME.property().getDefaultValue()).isEqualTo("300");
        assertThat(WINDOW.property().getDefaultValue()).as("the console holds minutes").isEqualTo("15");
        assertThat(NOTIFY.property().getDefaultValue()).isEqualTo(false);
        assertThat(NOTIFY.property().getType()).isEqualTo(ProviderConfigProperty.BOOLEAN_TYPE);
        assertThat(NOTIFY.property().getHelpText()).isEqualTo("Mail. Default: off.");
        assertThat(MATCH.property().getOptions()).containsExactly("any", "all");
        Option<Integer> off = Option.whole("max", 0, 0, 100).label("Max").help("Most.").defaultText("0 (off)").build();
        assertThat(off.property().getHelpText()).isEqualTo("Most. 0 to 100. Default: 0 (off).");
    }

    @Test
    void aDefinitionIsRefusedWhenItsKeyIsNotKebabCaseOrAChoiceCannotBeRead() {
        assertThatThrownBy(() -> Option.whole("codeLength", 6, 6, 10).label("L").help("H.").build())
                .hasMessage("option keys are kebab-case, not codeLength");
        assertThatThrownBy(() -> Option.whole("code-length", 6, 6, 10).label("L").help("H.").choices(List.of("5", "6")).build())
                .hasMessage("code-length must be from 6 to 10, not 5");
        assertThatThrownBy(() -> Option.whole("code-length", 6, 6, 10).help("H.").build()).hasMessageContaining("label");
    }
}
