package dev.vigil.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BenchSettingsTest {

    private static final String[] NAMES = {"vigil.bench.threads", "vigil.bench.rounds", "vigil.bench.round-seconds",
            "vigil.bench.warmup-seconds", "vigil.bench.settle-seconds", "vigil.bench.undecided-seconds"};
    private static final Plateau PLATEAU = new Plateau(3, 0.05);

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
        assertThat(read(Map.of())).isEqualTo(new BenchSettings(4, 2, 1, 0, 2, 1, PLATEAU, 0));
        assertThat(read(Map.of("vigil.bench.round-seconds", "8"))).isEqualTo(new BenchSettings(4, 2, 8, 0, 2, 1, PLATEAU, 0));
    }

    private static BenchSettings read(Map<String, String> properties) {
        properties.forEach(System::setProperty);
        return BenchSettings.fromSystemProperties(4, 12, 2, 120);
    }

    @Test
    void blankOrMissingMeansTheDefault() {
        assertThat(read(Map.of("vigil.bench.threads", " "))).isEqualTo(new BenchSettings(4, 10, 12, 2, 120, 5, PLATEAU,
                300));
    }

    @Test
    void valuesAreTrimmedAndZeroIsAllowedWhereItMakesSense() {
        assertThat(read(Map.of("vigil.bench.rounds", " 15 ", "vigil.bench.warmup-seconds", "0",
                "vigil.bench.settle-seconds", "0", "vigil.bench.undecided-seconds", "0")))
                .isEqualTo(new BenchSettings(4, 15, 12, 0, 0, 5, PLATEAU, 0));
    }

    private String refused(String name, String value) {
        clear();
        System.setProperty(name, value);
        try {
            BenchSettings.fromSystemProperties(4, 12, 2, 120);
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
        assertThat(refused("vigil.bench.rounds", "9")).as("the issue's floor of 10 interleaved rounds per mode")
                .isEqualTo("vigil.bench.rounds must be at least 10 (interleaved rounds of each mode before a verdict),"
                        + " not 9");
    }
}
