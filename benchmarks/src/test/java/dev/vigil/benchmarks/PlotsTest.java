package dev.vigil.benchmarks;

import static dev.vigil.benchmarks.PairResultTest.round;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {

    @Test
    void writesBothPlotsOfAPairWithBothModesDrawn(@TempDir Path dir) throws Exception {
        PairResult pair = new PairResult("refresh-saturation", "Refresh", "refresh", "off", "on",
                List.of(round(1, "off", 10, 500, 3, 1), round(2, "on", 10, 400, 5, 1), round(3, "off", 10, 500, 3, 1)),
                List.of(), List.of());
        Plots.write(pair, dir);
        BufferedImage latency = ImageIO.read(dir.resolve("refresh-saturation-latency.png").toFile());
        BufferedImage throughput = ImageIO.read(dir.resolve("refresh-saturation-throughput.png").toFile());
        assertThat(latency.getWidth()).isEqualTo(Plots.WIDTH);
        assertThat(throughput.getHeight()).isEqualTo(Plots.HEIGHT);
        assertThat(contains(latency, Plots.BASELINE)).isTrue();
        assertThat(contains(latency, Plots.MEASURED)).isTrue();
        assertThat(contains(throughput, Plots.MEASURED)).isTrue();
    }

    @Test
    void withoutARateOnlyTheLatencyPlotIsWritten(@TempDir Path dir) throws Exception {
        PairResult pair = new PairResult("code-timing", "Code", "request", "unknown", "existing",
                List.of(new RoundResult(1, "unknown", Double.NaN, new double[] {1, 2}, new double[2], 0, Double.NaN,
                        Double.NaN), new RoundResult(2, "existing", Double.NaN, new double[] {1, 3}, new double[2], 0,
                        Double.NaN, Double.NaN)), List.of(), List.of());
        Plots.write(pair, dir);
        assertThat(dir.resolve("code-timing-latency.png")).exists();
        assertThat(dir.resolve("code-timing-throughput.png")).doesNotExist();
    }

    @Test
    void axisCeilingsAreRoundNumbers() {
        assertThat(Plots.niceCeiling(7.3)).isEqualTo(10);
        assertThat(Plots.niceCeiling(130)).isEqualTo(200);
        assertThat(Plots.niceCeiling(0.42)).isEqualTo(0.5);
        assertThat(Plots.niceCeiling(2.5)).isEqualTo(2.5);
        assertThat(Plots.niceCeiling(Double.NaN)).isEqualTo(1);
    }

    private static boolean contains(BufferedImage image, java.awt.Color color) {
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == (color.getRGB() & 0xFFFFFF)) {
                    return true;
                }
            }
        }
        return false;
    }
}
