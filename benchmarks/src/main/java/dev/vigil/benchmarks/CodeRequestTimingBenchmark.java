package dev.vigil.benchmarks;

import dev.vigil.testing.HarnessPaths;
import dev.vigil.testing.TestKeycloak;
import dev.vigil.testing.client.FormLogin;
import dev.vigil.testing.client.OidcClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Does the first-factor code request take longer when the address has an account? Times at least
 * 300 requests for existing and 300 for unknown addresses, alternating, on one server, and compares
 * the two distributions (medians, p95, two-sample Kolmogorov-Smirnov). Goal: no detectable
 * difference, p > 0.01. Loopback only; bounded in count.
 */
final class CodeRequestTimingBenchmark {

    private static final String REALM = "vigil-bench";
    private static final String EMAIL_FORM = "vigil-email-otp-email-form";

    private CodeRequestTimingBenchmark() {
    }

    static final String ID = "code-timing";
    static final String TITLE = "Code-request timing: existing vs unknown address";
    private static final double P_TARGET = 0.01;

    static ScenarioResult run() throws IOException {
        int pairs = BenchSettings.positive("vigil.bench.pairs", Smoke.on() ? 20 : 300);
        int warmup = BenchSettings.atLeastZero("vigil.bench.warmup", Smoke.on() ? 4 : 40);
        try (TestKeycloak keycloak = TestKeycloak.start()) {
            keycloak.importRealm("realms/vigil-bench.json");
            OidcClient client = new OidcClient(keycloak.realmUrl(REALM), "otp-first-app");
            for (int i = 0; i < warmup; i++) {
                time(client, i % 2 == 0 ? existing(i) : unknown(i));
            }
            double[] existing = new double[pairs];
            double[] unknown = new double[pairs];
            StringBuilder csv = new StringBuilder("pair,kind,millis\n");
            for (int i = 0; i < pairs; i++) {
                // Alternate which kind goes first so drift over the run hits both alike.
                if (i % 2 == 0) {
                    existing[i] = time(client, existing(i));
                    unknown[i] = time(client, unknown(i));
                } else {
                    unknown[i] = time(client, unknown(i));
                    existing[i] = time(client, existing(i));
                }
                csv.append(i).append(",existing,").append(existing[i]).append('\n');
                csv.append(i).append(",unknown,").append(unknown[i]).append('\n');
            }
            double d = TwoSampleStatistics.ksStatistic(existing, unknown);
            double p = TwoSampleStatistics.ksPValue(d, pairs, pairs);
            String report = String.format(Locale.ROOT, "Code request timing, %d requests each (ms)%n"
                            + "| address | median | p95 |%n|---|---|---|%n| existing | %.2f | %.2f |%n| unknown | %.2f | %.2f |%n"
                            + "Kolmogorov-Smirnov D = %.4f, p = %.4f (goal p > 0.01): %s%n",
                    pairs, TwoSampleStatistics.percentile(existing, 50), TwoSampleStatistics.percentile(existing, 95),
                    TwoSampleStatistics.percentile(unknown, 50), TwoSampleStatistics.percentile(unknown, 95), d, p,
                    p > 0.01 ? "met" : "MISSED");
            Path out = HarnessPaths.workDir();
            Files.createDirectories(out);
            Files.writeString(out.resolve("code-request-timing.csv"), csv);
            Files.writeString(out.resolve("code-request-timing.md"), report);
            System.out.println(report);
            // One "round" per kind, unknown first: the summary shows their latencies side by side (no rate).
            double[] none = new double[0];
            PairResult pair = new PairResult(ID, "Code request, existing vs unknown address", "request", "unknown",
                    "existing", List.of(new RoundResult(1, "unknown", Double.NaN, unknown, none, 0, Double.NaN, Double.NaN),
                            new RoundResult(2, "existing", Double.NaN, existing, none, 0, Double.NaN, Double.NaN)),
                    List.of(), List.of(String.format(Locale.ROOT, "%d code requests per kind, alternating, each the POST"
                            + " of the address form (the page load before it not timed). Two-sample Kolmogorov-Smirnov"
                            + " D = %.4f.", pairs, d)));
            Verdict ks = new Verdict(pair.title(), "Kolmogorov-Smirnov p", p, Double.NaN, Double.NaN,
                    String.format(Locale.ROOT, "> %.2f", P_TARGET), p > P_TARGET, !Smoke.on(), false);
            return new ScenarioResult(ID, TITLE, "code-request-timing.md", List.of(pair), List.of(ks), List.of());
        }
    }

    private static String existing(int i) {
        return "bench-" + (i % 10) + "@example.com";
    }

    private static String unknown(int i) {
        return "nobody-" + i + "-" + System.nanoTime() + "@example.com";
    }

    /** Milliseconds of the POST of the address form; the page load before it is not timed. */
    private static double time(OidcClient client, String address) {
        FormLogin agent = new FormLogin();
        FormLogin.Step page = agent.open(client.authorization().uri);
        long start = System.nanoTime();
        FormLogin.Response response = agent.submitRaw(page.page(), EMAIL_FORM, Map.of("email", address));
        long elapsed = System.nanoTime() - start;
        if (response.status() != 200) {
            throw new IllegalStateException("code request answered " + response.status());
        }
        return elapsed / 1e6;
    }
}
