package dev.vigil.testing.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompatibilityTableTest {

    @TempDir
    Path dir;

    private void run(String version, int exit, String... suites) throws IOException {
        Path run = Files.createDirectories(dir.resolve("results").resolve(version));
        Files.writeString(run.resolve("run.properties"), "keycloak=" + version + "\nseconds=754\nexit=" + exit
                + "\njar-sha256=0123456789abcdef0123\ncommit=939035d1234\ndate=2026-12-05\n");
        Path reports = Files.createDirectories(run.resolve("failsafe-reports"));
        for (String suite : suites) {
            String[] f = suite.split(":");
            Files.writeString(reports.resolve("TEST-dev.vigil.it." + f[0] + ".xml"), "<?xml version=\"1.0\"?>\n"
                    + "<testsuite name=\"dev.vigil.it." + f[0] + "\" tests=\"" + f[1] + "\" failures=\"" + f[2]
                    + "\" errors=\"" + f[3] + "\" skipped=\"" + f[4] + "\"><testcase name=\"x\"/></testsuite>\n");
        }
    }

    private CompatibilityTable.Policy policy() throws IOException {
        Path file = dir.resolve("expectations.properties");
        Files.writeString(file, "# comment\nminimum=26.7\nrefusal-its=ServerInfoIT, BrowserLoginIT\n");
        return CompatibilityTable.readPolicy(file);
    }

    @Test
    void aCleanRunIsSupportedAndCountsAreSummedOverEveryClass() throws Exception {
        run("26.7.3", 0, "AuditTrailIT:5:0:0:0", "BrowserLoginIT:3:0:0:1");
        CompatibilityTable.Run run = CompatibilityTable.readRun(dir.resolve("results/26.7.3"));
        assertThat(run.tests()).isEqualTo(8);
        assertThat(run.skipped()).isEqualTo(1);
        assertThat(CompatibilityTable.status(run, policy())).isEqualTo("supported");
        assertThat(CompatibilityTable.render(List.of(run), policy()))
                .contains("| 26.7.3 | supported | 7/8 | 0 | 1 | 12 min 34 s | `0123456789ab` | 939035d, 2026-12-05 |");
        run("26.10.1", 0, "AuditTrailIT:5:0:0:0");
        assertThat(CompatibilityTable.status(CompatibilityTable.readRun(dir.resolve("results/26.10.1")), policy()))
                .as("26.10 is newer than 26.7, not older").isEqualTo("supported");
    }

    @Test
    void belowTheMinimumARowPassesOnlyWhenEveryRefusalCheckRanAndPassed() throws Exception {
        run("26.5.6", 0, "ServerInfoIT:2:0:0:0", "BrowserLoginIT:1:0:0:0");
        assertThat(CompatibilityTable.status(CompatibilityTable.readRun(dir.resolve("results/26.5.6")), policy()))
                .startsWith("not supported: Vigil switches itself off (needs 26.7");
        run("26.4.7", 0, "ServerInfoIT:2:0:0:0");
        assertThat(CompatibilityTable.status(CompatibilityTable.readRun(dir.resolve("results/26.4.7")), policy()))
                .as("a refusal check that did not run").isEqualTo("**fails** (below 26.7: the refusal did not hold)");
        run("26.3.5", 0, "ServerInfoIT:2:1:0:0", "BrowserLoginIT:1:0:0:0");
        assertThat(CompatibilityTable.status(CompatibilityTable.readRun(dir.resolve("results/26.3.5")), policy()))
                .isEqualTo("**fails** (below 26.7: the refusal did not hold)");
    }

    @Test
    void anyFailureOnASupportedVersionFailsTheRowAndNamesTheClasses() throws Exception {
        run("26.7.3", 0, "AuditTrailIT:5:1:0:0", "ImpersonationIT:10:4:0:0");
        CompatibilityTable.Run mixed = CompatibilityTable.readRun(dir.resolve("results/26.7.3"));
        assertThat(CompatibilityTable.status(mixed, policy())).isEqualTo("**fails**");
        assertThat(CompatibilityTable.render(List.of(mixed), policy()))
                .contains("| 26.7.3 | **fails** | 10/15 | 5 (AuditTrailIT, ImpersonationIT) | 0 |");
    }

    @Test
    void aPolicyWithoutAMinimumOrWithUnknownKeysIsRefused() throws Exception {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "refusal-its=ServerInfoIT\n");
        assertThatThrownBy(() -> CompatibilityTable.readPolicy(file)).hasMessageContaining("minimum");
        Files.writeString(file, "minimum=26.7\nrefusal-its=ServerInfoIT\n26.4=old style|ImpersonationIT\n");
        assertThatThrownBy(() -> CompatibilityTable.readPolicy(file)).hasMessageContaining("unknown keys [26.4]");
    }

    @Test
    void aRunWithoutReportsIsNotRunAndABrokenBuildIsNeverSupported() throws Exception {
        run("26.5.6", 1);
        assertThat(CompatibilityTable.status(CompatibilityTable.readRun(dir.resolve("results/26.5.6")), policy()))
                .isEqualTo("**not run** (no test reports; Maven exit 1)");
        run("26.7.3", 1, "AuditTrailIT:5:0:0:0");
        assertThat(CompatibilityTable.status(CompatibilityTable.readRun(dir.resolve("results/26.7.3")), policy()))
                .isEqualTo("**fails**");
    }

    @Test
    void rowsGoNewestFirstAndTheTableReplacesOnlyWhatIsBetweenTheMarkers() throws Exception {
        run("26.4.7", 0, "AuditTrailIT:1:0:0:0");
        run("26.10.0", 0, "AuditTrailIT:1:0:0:0");
        run("26.7.3", 0, "AuditTrailIT:1:0:0:0");
        List<CompatibilityTable.Run> runs = CompatibilityTable.readRuns(dir.resolve("results"));
        assertThat(runs).extracting(CompatibilityTable.Run::keycloak).containsExactly("26.10.0", "26.7.3", "26.4.7");

        String doc = "# Title\n" + CompatibilityTable.BEGIN + "\nold table\n" + CompatibilityTable.END + "\nafter\n";
        String updated = CompatibilityTable.replaceBetweenMarkers(doc, "| new |\n");
        assertThat(updated).isEqualTo("# Title\n" + CompatibilityTable.BEGIN + "\n| new |\n" + CompatibilityTable.END + "\nafter\n");
        assertThat(CompatibilityTable.replaceBetweenMarkers(updated, "| new |\n")).as("idempotent").isEqualTo(updated);
        assertThatThrownBy(() -> CompatibilityTable.replaceBetweenMarkers("no markers", "x"))
                .hasMessageContaining("markers");
    }
}
