package dev.vigil.benchmarks;

import static dev.vigil.benchmarks.PairResultTest.round;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryReportTest {

    private static final RunInfo INFO = new RunInfo(2, 24576, "AMD EPYC", "0.10 / 0.20 / 0.30 (1/5/15 min)",
            "0.40 / 0.30 / 0.30 (1/5/15 min)", "OpenJDK 17", "26.7.3", "0.1.0-SNAPSHOT", "abc123", "2026-11-23T12:00:00Z",
            12.5);

    private static ScenarioResult scenario(List<String> problems) {
        PairResult pair = new PairResult("cc", "Client credentials", "grant", "keycloak", "vigil",
                List.of(round(1, "keycloak", 10, 1000, 2, 5, 1), round(2, "vigil", 10, 995, 2, 5, 1),
                        round(3, "vigil", 10, 995, 2, 5, 2), round(4, "keycloak", 10, 1000, 2, 5, 2)),
                List.of(Target.atLeast(Metric.THROUGHPUT, 0.99)), List.of("Two installs side by side."));
        return new ScenarioResult("client-credentials", "Client-credentials grant", "client-credentials.md",
                List.of(pair), List.of(), problems);
    }

    @Test
    void aFullRunShowsMachineVersionsTargetsTablesAndPlots() {
        String md = SummaryReport.render(INFO, List.of(scenario(List.of())), "benchmarks/results/", false);
        assertThat(md).contains("AMD EPYC, 2 cores").contains("24.0 GiB").contains("| Keycloak | 26.7.3")
                .contains("0.1.0-SNAPSHOT, commit abc123").contains("0.10 / 0.20 / 0.30 (1/5/15 min)")
                .doesNotContain("SMOKE");
        assertThat(md).contains("| Client credentials | throughput vigil/keycloak | 0.995 | 0.995 – 0.995 | >= 0.99 | MET |")
                .contains("| Client credentials | Keycloak CPU per grant vigil/keycloak | 1.005 | 1.005 – 1.005 | no target"
                        + " | context |");
        assertThat(md).contains("| mode | rounds | grants | Keycloak CPU ms per grant | p50 ms | p99 ms | p95 ms | per s |"
                + " errors |");
        assertThat(md).contains("| keycloak | 2 | 2000 | 5.000 | 2.00 | 2.00 | 2.00 | 100.0 | 0 |");
        assertThat(md).contains("| vigil/keycloak (95 % interval) | | | 1.005 (1.005–1.005) | 1.000 (1.000–1.000) |");
        assertThat(md).contains("![latency distribution](benchmarks/results/cc-latency.png)")
                .contains("![throughput per round](benchmarks/results/cc-throughput.png)");
        assertThat(md).contains("CPU per login").contains("Two installs side by side.").contains("Run valid");
    }

    @Test
    void aSmokeRunSaysSoAndJudgesNothing() {
        String md = SummaryReport.render(INFO, List.of(scenario(List.of())), "results/", true);
        assertThat(md).contains("SMOKE RUN").contains("not judged (smoke)").doesNotContain("| MET |");
        assertThat(md).contains("-Dvigil.bench.smoke=true");
    }

    @Test
    void theCommandNamesEveryBenchmarkPropertyThatWasSet() {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("vigil.bench", "code-timing");
        properties.setProperty("vigil.bench.pairs", "1500");
        properties.setProperty("vigil.bench.control", "false");
        properties.setProperty("vigil.bench.rounds", "");
        properties.setProperty("vigil.backend", "postgres");
        properties.setProperty("java.version", "17");
        assertThat(SummaryReport.command(properties, false)).isEqualTo("./mvnw -B -pl benchmarks -am verify -Pbenchmark"
                + " -DskipTests -Dvigil.backend=postgres -Dvigil.bench=code-timing -Dvigil.bench.pairs=1500");
    }

    @Test
    void anInvalidScenarioIsMarkedInTheTargetsAndItsSection() {
        String md = SummaryReport.render(INFO, List.of(scenario(List.of("3 grants failed"))), "results/", false);
        assertThat(md).contains("| Client-credentials grant | | | | | RUN INVALID |")
                .contains("**RUN INVALID**: 3 grants failed");
    }

    @Test
    void missingNumbersAreDashes() {
        assertThat(SummaryReport.number(Double.NaN, 2)).isEqualTo("–");
        assertThat(SummaryReport.number(Double.POSITIVE_INFINITY, 2)).isEqualTo("–");
        assertThat(SummaryReport.number(1.23456, 2)).isEqualTo("1.23");
    }

    @Test
    void roundsCsvHasOneLinePerRound() {
        String csv = Report.roundsCsv(List.of(round(1, "off", 10, 100, 2, 1), round(2, "on", 10, 50, 4, 1)));
        assertThat(csv.lines()).containsExactly(
                "round,cycle,mode,seconds,requests,per_s,p50_ms,p95_ms,p99_ms,errors,other_cores,server_cpu_s,"
                        + "server_cpu_ms_per_request",
                "1,0,off,10.000,100,10.00,2.000,2.000,2.000,0,0.000,1.000,10.000",
                "2,0,on,10.000,50,5.00,4.001,4.001,4.001,0,0.000,1.000,20.000");
    }
}
