package dev.vigil.benchmarks;

import dev.vigil.testing.HarnessPaths;
import dev.vigil.testing.KeycloakBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The pieces of a round benchmark's markdown report and CSV files that are the same for every benchmark. */
final class Report {

    private Report() {
    }

    /** {@code file} (e.g. "login.md") as the report of a run on {@code backend} names it: "login-postgres.md". */
    static String onBackend(String file, String backend) {
        int dot = file.lastIndexOf('.');
        return file.substring(0, dot) + "-" + backend + file.substring(dot);
    }

    /** The first 20 of {@code errorSamples} as a list, nothing when there are none. */
    static void appendFailures(StringBuilder md, List<String> errorSamples) {
        if (!errorSamples.isEmpty()) {
            md.append("\nFirst failures:\n");
            errorSamples.stream().limit(20).forEach(s -> md.append("- ").append(s).append('\n'));
        }
    }

    /** The closing line: "Run valid." or "RUN INVALID: " and the problems. */
    static String verdict(boolean passed, String problems) {
        return passed ? "Run valid.\n" : "RUN INVALID: " + problems + "\n";
    }

    /** Every measured latency: round, mode (its column named {@code modeColumn}), completed_s, millis. */
    static String latenciesCsv(String modeColumn, List<? extends MeasuredRound> rounds) {
        // completed_s: when the request completed, seconds since the benchmark began (shows drift within a run).
        StringBuilder csv = new StringBuilder("round," + modeColumn + ",completed_s,millis\n");
        for (MeasuredRound r : rounds) {
            double[] latencies = r.latencyMillis();
            double[] completedAt = r.completedAt();
            for (int i = 0; i < latencies.length; i++) {
                csv.append(r.number()).append(',').append(r.modeLabel()).append(',')
                        .append(String.format(Locale.ROOT, "%.3f,%.3f", completedAt[i], latencies[i]))
                        .append('\n');
            }
        }
        return csv.toString();
    }

    /** One row per round of the newer scenarios' pairs (the summary's numbers, round by round). */
    static String roundsCsv(List<RoundResult> rounds) {
        StringBuilder csv = new StringBuilder("round,cycle,mode,seconds,requests,per_s,p50_ms,p95_ms,p99_ms,errors,"
                + "other_cores,server_cpu_s,server_cpu_ms_per_request\n");
        for (RoundResult r : rounds) {
            csv.append(String.format(Locale.ROOT, "%d,%d,%s,%.3f,%d,%.2f,%.3f,%.3f,%.3f,%d,%.3f,%.3f,%.3f%n", r.number(),
                    r.cycle(), r.modeLabel(), r.seconds(), r.latencyMillis().length, r.perSecond(), r.p50(), r.percentile(95),
                    r.p99(), r.errors(), r.otherCores(), r.serverCpuSeconds(), r.cpuMillisPerRequest()));
        }
        return csv.toString();
    }

    /** The detailed report of a newer scenario: what ran, every round, the pooled table of each pair, the checks. */
    static String detail(String title, String setup, List<PairResult> pairs, List<String> checks, List<String> problems,
                         List<String> errorSamples) {
        StringBuilder md = new StringBuilder(title).append("\n\n").append(setup).append("\n\n");
        for (PairResult pair : pairs) {
            md.append(pair.title()).append("\n\n");
            md.append("| round | cycle | mode | requests | CPU ms/request | p50 | p99 | p95 | per s | errors | other |\n");
            md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (RoundResult r : pair.rounds()) {
                md.append(String.format(Locale.ROOT, "| %d | %d | %s | %d | %.3f | %.2f | %.2f | %.2f | %.1f | %d | %.2f |%n",
                        r.number(), r.cycle(), r.modeLabel(), r.latencyMillis().length, r.cpuMillisPerRequest(), r.p50(),
                        r.p99(), r.percentile(95), r.perSecond(), r.errors(), r.otherCores()));
            }
            md.append('\n').append(SummaryReport.modeTable(pair));
            for (Verdict v : pair.verdicts(!Smoke.on())) {
                md.append(String.format(Locale.ROOT, "- %s: %s (95 %% interval %s), target %s: %s%n", v.what(),
                        SummaryReport.number(v.value(), 3), Double.isNaN(v.low()) ? "n/a"
                                : SummaryReport.number(v.low(), 3) + "–" + SummaryReport.number(v.high(), 3),
                        v.target(), v.outcomeText()));
            }
            md.append('\n');
        }
        checks.forEach(c -> md.append(c).append('\n'));
        appendFailures(md, errorSamples);
        md.append(verdict(problems.isEmpty(), String.join("; ", problems)));
        return md.toString();
    }

    /**
     * Writes {@code name}.md, {@code name}.csv and {@code name}-latencies.csv to the harness work directory (each
     * name with the backend appended off the default one, see {@link #writeMarkdown}), printing the report.
     */
    static void write(String name, String report, String roundsCsv, String latenciesCsv) throws IOException {
        String file = writeMarkdown(name, report);
        Path out = HarnessPaths.workDir();
        Files.writeString(out.resolve(file + ".csv"), roundsCsv);
        Files.writeString(out.resolve(file + "-latencies.csv"), latenciesCsv);
        System.out.println("Written to " + out.resolve(file + ".md") + ", " + file + ".csv and " + file
                + "-latencies.csv");
    }

    /**
     * Writes {@code report} as {@code name}.md to the harness work directory, as {@code name-<backend>}.md on a
     * backend other than the distribution's own (the name the summary links, {@link ScenarioResult#on}), and prints
     * it. Returns the file name used, without {@code .md}.
     */
    static String writeMarkdown(String name, String report) throws IOException {
        KeycloakBackend backend = KeycloakBackend.fromSystemProperty();
        String file = backend == KeycloakBackend.DISTRIBUTION ? name : name + "-" + backend.id();
        Path out = HarnessPaths.workDir();
        Files.createDirectories(out);
        Files.writeString(out.resolve(file + ".md"), report);
        System.out.println(report);
        return file;
    }
}
