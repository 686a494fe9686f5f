package dev.vigil.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;

class OptionSetTest {

    private static final Option<Integer> A = Option.whole("max-attempts", 5, 1, 10).label("A").help("A.").build();
    private static final Option<Boolean> B = Option.bool("notify-user", false).label("B").help("B.").build();
    private static final OptionSet SET = OptionSet.of(A, B);

    @Test
    void knownKeysPassAndNullIsAnEmptyConfig() {
        assertThat(SET.checkKeys(null)).isEmpty();
        assertThat(SET.checkKeys(Map.of("max-attempts", "3"))).containsEntry("max-attempts", "3");
        assertThat(SET.allowedKeys()).containsExactly("max-attempts", "notify-user");
        assertThat(SET.properties()).extracting(ProviderConfigProperty::getName).containsExactly("max-attempts", "notify-user");
    }

    @Test
    void anUnknownKeyIsRefusedNamingItAndTheAllowedKeys() {
        assertThatThrownBy(() -> SET.checkKeys(Map.of("maxAttempts", "3"))).isExactlyInstanceOf(InvalidConfigException.class)
                .hasMessage("unknown option maxAttempts (allowed: max-attempts, notify-user)");
        assertThatThrownBy(() -> SET.checkKeys(Map.of("max-attempts", "3", "Notify-User", "true")))
                .hasMessage("unknown option Notify-User (allowed: max-attempts, notify-user)");
    }

    @Test
    void atMostThreeUnknownKeysAreNamedEachSafeAndShortForALogLine() {
        Map<String, String> junk = new HashMap<>();
        junk.put("a\n[ERROR] forged", "1");
        junk.put("b".repeat(1000), "1");
        junk.put("c", "1");
        junk.put("d", "1");
        junk.put("e", "1");
        assertThatThrownBy(() -> SET.checkKeys(junk)).satisfies(e -> {
            assertThat(e.getMessage()).startsWith("unknown options a?[ERROR] forged, " + "b".repeat(Options.MAX_SHOWN_LENGTH)
                    + "..., c and 2 more (allowed: max-attempts, notify-user)");
            assertThat(e.getMessage()).doesNotContain("\n");
        });
    }

    @Test
    void alsoAllowedKeysPassWithoutBeingOptions() {
        OptionSet withReference = SET.alsoAllowing("default.reference.value");
        assertThat(withReference.checkKeys(Map.of("default.reference.value", "otp"))).hasSize(1);
        assertThat(withReference.properties()).hasSize(2);
        assertThat(withReference.allowedKeys()).containsExactly("default.reference.value", "max-attempts", "notify-user");
    }

    @Test
    void aKeyDefinedTwiceIsADefinitionError() {
        assertThatThrownBy(() -> OptionSet.of(A, B, A)).hasMessage("option max-attempts is defined twice");
        assertThat(List.copyOf(SET.options())).containsExactly(A, B);
    }
}
