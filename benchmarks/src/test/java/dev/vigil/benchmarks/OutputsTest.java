package dev.vigil.benchmarks;

import static dev.vigil.benchmarks.PairResultTest.round;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputsTest {

    private static final RunInfo INFO = new RunInfo(2, 1024, "cpu", "0 / 0 / 0", "0 / 0 / 0", "java", "26.7.3", "0.1.0",
            "abc", "2026-11-23T12:00:00Z", 1);

    @AfterEach
    void clear() {
        System.clearProperty("vigil.work.dir");
    }

    private static ScenarioResult scenario(List<RoundResult> rounds) {
        return new ScenarioResult("refresh", "Refresh", null, List.of(new PairResult("refresh-saturation", "Refresh",
                "refresh", "off", "on", rounds, List.of(), List.of())), List.of(), List.of());
    }

    @Test
    void aSmokeRunIsCompleteOnlyWithSummaryPlotsAndRequestsInEveryMode(@TempDir Path dir) throws Exception {
        System.setProperty("vigil.work.dir", dir.resolve("target").toString());
        Outputs outputs = new Outputs(dir.resolve("smoke/BENCHMARKS.md"), dir.resolve("smoke/results"), "results/");
        ScenarioResult complete = scenario(List.of(round(1, "off", 3, 30, 2, 1), round(2, "on", 3, 30, 2, 1),
                round(3, "off", 3, 30, 2, 1)));
        assertThat(outputs.missing(List.of(complete))).contains("no summary at " + outputs.markdown(),
                "refresh-saturation: no plot refresh-saturation-latency.png");

        Files.createDirectories(outputs.plots());
        Files.writeString(outputs.plots().resolve("stale.png"), "from an older run");
        outputs.write(INFO, List.of(complete), true);
        assertThat(outputs.missing(List.of(complete))).isEmpty();
        assertThat(outputs.plots().resolve("stale.png")).doesNotExist();
        assertThat(dir.resolve("target/refresh-saturation-on.hgrm")).content().contains("Percentile");

        ScenarioResult noOn = scenario(List.of(round(1, "off", 3, 30, 2, 1), round(2, "on", 3, 0, 2, 1)));
        assertThat(outputs.missing(List.of(noOn))).contains("refresh-saturation: no successful request in mode on");
        ScenarioResult nothing = new ScenarioResult("login", "Login", null, List.of(), List.of(), List.of());
        assertThat(outputs.missing(List.of(nothing))).contains("login: no pair measured");
    }
}
