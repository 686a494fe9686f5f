package dev.vigil.testing.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
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

    private TreeMap<String, CompatibilityTable.Expectation> expectations() throws IOException {
        Path file = dir.resolve("expectations.properties");
        Files.writeString(file, "# comment\n26.4=vigil-impersonation (needs 26.5)|ImpersonationIT, ActorMapperIT\n");
        return CompatibilityTable.readExpectations(file);
    }

    @Test
    void aCleanRunIsSupportedAndCountsAreSummedOverEveryClass() throws Exception {
        run("26.7.3", 0, "AuditTrailIT:5:0:0:0", "BrowserLoginIT:3:0:0:1");
        CompatibilityTable.Run run = CompatibilityTable.readRun(dir.resolve("results/26.7.3"));
        assertThat(run.tests()).isEqualTo(8);
        assertThat(run.skipped()).isEqualTo(1);
        assertThat(CompatibilityTable.status(run, expectations())).isEqualTo("supported");
        assertThat(CompatibilityTable.render(List.of(run), expectations()))
                .contains("| 26.7.3 | supported | 7/8 | 0 | 1 | 12 min 34 s | `0123456789ab` | 939035d, 2026-12-05 |");
    }

    @Test
    void failuresOnlyInTheExpectedClassesMeanSupportedExceptThatCapability() throws Exception {
        run("26.4.7", 0, "AuditTrailIT:5:0:0:0", "ImpersonationIT:10:4:2:0");
        CompatibilityTable.Run run = CompatibilityTable.readRun(dir.resolve("results/26.4.7"));
        assertThat(run.failingClasses()).containsExactly("ImpersonationIT");
        assertThat(CompatibilityTable.status(run, expectations())).isEqualTo("supported, except **vigil-impersonation (needs 26.5)**");
    }

    @Test
    void anyOtherFailureFailsTheRowAndNamesTheClasses() throws Exception {
        run("26.4.7", 0, "AuditTrailIT:5:1:0:0", "ImpersonationIT:10:4:0:0");
        run("26.5.6", 0, "ImpersonationIT:10:1:0:0");
        CompatibilityTable.Run mixed = CompatibilityTable.readRun(dir.resolve("results/26.4.7"));
        assertThat(CompatibilityTable.status(mixed, expectations())).isEqualTo("**fails**");
        assertThat(CompatibilityTable.render(List.of(mixed), expectations()))
                .contains("| 26.4.7 | **fails** | 10/15 | 5 (AuditTrailIT, ImpersonationIT) | 0 |");
        assertThat(CompatibilityTable.status(CompatibilityTable.readRun(dir.resolve("results/26.5.6")), expectations()))
                .as("an expectation holds only for its own minor").isEqualTo("**fails**");
    }

    @Test
    void aRunWithoutReportsIsNotRunAndABrokenBuildIsNeverSupported() throws Exception {
        run("26.5.6", 1);
        assertThat(CompatibilityTable.status(CompatibilityTable.readRun(dir.resolve("results/26.5.6")), expectations()))
                .isEqualTo("**not run** (no test reports; Maven exit 1)");
        run("26.7.3", 1, "AuditTrailIT:5:0:0:0");
        assertThat(CompatibilityTable.status(CompatibilityTable.readRun(dir.resolve("results/26.7.3")), expectations()))
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
