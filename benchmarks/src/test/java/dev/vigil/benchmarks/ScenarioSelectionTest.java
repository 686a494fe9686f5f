package dev.vigil.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.testing.KeycloakBackend;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScenarioSelectionTest {

    @AfterEach
    void clear() {
        System.clearProperty("vigil.work.dir");
        System.clearProperty("vigil.repo.dir");
        System.clearProperty(LoginCpuBenchmark.RATE_PROPERTY);
        System.clearProperty(Benchmarks.POSTGRES_PROPERTY);
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
    void cyclesAlternateTheModeOrderSoEveryModeHasTheSameMeanPosition() {
        List<String> modes = List.of("password", "code-only", "email", "totp", "password-again");
        assertThat(Alternation.order(modes, 1)).containsExactlyElementsOf(modes);
        assertThat(Alternation.order(modes, 2)).containsExactly("password-again", "totp", "email", "code-only",
                "password");
        assertThat(Alternation.order(modes, 3)).containsExactlyElementsOf(modes);
        assertThat(LoginCpuBenchmark.Mode.CODE_ONLY.label()).isEqualTo("code-only");
    }

    @Test
    void aFullRunAddsPostgresUnlessTold() {
        assertThat(Benchmarks.postgresToo("all", false, KeycloakBackend.DISTRIBUTION)).isTrue();
        assertThat(Benchmarks.postgresToo("all", true, KeycloakBackend.DISTRIBUTION)).as("smoke").isFalse();
        assertThat(Benchmarks.postgresToo("refresh", false, KeycloakBackend.DISTRIBUTION)).isFalse();
        assertThat(Benchmarks.postgresToo("all", false, KeycloakBackend.POSTGRES)).as("already on it").isFalse();
        System.setProperty(Benchmarks.POSTGRES_PROPERTY, "true");
        assertThat(Benchmarks.postgresToo("refresh", false, KeycloakBackend.DISTRIBUTION)).isTrue();
        System.setProperty(Benchmarks.POSTGRES_PROPERTY, "false");
        assertThat(Benchmarks.postgresToo("all", false, KeycloakBackend.DISTRIBUTION)).isFalse();
        assertThat(Benchmarks.DATABASE).containsExactlyInAnyOrder("refresh", "impersonation", "login", "refresh-soak");
        assertThat(Report.onBackend("login.md", "postgres")).isEqualTo("login-postgres.md");
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
        assertThat(LoginCpuBenchmark.rate()).isEqualTo(6);
        System.setProperty(LoginCpuBenchmark.RATE_PROPERTY, "16");
        assertThatThrownBy(LoginCpuBenchmark::rate).hasMessageContaining("at most 15");
    }
}
