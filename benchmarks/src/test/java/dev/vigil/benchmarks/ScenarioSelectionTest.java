package dev.vigil.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScenarioSelectionTest {

    @AfterEach
    void clear() {
        System.clearProperty("vigil.work.dir");
        System.clearProperty("vigil.repo.dir");
        System.clearProperty(LoginCpuBenchmark.RATE_PROPERTY);
    }

    @Test
    void allRunsEveryScenarioAndOneNameOnlyThatOne() {
        assertThat(Benchmarks.select("all")).containsExactly("code-timing", "refresh", "impersonation",
                "client-credentials", "login", "refresh-soak");
        assertThat(Benchmarks.select(" login ")).containsExactly("login");
        assertThat(Benchmarks.select(null)).containsExactly("code-timing");
        assertThatThrownBy(() -> Benchmarks.select("logins")).hasMessageContaining("valid values: all, code-timing");
    }

    @Test
    void onlyAFullRealRunWritesTheCommittedReport() {
        System.setProperty("vigil.repo.dir", "/repo");
        System.setProperty("vigil.work.dir", "/repo/benchmarks/target");
        assertThat(Outputs.choose("all", false))
                .isEqualTo(new Outputs(Path.of("/repo/BENCHMARKS.md"), Path.of("/repo/benchmarks/results"),
                        "benchmarks/results/"));
        assertThat(Outputs.choose("all", true).markdown()).isEqualTo(Path.of("/repo/benchmarks/target/smoke/BENCHMARKS.md"));
        assertThat(Outputs.choose("refresh", false).markdown())
                .isEqualTo(Path.of("/repo/benchmarks/target/summary-refresh/BENCHMARKS.md"));
    }

    @Test
    void loginsRotatePasswordCodeOnlyEmailTotpAndEndWithPassword() {
        assertThat(LoginCpuBenchmark.schedule(3)).containsExactly(LoginCpuBenchmark.Mode.PASSWORD,
                LoginCpuBenchmark.Mode.CODE_ONLY, LoginCpuBenchmark.Mode.EMAIL, LoginCpuBenchmark.Mode.TOTP,
                LoginCpuBenchmark.Mode.PASSWORD);
        assertThat(LoginCpuBenchmark.schedule(7)).hasSize(13).endsWith(LoginCpuBenchmark.Mode.PASSWORD);
        assertThat(LoginCpuBenchmark.Mode.CODE_ONLY.label()).isEqualTo("code-only");
    }

    @Test
    void eachLoginWorkerHasItsOwnUsers() {
        int[] next = new int[4];
        java.util.Set<Integer> worker1 = new java.util.TreeSet<>();
        for (int i = 0; i < 20; i++) {
            worker1.add(LoginCpuBenchmark.user(1, next, 4));
        }
        assertThat(worker1).containsExactly(1, 5, 9, 13, 17, 21, 25, 29);
    }

    @Test
    void theLoginRateStaysBelowTheMailLimit() {
        assertThat(LoginCpuBenchmark.rate()).isEqualTo(4);
        System.setProperty(LoginCpuBenchmark.RATE_PROPERTY, "16");
        assertThatThrownBy(LoginCpuBenchmark::rate).hasMessageContaining("at most 15");
    }
}
