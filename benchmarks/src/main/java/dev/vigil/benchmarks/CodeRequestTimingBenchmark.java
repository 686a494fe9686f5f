package dev.vigil.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.testing.BuildOptions;
import dev.vigil.testing.HarnessPaths;
import dev.vigil.testing.KeycloakInstall;
import dev.vigil.testing.KeycloakServer;
import dev.vigil.testing.Mailbox;
import dev.vigil.testing.RealmFixtures;
import dev.vigil.testing.client.FormLogin;
import dev.vigil.testing.client.OidcClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.keycloak.representations.idm.PartialImportRepresentation;
import org.keycloak.representations.idm.RealmRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Can an attacker tell from the time of an answer whether an address has an account? Two timing pairs,
 * as the attacker sees them: the first-factor code request (the POST of the address form) and a wrong
 * code submitted in that login. Cold: every address for the first time (an existing account never
 * looked up before, so not in Keycloak's user cache); warm: the same addresses once more. Every request
 * comes from its own client IP ({@code X-Forwarded-For}, Keycloak started with
 * {@code --proxy-headers=xforwarded}); existing and unknown alternate in pairs (which goes first alternates too). Verdict per pair: the 95 % bootstrap
 * interval of the ratio of medians (existing / unknown) lies inside 0.95-1.05; the two-sample
 * Kolmogorov-Smirnov statistic is reported beside it. Loopback only; bounded in count.
 *
 * <p>Every timed request starts on a settled server: the driver waits until the work Keycloak does after
 * the previous code request (the address resolved, the mail sent) is done, by watching for its audit
 * record, and then until the server's and the driver's threads have been idle for a moment
 * ({@link ProcessTreeIdle}: the mail, its commit, a collection), and wakes the server with one untimed
 * request. Otherwise that work (a mail for an existing account, nothing for an unknown one) would land
 * on whichever request comes next. Which kind goes first, for the requests and for the wrong codes of a
 * pair, is drawn from a seeded random source, so that no kind follows another more often. What the work
 * after a response costs later requests is a separate channel, described in the docs; this benchmark
 * measures each answer's own time.
 *
 * <p>{@code -Dvigil.bench.control=true}: an A-vs-A control, both kinds unknown addresses (the "existing"
 * column is fresh unknown addresses too), to show the method's noise on this machine.
 */
final class CodeRequestTimingBenchmark {

    private static final String REALM = "vigil-bench";
    private static final String EMAIL_FORM = "vigil-email-otp-email-form";
    private static final String CODE_FORM = "vigil-email-otp-code-form";
    private static final double LOW = 0.95;
    private static final double HIGH = 1.05;
    private static final int RESAMPLES = 2000;
    private static final long ORDER_SEED = 20261205L;
    /** At 300 pairs the intervals were about +-8 % wide, too wide to decide a +-5 % target; at 1,500 they are 2-6 %. */
    static final int DEFAULT_PAIRS = 1500;
    /** The marker of an address with an account; the other kinds' markers have as many letters. */
    private static final String ACCOUNT = "user";

    private CodeRequestTimingBenchmark() {
    }

    static final String ID = "code-timing";
    static final String TITLE = "Email code timing: existing vs unknown address (request and wrong code, cold and warm)";

    /** Client IPs outside every private range, one per request: 11.0.0.1, 11.0.0.2, ... */
    private static final AtomicLong IPS = new AtomicLong();

    private static String freshIp() {
        long n = IPS.incrementAndGet();
        return "11." + ((n >> 16) & 0xff) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
    }

    /** A login whose code was requested; its wrong code is posted later, once the work after the response is done. */
    private record Pending(FormLogin agent, org.jsoup.nodes.Document codePage, String address) {
    }

    static ScenarioResult run() throws IOException {
        int pairs = BenchSettings.positive("vigil.bench.pairs", Smoke.on() ? 20 : DEFAULT_PAIRS);
        int warmup = BenchSettings.atLeastZero("vigil.bench.warmup", Smoke.on() ? 4 : 40);
        boolean control = Boolean.getBoolean("vigil.bench.control");
        KeycloakInstall install = KeycloakInstall.prepare(HarnessPaths.workDir().resolve("servers/single"),
                HarnessPaths.distribution(), HarnessPaths.vigilJar(), BuildOptions.DEV_FILE);
        install.wipeData();
        try (Mailbox mailbox = Mailbox.start();
             KeycloakServer server = KeycloakServer.builder("single", install).option("proxy-headers", "xforwarded").start()) {
            RealmRepresentation realm = RealmFixtures.read(RealmFixtures.classpath("realms/vigil-bench.json"),
                    Map.of("VIGIL_SMTP_HOST", "127.0.0.1", "VIGIL_SMTP_PORT", String.valueOf(mailbox.port())));
            RealmFixtures.importFresh(server.admin(), realm);
            createUsers(server, warmup + pairs);
            OidcClient client = new OidcClient(server.realmUrl(REALM), "otp-first-app");
            if (!ProcessTreeIdle.available()) {
                throw new IllegalStateException("this benchmark needs /proc/<pid>/task/<tid>/schedstat (Linux) to settle the server");
            }
            // Idle means this JVM (the driver and the SMTP sink) and the Keycloak it started.
            settled = new Settled(server, new ProcessTreeIdle(ProcessHandle.current()),
                    java.net.URI.create(server.realmUrl(REALM) + "/.well-known/openid-configuration"));
            order = new java.util.Random(ORDER_SEED);

            for (int i = 0; i < warmup; i++) {
                Pending p = request(client, i % 2 == 0 ? existing("warm", i) : unknown("warm", i), new double[1]);
                wrongCode(p);
            }
            StringBuilder csv = new StringBuilder("phase,pair,kind,request_ms,wrong_code_ms\n");
            String[] unknownAddresses = new String[pairs];
            String[] existingAddresses = new String[pairs];
            for (int i = 0; i < pairs; i++) {
                unknownAddresses[i] = unknown("bench", i);
                existingAddresses[i] = control ? address("bench", "ctrl", i) : existing("bench", i);
            }
            // Cold: every address for the first time. Warm: the same addresses again (existing accounts now in
            // Keycloak's user cache, unknown ones looked up before), in the same interleaving.
            double[][][] cold = measure(client, "cold", i -> existingAddresses[i], i -> unknownAddresses[i], pairs, csv);
            double[][][] warm = measure(client, "warm", i -> existingAddresses[i], i -> unknownAddresses[i], pairs, csv);
            double[][] existing = {cold[0][0], cold[0][1], warm[0][0], warm[0][1]};
            double[][] unknown = {cold[1][0], cold[1][1], warm[1][0], warm[1][1]};
            Map<String, Long> results = verifyResults(server);

            List<PairResult> pairResults = new ArrayList<>();
            List<Verdict> verdicts = new ArrayList<>();
            StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                    "# Email code timing, existing vs unknown address%s%n%n%d pairs per request kind after %d warm-up"
                            + " requests; cold: every address used for the first time, warm: the same addresses a second"
                            + " time; every request from its own client IP, each on a settled server (the work after the"
                            + " previous response done).%n%n"
                            + "| request | existing median | unknown median | existing p95 | unknown p95 | ratio of medians"
                            + " | 95 %% interval | KS D | KS p | target |%n|---|---|---|---|---|---|---|---|---|---|%n",
                    control ? " (A-vs-A CONTROL: both columns are unknown addresses)" : "", pairs, warmup));
            String[] names = {"code request", "wrong code", "code request (warm)", "wrong code (warm)"};
            String[] ids = {"code-timing", "wrong-code-timing", "code-timing-warm", "wrong-code-timing-warm"};
            for (int k = 0; k < names.length; k++) {
                double[] e = existing[k];
                double[] u = unknown[k];
                double ratio = TwoSampleStatistics.percentile(e, 50) / TwoSampleStatistics.percentile(u, 50);
                double[] interval = TwoSampleStatistics.bootstrapRatioOfMedians(e, u, RESAMPLES, 20261205L + k);
                double d = TwoSampleStatistics.ksStatistic(e, u);
                double p = TwoSampleStatistics.ksPValue(d, e.length, u.length);
                Target band = Target.inside(Metric.P50, LOW, HIGH);
                report.append(String.format(Locale.ROOT, "| %s | %.3f ms | %.3f ms | %.3f ms | %.3f ms | %.4f | %.4f-%.4f | %.4f"
                                + " | %.4f | interval inside %.2f-%.2f: %s |%n", names[k], TwoSampleStatistics.percentile(e, 50),
                        TwoSampleStatistics.percentile(u, 50), TwoSampleStatistics.percentile(e, 95),
                        TwoSampleStatistics.percentile(u, 95), ratio, interval[0], interval[1], d, p, LOW, HIGH,
                        Smoke.on() ? "not judged (smoke)" : band.judge(interval[0], interval[1]).text()));
                double[] none = new double[0];
                String title = (k % 2 == 0 ? "Code request" : "Wrong code") + ", existing vs unknown address"
                        + (k < 2 ? "" : " (warm)");
                pairResults.add(new PairResult(ids[k], title, names[k], "unknown", "existing",
                        List.of(new RoundResult(1, "unknown", Double.NaN, u, none, 0, Double.NaN, Double.NaN),
                                new RoundResult(2, "existing", Double.NaN, e, none, 0, Double.NaN, Double.NaN)),
                        List.of(), List.of(String.format(Locale.ROOT, "%d of '%s' per kind, %s, one client IP per request, interleaved. Ratio of medians %.4f, 95 %%"
                                + " bootstrap interval %.4f-%.4f (%d resamples); Kolmogorov-Smirnov D = %.4f (p = %.4f).",
                                pairs, names[k], k < 2 ? "fresh addresses (existing accounts never looked up before)"
                                        : "the cold phase's addresses again", ratio, interval[0], interval[1], RESAMPLES, d, p))));
                verdicts.add(Verdict.of(title, "ratio of medians (95 % interval)", ratio, interval[0], interval[1], band,
                        !Smoke.on()));
            }
            report.append(String.format(Locale.ROOT, "%nServer's verdicts on the wrong codes (audit trail): %s. `not_ready`"
                    + " is a code tried before its address was resolved after the response; it does the same work.%n", results));
            report.append(String.format(Locale.ROOT, "Timed requests started on a server that had not become idle within %d s: %d"
                    + " (before each, the driver waits for %d ms in which the server and the driver together use less than %.1f ms of CPU).%n",
                    ProcessTreeIdle.MAX_WAIT.toSeconds(), settled.idle().busyStarts(), ProcessTreeIdle.WINDOW.toMillis(),
                    ProcessTreeIdle.QUIET_NANOS / 1e6));
            Path out = HarnessPaths.workDir();
            Files.createDirectories(out);
            Files.writeString(out.resolve("code-request-timing.csv"), csv);
            Files.writeString(out.resolve("code-request-timing.md"), report);
            System.out.println(report);
            List<String> problems = new ArrayList<>();
            int mails = mailbox.all().size();
            if (!control && mails < 2 * pairs) {
                problems.add("only " + mails + " mails for " + 2 * pairs + " code requests of existing accounts: the pair"
                        + " did not measure the path that sends mail");
            }
            if (!control && results.getOrDefault("wrong", 0L) == 0) {
                problems.add("no wrong code of an existing account was checked: the pair measured nothing real");
            }
            return new ScenarioResult(ID, TITLE, "code-request-timing.md", pairResults, verdicts, problems);
        }
    }

    /**
     * Interleaved pairs: a code request for an existing and for an unknown address, then the wrong codes of
     * the pair before, a pair later, so that the work after those responses is done. Which kind goes first is
     * drawn anew for the requests and for the wrong codes.
     *
     * @return {existing {request, wrong code}, unknown {request, wrong code}} in milliseconds
     */
    private static double[][][] measure(OidcClient client, String phase, java.util.function.IntFunction<String> existingAddress,
                                        java.util.function.IntFunction<String> unknownAddress, int pairs, StringBuilder csv) {
        double[][] existing = {new double[pairs], new double[pairs]};
        double[][] unknown = {new double[pairs], new double[pairs]};
        Pending[] previous = null;
        for (int i = 0; i <= pairs; i++) {
            Pending[] current = null;
            if (i < pairs) {
                double[] e = new double[1];
                double[] u = new double[1];
                Pending pe;
                Pending pu;
                if (order.nextBoolean()) {
                    pe = request(client, existingAddress.apply(i), e);
                    pu = request(client, unknownAddress.apply(i), u);
                } else {
                    pu = request(client, unknownAddress.apply(i), u);
                    pe = request(client, existingAddress.apply(i), e);
                }
                existing[0][i] = e[0];
                unknown[0][i] = u[0];
                current = new Pending[] {pe, pu};
            }
            if (previous != null) {
                int j = i - 1;
                if (order.nextBoolean()) {
                    existing[1][j] = wrongCode(previous[0]);
                    unknown[1][j] = wrongCode(previous[1]);
                } else {
                    unknown[1][j] = wrongCode(previous[1]);
                    existing[1][j] = wrongCode(previous[0]);
                }
                csv.append(phase).append(',').append(j).append(",existing,").append(existing[0][j]).append(',')
                        .append(existing[1][j]).append('\n');
                csv.append(phase).append(',').append(j).append(",unknown,").append(unknown[0][j]).append(',')
                        .append(unknown[1][j]).append('\n');
            }
            previous = current;
        }
        return new double[][][] {existing, unknown};
    }

    /** Accounts for every existing address of the run, created in one partial import, never looked up since. */
    private static void createUsers(KeycloakServer server, int count) {
        List<UserRepresentation> users = new ArrayList<>();
        for (String phase : new String[] {"warm", "bench"}) {
            for (int i = 0; i < count; i++) {
                UserRepresentation user = new UserRepresentation();
                user.setUsername(phase + "-" + ACCOUNT + "-" + i);
                user.setEmail(existing(phase, i));
                user.setEnabled(true);
                user.setEmailVerified(true);
                users.add(user);
            }
        }
        PartialImportRepresentation partial = new PartialImportRepresentation();
        partial.setIfResourceExists(PartialImportRepresentation.Policy.SKIP.name());
        partial.setUsers(users);
        try (var response = server.admin().realm(REALM).partialImport(partial)) {
            if (response.getStatus() != 200) {
                throw new IllegalStateException("creating the benchmark's users answered " + response.getStatus());
            }
        }
    }

    private static String existing(String phase, int i) {
        return address(phase, ACCOUNT, i);
    }

    private static String unknown(String phase, int i) {
        return address(phase, "none", i);
    }

    /**
     * An address of the same length for every kind: the page echoes what was typed and the store keeps it, so a
     * longer unknown address would be measured as slower for its length alone (an attacker compares like with like).
     */
    private static String address(String phase, String kind, int i) {
        return phase + "-" + kind + "-" + i + "@example.com";
    }

    /** Opens a login from a fresh IP (not timed) and times the POST of the address form from another fresh IP. */
    private static Pending request(OidcClient client, String address, double[] millis) {
        int before = settled.progress(address);
        FormLogin agent = new FormLogin().header("X-Forwarded-For", freshIp());
        FormLogin.Step page = agent.open(client.authorization().uri);
        agent.header("X-Forwarded-For", freshIp());
        settled.beforeTimed(agent);
        long start = System.nanoTime();
        FormLogin.Response response = agent.submitRaw(page.page(), EMAIL_FORM, Map.of("email", address));
        millis[0] = (System.nanoTime() - start) / 1e6;
        if (response.status() != 200 || !response.body().contains(CODE_FORM)) {
            throw new IllegalStateException("code request answered " + response.status());
        }
        settled.await(address, before);
        return new Pending(agent, org.jsoup.Jsoup.parse(response.body(), client.tokenEndpoint().toString()), address);
    }

    /** Times a wrong code in the login of {@code pending}, from a fresh IP. */
    private static double wrongCode(Pending pending) {
        org.jsoup.nodes.Document page = pending.codePage();
        pending.agent().header("X-Forwarded-For", freshIp());
        settled.beforeTimed(pending.agent());
        long start = System.nanoTime();
        FormLogin.Response response = pending.agent().submitRaw(page, CODE_FORM, Map.of("code", "00000000"));
        double millis = (System.nanoTime() - start) / 1e6;
        if (response.status() != 200 || !response.body().contains(CODE_FORM)) {
            throw new IllegalStateException("wrong code answered " + response.status());
        }
        return millis;
    }

    private static Settled settled;
    private static java.util.Random order;

    /**
     * Whether the work Keycloak does after a code request is done: its audit record, then {@code idle} waits for the
     * server's and the driver's threads (the mail's SMTP sink runs in the driver) to go quiet before each timed
     * request, and {@code wakeUp} is fetched right before it.
     */
    private static final class Settled {

        private final ProcessTreeIdle idle;
        private final java.net.URI wakeUp;
        private final dev.vigil.testing.ServerLog.AuditCursor audit;
        /**
         * Send records per requested address, read on from where the last poll stopped. (The driver used to re-read
         * the whole log for unknown addresses and the SMTP sink's every mail for existing ones: work of the driver,
         * on the same CPUs, that differed by kind and grew with the run.)
         */
        private final Map<String, Integer> sends = new java.util.HashMap<>();

        Settled(KeycloakServer server, ProcessTreeIdle idle, java.net.URI wakeUp) {
            this.idle = idle;
            this.wakeUp = wakeUp;
            this.audit = server.log().auditCursor();
        }

        ProcessTreeIdle idle() {
            return idle;
        }

        /**
         * Right before a timed request: waits for the server to go idle, then sends one cheap untimed request on the
         * agent's connection, the same one every time. An idle machine (a virtual one above all) answers the first
         * request after a pause several milliseconds late while its CPUs wake; that delay is noise, not the answer's.
         */
        void beforeTimed(FormLogin agent) {
            idle.await();
            agent.open(wakeUp);
        }

        /**
         * Send records of requests for {@code address}: grows by one per request once its job has decided (for an
         * account the mail follows in the same job, which {@link ProcessTreeIdle} then waits out).
         */
        int progress(String address) {
            for (JsonNode record : audit.next()) {
                if ("EMAIL_OTP_SEND".equals(record.path("type").asText())) {
                    sends.merge(record.path("details").path("requested_for").asText(), 1, Integer::sum);
                }
            }
            return sends.getOrDefault(address, 0);
        }

        /** Waits (untimed) until the request for {@code address} made after {@code before} has been worked off. */
        void await(String address, int before) {
            dev.vigil.testing.Deadline.awaitTrue("the work after the code request", java.time.Duration.ofSeconds(30),
                    () -> progress(address) > before);
        }
    }

    /** How the server judged the wrong codes, from its audit trail. */
    private static Map<String, Long> verifyResults(KeycloakServer server) {
        Map<String, Long> counts = new TreeMap<>();
        for (JsonNode record : server.log().auditRecords()) {
            if ("EMAIL_OTP_VERIFY".equals(record.path("type").asText()) && REALM.equals(record.path("realm").asText())) {
                counts.merge(record.path("details").path("result").asText(), 1L, Long::sum);
            }
        }
        return counts;
    }
}
