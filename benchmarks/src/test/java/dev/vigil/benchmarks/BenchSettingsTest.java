package dev.vigil.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BenchSettingsTest {

    private static final String[] NAMES = {"vigil.bench.threads", "vigil.bench.rounds", "vigil.bench.round-seconds",
            "vigil.bench.warmup-seconds", "vigil.bench.settle-seconds"};

    @AfterEach
    void clear() {
        for (String name : NAMES) {
            System.clearProperty(name);
        }
        System.clearProperty(Smoke.PROPERTY);
    }

    @Test
    void smokeShrinksTheDefaultsButAGivenKnobWins() {
        System.setProperty(Smoke.PROPERTY, "true");
        assertThat(read(Map.of())).isEqualTo(new BenchSettings(4, 3, 3, 4, 1));
        assertThat(read(Map.of("vigil.bench.round-seconds", "8"))).isEqualTo(new BenchSettings(4, 3, 8, 4, 1));
    }

    private static BenchSettings read(Map<String, String> properties) {
        properties.forEach(System::setProperty);
        return BenchSettings.fromSystemProperties(4, 7, 12, 120, 2, "off", "on");
    }

    @Test
    void blankOrMissingMeansTheDefault() {
        assertThat(read(Map.of("vigil.bench.threads", " "))).isEqualTo(new BenchSettings(4, 7, 12, 120, 2));
    }

    @Test
    void valuesAreTrimmedAndZeroIsAllowedWhereItMakesSense() {
        assertThat(read(Map.of("vigil.bench.rounds", " 5 ", "vigil.bench.warmup-seconds", "0",
                "vigil.bench.settle-seconds", "0"))).isEqualTo(new BenchSettings(4, 5, 12, 0, 0));
    }

    private String refused(String name, String value) {
        clear();
        System.setProperty(name, value);
        try {
            BenchSettings.fromSystemProperties(4, 7, 12, 120, 2, "off", "on");
            return "accepted";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    @Test
    void invalidValuesAreRefusedByName() {
        assertThat(refused("vigil.bench.threads", "0")).isEqualTo("vigil.bench.threads must be at least 1, not 0");
        assertThat(refused("vigil.bench.settle-seconds", "-1"))
                .isEqualTo("vigil.bench.settle-seconds must not be negative, not -1");
        assertThat(refused("vigil.bench.round-seconds", "1.5"))
                .isEqualTo("vigil.bench.round-seconds is not a whole number: '1.5'");
        assertThat(refused("vigil.bench.rounds", "4"))
                .isEqualTo("vigil.bench.rounds must be odd and at least 3 (off, on, ..., off), not 4");
        assertThat(refused("vigil.bench.rounds", "1")).startsWith("vigil.bench.rounds must be odd");
    }
}
