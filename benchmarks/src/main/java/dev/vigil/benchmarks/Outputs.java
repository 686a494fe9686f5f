package dev.vigil.benchmarks;

import dev.vigil.testing.HarnessPaths;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the summary goes: a full run writes BENCHMARKS.md at the repository root with its plots in
 * {@code benchmarks/results/} (both committed); a smoke run or a single scenario writes the same into the work
 * directory (target/), so it never replaces the committed report.
 *
 * @param markdown   the summary file
 * @param plots      the directory of the PNGs
 * @param plotPrefix how the summary links the plots
 */
record Outputs(Path markdown, Path plots, String plotPrefix) {

    static Outputs choose(String selection, boolean smoke) {
        if (smoke) {
            Path dir = HarnessPaths.workDir().resolve("smoke");
            return new Outputs(dir.resolve("BENCHMARKS.md"), dir.resolve("results"), "results/");
        }
        if (!selection.equals(Benchmarks.ALL)) {
            Path dir = HarnessPaths.workDir().resolve("summary-" + selection);
            return new Outputs(dir.resolve("BENCHMARKS.md"), dir.resolve("results"), "results/");
        }
        Path repo = HarnessPaths.repoDir();
        return new Outputs(repo.resolve("BENCHMARKS.md"), repo.resolve("benchmarks/results"), "benchmarks/results/");
    }

    /** Writes the summary, the plots (replacing older ones) and each mode's latency distribution (.hgrm, target/). */
    Path write(RunInfo info, List<ScenarioResult> results, boolean smoke) throws IOException {
        Files.createDirectories(plots);
        try (DirectoryStream<Path> old = Files.newDirectoryStream(plots, "*.png")) {
            for (Path png : old) {
                Files.delete(png);
            }
        }
        Path work = HarnessPaths.workDir();
        Files.createDirectories(work);
        for (ScenarioResult result : results) {
            for (PairResult pair : result.pairs()) {
                if (!pair.control()) {
                    Plots.write(pair, plots);
                }
                for (String mode : List.of(pair.baseline(), pair.measured())) {
                    Files.writeString(work.resolve(pair.id() + "-" + mode + ".hgrm"),
                            Histograms.distribution(Histograms.of(pair.pooled(mode).latencyMillis())));
                }
            }
        }
        Files.createDirectories(markdown.getParent());
        Files.writeString(markdown, SummaryReport.render(info, results, plotPrefix, smoke));
        return markdown;
    }

    /** What a smoke run must have produced and did not: requests in every mode, the summary, every plot. */
    List<String> missing(List<ScenarioResult> results) {
        List<String> missing = new ArrayList<>();
        if (!Files.isRegularFile(markdown)) {
            missing.add("no summary at " + markdown);
        }
        for (ScenarioResult result : results) {
            if (result.pairs().isEmpty()) {
                missing.add(result.id() + ": no pair measured");
            }
            for (PairResult pair : result.pairs()) {
                for (String mode : List.of(pair.baseline(), pair.measured())) {
                    if (pair.pooled(mode).latencyMillis().length == 0) {
                        missing.add(pair.id() + ": no successful request in mode " + mode);
                    }
                }
                List<String> files = new ArrayList<>(pair.control() ? List.of() : List.of(Plots.latencyFile(pair)));
                if (pair.hasRate() && !pair.control()) {
                    files.add(Plots.throughputFile(pair));
                }
                for (String file : files) {
                    if (!Files.isRegularFile(plots.resolve(file))) {
                        missing.add(pair.id() + ": no plot " + file);
                    }
                }
            }
        }
        return missing;
    }
}
