package dev.vigil.benchmarks;

import dev.vigil.testing.HarnessPaths;
import dev.vigil.testing.KeycloakBackend;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The entry point of {@code -Pbenchmark}: runs the scenario named by {@code -Dvigil.bench} ({@value #DEFAULT}
 * when not given, so the documented command keeps doing what it did), or every scenario with {@value #ALL}, then
 * writes the summary with its plots (see {@link Outputs} for where).
 */
public final class Benchmarks {

    static final String PROPERTY = "vigil.bench";
    static final String DEFAULT = "code-timing";
    static final String ALL = "all";
    /**
     * true / false: whether the scenarios that touch the database run a second time on PostgreSQL. Default: true
     * for a full run ({@value #ALL}, not smoke, no {@code vigil.backend} given), false otherwise.
     */
    static final String POSTGRES_PROPERTY = "vigil.bench.postgres";
    /**
     * The scenarios whose requests read or write the database (sessions, users, credentials); they start their
     * server through {@code TestKeycloak}, on the backend {@code vigil.backend} names.
     */
    static final Set<String> DATABASE = Set.of(RefreshThroughputBenchmark.ID, ImpersonationExchangeBenchmark.ID,
            LoginCpuBenchmark.ID, RefreshSoakBenchmark.ID);

    private Benchmarks() {
    }

    interface Scenario {
        ScenarioResult run() throws Exception;
    }

    record Entry(String title, Scenario scenario) {
    }

    static Map<String, Entry> scenarios() {
        Map<String, Entry> all = new LinkedHashMap<>();
        all.put(CodeRequestTimingBenchmark.ID, new Entry(CodeRequestTimingBenchmark.TITLE, CodeRequestTimingBenchmark::run));
        all.put(RefreshThroughputBenchmark.ID, new Entry(RefreshThroughputBenchmark.TITLE, RefreshThroughputBenchmark::run));
        all.put(ImpersonationExchangeBenchmark.ID,
                new Entry(ImpersonationExchangeBenchmark.TITLE, ImpersonationExchangeBenchmark::run));
        all.put(ClientCredentialsBenchmark.ID, new Entry(ClientCredentialsBenchmark.TITLE, ClientCredentialsBenchmark::run));
        all.put(LoginCpuBenchmark.ID, new Entry(LoginCpuBenchmark.TITLE, LoginCpuBenchmark::run));
        all.put(RefreshSoakBenchmark.ID, new Entry(RefreshSoakBenchmark.TITLE, RefreshSoakBenchmark::run));
        return all;
    }

    /** The scenario ids {@code name} selects, in run order. */
    static List<String> select(String name) {
        String chosen = name == null || name.isBlank() ? DEFAULT : name.trim();
        if (chosen.equals(ALL)) {
            return List.copyOf(scenarios().keySet());
        }
        if (!scenarios().containsKey(chosen)) {
            throw new IllegalArgumentException("Unknown " + PROPERTY + " '" + name + "'; valid values: " + ALL + ", "
                    + String.join(", ", scenarios().keySet()));
        }
        return List.of(chosen);
    }

    /** Whether the database scenarios run again on PostgreSQL ({@value #POSTGRES_PROPERTY}). */
    static boolean postgresToo(String selection, boolean smoke, KeycloakBackend given) {
        String value = System.getProperty(POSTGRES_PROPERTY);
        if (value != null && !value.isBlank()) {
            return Boolean.parseBoolean(value.trim()) && given == KeycloakBackend.DISTRIBUTION;
        }
        return ALL.equals(selection == null ? "" : selection.trim()) && !smoke && given == KeycloakBackend.DISTRIBUTION;
    }

    /** Runs scenario {@code id}; its result is tagged with {@code backend} when it ran there (empty: H2). */
    private static ScenarioResult runOne(String id, boolean smoke, String backend) {
        Entry entry = scenarios().get(id);
        String on = backend.isEmpty() || !DATABASE.contains(id) ? "" : backend;
        System.out.println("=== " + id + (on.isEmpty() ? "" : " on " + on) + (smoke ? " (smoke)" : "") + ": "
                + entry.title());
        try {
            ScenarioResult result = entry.scenario().run();
            return on.isEmpty() ? result : result.on(on);
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            ScenarioResult failed = ScenarioResult.failed(id, entry.title(), e);
            return on.isEmpty() ? failed : failed.on(on);
        }
    }

    public static void main(String[] args) throws Exception {
        String name = System.getProperty(PROPERTY);
        List<String> selected = select(name);
        boolean smoke = Smoke.on();
        // Nimbus sends with HttpURLConnection, whose keep-alive cache (sized once, at first use) holds 5
        // connections per host by default: more threads would measure new connections instead.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", String.valueOf(4 * Runtime.getRuntime().availableProcessors() + 4));
        }
        String loadBefore = MachineLoad.loadAverage();
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long t0 = System.nanoTime();
        List<ScenarioResult> results = new ArrayList<>();
        KeycloakBackend given = KeycloakBackend.fromSystemProperty();
        for (String id : selected) {
            results.add(runOne(id, smoke, given == KeycloakBackend.DISTRIBUTION ? "" : given.id()));
        }
        if (postgresToo(name, smoke, given)) {
            System.setProperty(KeycloakBackend.PROPERTY, KeycloakBackend.POSTGRES.id());
            try {
                for (String id : selected) {
                    if (DATABASE.contains(id)) {
                        results.add(runOne(id, smoke, KeycloakBackend.POSTGRES.id()));
                    }
                }
            } finally {
                System.clearProperty(KeycloakBackend.PROPERTY);
            }
        }
        RunInfo info = new RunInfo(Runtime.getRuntime().availableProcessors(), RunInfo.readMemoryMb(), RunInfo.readCpuModel(),
                loadBefore, MachineLoad.loadAverage(), RunInfo.readJava(), HarnessPaths.keycloakVersion(),
                RunInfo.vigilVersion(), RunInfo.readCommit(), started.toString(), (System.nanoTime() - t0) / 60e9);
        Outputs outputs = Outputs.choose(selected.size() > 1 ? ALL : selected.get(0), smoke);
        Path summary = outputs.write(info, results, smoke);
        System.out.println("Summary written to " + summary + ", plots in " + outputs.plots());

        List<String> failures = new ArrayList<>();
        for (ScenarioResult r : results) {
            if (!r.valid()) {
                failures.add(r.id() + ": " + String.join("; ", r.problems()));
            }
        }
        if (smoke) {
            failures.addAll(outputs.missing(results));
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("benchmark run failed:\n  " + String.join("\n  ", failures));
        }
        System.out.println(smoke ? "Smoke run passed: every scenario ran without a failed request; report and plots"
                + " written (targets not judged)." : "Run valid.");
    }
}
