package dev.vigil.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VerdictTest {

    @Test
    void targetsCompareInTheirDirectionIncludingTheBoundary() {
        assertThat(Target.atLeast(Metric.THROUGHPUT, 0.99).met(0.99)).isTrue();
        assertThat(Target.atLeast(Metric.THROUGHPUT, 0.99).met(0.989)).isFalse();
        assertThat(Target.atMost(Metric.CPU_PER_REQUEST, 1.0).met(1.0)).isTrue();
        assertThat(Target.atMost(Metric.CPU_PER_REQUEST, 1.0).met(1.001)).isFalse();
        assertThat(Target.atMost(Metric.P50, 1.25).text()).isEqualTo("<= 1.25");
    }

    @Test
    void noisyWhenTheRepetitionsSpanMoreThanTheDistanceToTheTarget() {
        assertThat(Verdict.noisy(1.00, 0.98, 1.02, 0.97)).isTrue();
        assertThat(Verdict.noisy(1.00, 0.99, 1.01, 0.97)).isFalse();
        assertThat(Verdict.noisy(0.5, Double.NaN, Double.NaN, 0.01)).isFalse();
    }

    @Test
    void outcomeNamesMetMissedNoisyAndMissingValues() {
        assertThat(new Verdict("p", "x", 1.0, 0.99, 1.0, ">= 0.97", true, true, false).outcome()).isEqualTo("MET");
        assertThat(new Verdict("p", "x", 1.0, 0.9, 1.1, ">= 0.97", true, true, true).outcome()).isEqualTo("MET (NOISY)");
        assertThat(new Verdict("p", "x", Double.NaN, Double.NaN, Double.NaN, ">= 0.97", false, true, false).outcome())
                .isEqualTo("MISSED (no value)");
    }
}
