package dev.vigil.benchmarks;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import dev.vigil.testing.KeycloakServer;
import dev.vigil.testing.TestKeycloak;
import dev.vigil.testing.client.FormLogin;
import dev.vigil.testing.client.OidcClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Issue #15, 4: one offline token refreshed in a loop ({@code -Dvigil.bench.soak-refreshes}, default 100,000;
 * 300 in smoke mode) with {@code vigil-refresh-reuse} on, in a realm that rotates refresh tokens. Reads
 * Keycloak's own count of the single-use store ({@code vendor_statistics_approximate_entries} of the cache
 * {@code actionTokens}, where Vigil's ledger lives) and the heap in use, before, during and after. Only
 * this family refreshes, so the growth of the store is this family's entries.
 */
final class RefreshSoakBenchmark {

    static final String ID = "refresh-soak";
    static final String TITLE = "Refresh-reuse ledger: entries and heap over many refreshes of one offline token";
    private static final String REALM = "vigil-bench-refresh";
    private static final String CLIENT = "bench-refresh";
    /** Vigil's ledger: one entry per family, and a lock while a refresh is being recorded. */
    private static final double ENTRIES_TARGET = 4;

    private RefreshSoakBenchmark() {
    }

    static ScenarioResult run() throws Exception {
        int refreshes = BenchSettings.positive("vigil.bench.soak-refreshes", Smoke.on() ? 300 : 100_000);
        int samples = 10;
        try (TestKeycloak keycloak = TestKeycloak.start()) {
            keycloak.importRealm("realms/" + REALM + ".json");
            RefreshThroughputBenchmark.switchListener(keycloak, RefreshThroughputBenchmark.Mode.ON);
            OidcClient client = new OidcClient(keycloak.realmUrl(REALM), CLIENT);
            KeycloakServer metrics = keycloak.server();
            RefreshToken current = client.login(new FormLogin(), "bench-0", "bench-Password-0", "openid offline_access")
                    .getRefreshToken();

            List<String> problems = new ArrayList<>();
            List<double[]> timeline = new ArrayList<>();
            double entriesBefore = metric(metrics, "vendor_statistics_approximate_entries{cache=\"actionTokens\"");
            double heapBefore = metric(metrics, "jvm_memory_used_bytes{area=\"heap\"");
            timeline.add(new double[] {0, entriesBefore, heapBefore});
            double[] latency = new double[refreshes];
            long start = System.nanoTime();
            int errors = 0;
            for (int i = 0; i < refreshes; i++) {
                long t0 = System.nanoTime();
                TokenResponse response = client.refresh(current);
                latency[i] = (System.nanoTime() - t0) / 1e6;
                if (!response.indicatesSuccess()) {
                    ErrorObject error = OidcClient.error(response);
                    problems.add("refresh " + i + " failed: " + error.getCode() + " " + error.getDescription());
                    errors++;
                    break;
                }
                current = response.toSuccessResponse().getTokens().getRefreshToken();
                if ((i + 1) % Math.max(1, refreshes / samples) == 0) {
                    timeline.add(new double[] {i + 1, metric(metrics, "vendor_statistics_approximate_entries{cache=\"actionTokens\""),
                            metric(metrics, "jvm_memory_used_bytes{area=\"heap\"")});
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double entriesAfter = metric(metrics, "vendor_statistics_approximate_entries{cache=\"actionTokens\"");
            double heapAfter = metric(metrics, "jvm_memory_used_bytes{area=\"heap\"");
            double growth = entriesAfter - entriesBefore;
            double maxGrowth = timeline.stream().mapToDouble(t -> t[1] - entriesBefore).max().orElse(growth);

            StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                    "# Refresh-reuse ledger soak%n%n%d refreshes of one offline token (realm rotates, max reuse 0,"
                            + " vigil-refresh-reuse on) in %.0f s (%.0f/s), %d failed.%n%n"
                            + "| | before | after |%n|---|---|---|%n"
                            + "| single-use store entries (actionTokens, approximate) | %.0f | %.0f |%n"
                            + "| heap used (MB, not after a GC) | %.1f | %.1f |%n%n"
                            + "Store growth: %.0f entries at the end, at most %.0f at any sample (target <= %.0f).%n%n"
                            + "| refreshes | store entries | heap MB |%n|---|---|---|%n",
                    refreshes, seconds, refreshes / seconds, errors, entriesBefore, entriesAfter, heapBefore / 1e6,
                    heapAfter / 1e6, growth, maxGrowth, ENTRIES_TARGET));
            for (double[] t : timeline) {
                report.append(String.format(Locale.ROOT, "| %.0f | %.0f | %.1f |%n", t[0], t[1], t[2] / 1e6));
            }
            Report.writeMarkdown("refresh-soak", report.toString());

            int tenth = Math.max(1, refreshes / 10);
            double[] first = Arrays.copyOfRange(latency, 0, Math.min(tenth, refreshes));
            double[] last = Arrays.copyOfRange(latency, Math.max(0, refreshes - tenth), refreshes);
            double[] none = new double[0];
            PairResult pair = new PairResult(ID, "Refresh latency, first vs last tenth of the soak", "refresh grant",
                    "first tenth", "last tenth",
                    List.of(new RoundResult(1, "first tenth", Double.NaN, first, none, 0, Double.NaN, Double.NaN),
                            new RoundResult(2, "last tenth", Double.NaN, last, none, errors, Double.NaN, Double.NaN)),
                    List.of(), List.of(String.format(Locale.ROOT, "%d sequential refreshes of one offline token; store"
                            + " entries %.0f -> %.0f, heap %.1f -> %.1f MB (details: refresh-soak.md).", refreshes,
                            entriesBefore, entriesAfter, heapBefore / 1e6, heapAfter / 1e6)));
            // A count, not a sample: judged as an interval of width zero, shown without one.
            Target entries = Target.atMost(null, ENTRIES_TARGET);
            Verdict bounded = new Verdict(pair.title(), "single-use store entries added by one family", maxGrowth,
                    Double.NaN, Double.NaN, String.format(Locale.ROOT, "<= %.0f", ENTRIES_TARGET),
                    Smoke.on() ? Verdict.Outcome.NOT_JUDGED : entries.judge(maxGrowth, maxGrowth));
            return new ScenarioResult(ID, TITLE, "refresh-soak.md", List.of(pair), List.of(bounded), problems);
        }
    }

    /** The sum of the samples of a metric whose line starts with {@code prefix} (labels included). */
    static double metric(KeycloakServer server, String prefix) {
        double sum = 0;
        boolean found = false;
        for (String line : server.metricsText().split("\n")) {
            if (line.startsWith(prefix)) {
                String[] parts = line.trim().split(" ");
                sum += Double.parseDouble(parts[parts.length - 1]);
                found = true;
            }
        }
        if (!found) {
            throw new IllegalStateException("no metric " + prefix + " at " + server.managementUrl() + "/metrics");
        }
        return sum;
    }
}
