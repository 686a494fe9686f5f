package dev.vigil.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.HdrHistogram.Histogram;

/** The PNG plots of BENCHMARKS.md, drawn with plain Java2D (headless). */
final class Plots {

    static final int WIDTH = 720;
    static final int HEIGHT = 400;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 60;
    static final Color BASELINE = new Color(0x4C72B0);
    static final Color MEASURED = new Color(0xDD8452);
    /** The percentiles the latency plot marks on its x axis. */
    private static final double[] MARKS = {0, 90, 99, 99.9};

    private Plots() {
    }

    static String latencyFile(PairResult pair) {
        return pair.id() + "-latency.png";
    }

    static String throughputFile(PairResult pair) {
        return pair.id() + "-throughput.png";
    }

    /** Writes the pair's plots into {@code dir}. */
    static void write(PairResult pair, Path dir) throws IOException {
        Files.createDirectories(dir);
        ImageIO.write(latency(pair), "png", dir.resolve(latencyFile(pair)).toFile());
        if (pair.hasRate()) {
            ImageIO.write(throughput(pair), "png", dir.resolve(throughputFile(pair)).toFile());
        }
    }

    /**
     * Latency by percentile of both modes (all rounds pooled): x is log10(1 / (1 - percentile)), so the median,
     * p90, p99 and p99.9 are evenly spaced, as HdrHistogram plots them.
     */
    static BufferedImage latency(PairResult pair) {
        Histogram base = Histograms.of(pair.pooled(pair.baseline()).latencyMillis());
        Histogram measured = Histograms.of(pair.pooled(pair.measured()).latencyMillis());
        double xMax = 3;
        double yMax = niceCeiling(Math.max(Histograms.millisAt(base, 99.9), Histograms.millisAt(measured, 99.9)));
        BufferedImage image = canvas();
        Graphics2D g = graphics(image);
        title(g, pair.title() + ": latency by percentile (ms)");
        axes(g, yMax, yMax >= 10 ? "%.0f" : "%.1f");
        for (double mark : MARKS) {
            int x = x(Math.log10(1 / (1 - mark / 100)), xMax);
            g.setColor(Color.DARK_GRAY);
            g.drawLine(x, HEIGHT - BOTTOM, x, HEIGHT - BOTTOM + 5);
            String label = mark == 0 ? "0" : "p" + (mark == Math.rint(mark) ? String.valueOf((int) mark) : mark);
            g.drawString(label, x - g.getFontMetrics().stringWidth(label) / 2, HEIGHT - BOTTOM + 18);
        }
        curve(g, base, xMax, yMax, BASELINE);
        curve(g, measured, xMax, yMax, MEASURED);
        legend(g, pair);
        g.dispose();
        return image;
    }

    /** Each round's throughput as a bar in run order, coloured by mode. */
    static BufferedImage throughput(PairResult pair) {
        List<RoundResult> rounds = pair.rounds();
        double yMax = niceCeiling(rounds.stream().mapToDouble(RoundResult::perSecond).max().orElse(1));
        BufferedImage image = canvas();
        Graphics2D g = graphics(image);
        title(g, pair.title() + ": " + pair.operation() + "s per second, by round");
        axes(g, yMax, yMax >= 10 ? "%.0f" : "%.1f");
        int plotWidth = WIDTH - LEFT - RIGHT;
        int slot = plotWidth / Math.max(1, rounds.size());
        for (int i = 0; i < rounds.size(); i++) {
            RoundResult r = rounds.get(i);
            int h = (int) Math.round(r.perSecond() / yMax * (HEIGHT - TOP - BOTTOM));
            int x = LEFT + i * slot + slot / 6;
            g.setColor(r.modeLabel().equals(pair.baseline()) ? BASELINE : MEASURED);
            g.fillRect(x, HEIGHT - BOTTOM - h, slot * 2 / 3, h);
            g.setColor(Color.DARK_GRAY);
            String label = String.valueOf(r.number());
            g.drawString(label, x + slot / 3 - g.getFontMetrics().stringWidth(label) / 2, HEIGHT - BOTTOM + 18);
        }
        g.drawString("round", LEFT + plotWidth / 2 - 15, HEIGHT - BOTTOM + 36);
        legend(g, pair);
        g.dispose();
        return image;
    }

    private static void curve(Graphics2D g, Histogram h, double xMax, double yMax, Color color) {
        if (h.getTotalCount() == 0) {
            return;
        }
        Path2D.Double path = new Path2D.Double();
        for (int i = 0; i <= 300; i++) {
            double xv = xMax * i / 300;
            double percentile = 100 * (1 - Math.pow(10, -xv));
            double ms = Histograms.millisAt(h, Math.min(percentile, 99.9));
            double px = x(xv, xMax);
            double py = HEIGHT - BOTTOM - Math.min(ms, yMax) / yMax * (HEIGHT - TOP - BOTTOM);
            if (i == 0) {
                path.moveTo(px, py);
            } else {
                path.lineTo(px, py);
            }
        }
        g.setColor(color);
        g.setStroke(new BasicStroke(2.5f));
        g.draw(path);
        g.setStroke(new BasicStroke(1f));
    }

    private static int x(double value, double max) {
        return LEFT + (int) Math.round(value / max * (WIDTH - LEFT - RIGHT));
    }

    private static BufferedImage canvas() {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.dispose();
        return image;
    }

    private static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        return g;
    }

    private static void title(Graphics2D g, String text) {
        g.setColor(Color.BLACK);
        g.setFont(g.getFont().deriveFont(Font.BOLD, 14f));
        g.drawString(text, LEFT, 24);
        g.setFont(g.getFont().deriveFont(Font.PLAIN, 12f));
    }

    /** The frame, and five horizontal grid lines labelled from 0 to {@code yMax}. */
    private static void axes(Graphics2D g, double yMax, String format) {
        int bottom = HEIGHT - BOTTOM;
        for (int i = 0; i <= 5; i++) {
            int y = bottom - i * (HEIGHT - TOP - BOTTOM) / 5;
            g.setColor(new Color(0xE0E0E0));
            g.drawLine(LEFT, y, WIDTH - RIGHT, y);
            g.setColor(Color.DARK_GRAY);
            String label = String.format(Locale.ROOT, format, yMax * i / 5);
            g.drawString(label, LEFT - 8 - g.getFontMetrics().stringWidth(label), y + 4);
        }
        g.setColor(Color.BLACK);
        g.drawLine(LEFT, bottom, WIDTH - RIGHT, bottom);
        g.drawLine(LEFT, TOP, LEFT, bottom);
    }

    private static void legend(Graphics2D g, PairResult pair) {
        int x = WIDTH - RIGHT - 200;
        int y = HEIGHT - 14;
        for (String mode : List.of(pair.baseline(), pair.measured())) {
            g.setColor(mode.equals(pair.baseline()) ? BASELINE : MEASURED);
            g.fillRect(x, y - 10, 14, 10);
            g.setColor(Color.BLACK);
            g.drawString(mode, x + 20, y);
            x += 100;
        }
    }

    /** The smallest of 1, 2, 2.5, 5 times a power of ten that is at least {@code value} (1 when unknown). */
    static double niceCeiling(double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }
}
