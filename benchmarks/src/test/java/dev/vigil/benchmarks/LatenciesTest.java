package dev.vigil.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void percentilesAreNaNWithoutSamplesElseHdrHistogramsNearestRank() {
        assertThat(Latencies.percentile(new double[0], 50)).isNaN();
        double[] hundred = new double[100];
        for (int i = 0; i < hundred.length; i++) {
            hundred[i] = 100 - i;
        }
        assertThat(new double[] {Latencies.percentile(hundred, 50), Latencies.percentile(hundred, 99)})
                .containsExactly(new double[] {50, 99}, within(0.1));
        assertThat(Latencies.percentile(hundred, 99)).isEqualTo(Histograms.millisAt(Histograms.of(hundred), 99));
    }

    @Test
    void maxIsTheLargest() {
        assertThat(Latencies.max(new double[] {3, 1, 2})).isEqualTo(3);
    }

    @Test
    void longListConvertsNanosToMillisAndSecondsSinceAnOrigin() {
        LongList list = new LongList();
        for (int i = 0; i < 2000; i++) {
            list.add(1_000_000L * i);
        }
        LongList copy = new LongList();
        copy.addAll(list);
        assertThat(copy.size()).isEqualTo(2000);
        assertThat(copy.nanosAsMillis()[1999]).isEqualTo(1999.0);
        assertThat(copy.secondsSince(-1_000_000_000L)[0]).isEqualTo(1.0);
    }
}
