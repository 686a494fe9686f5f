package dev.vigil.benchmarks;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import dev.vigil.testing.TestKeycloak;
import dev.vigil.testing.client.FormLogin;
import dev.vigil.testing.client.OidcClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.keycloak.representations.idm.RealmEventsConfigRepresentation;

/**
 * What does {@code vigil-refresh-reuse} cost a refresh grant at saturation? Several threads, each
 * with a user session of its own, refresh as fast as the server answers (rotation on: always with the
 * newest refresh token) in rounds of fixed length that alternate listener off, on, off, ..., off on
 * one server. Compares throughput and p50/p99 latency of the two modes. Goal: throughput on/off >= 0.97
 * and p99 on/off <= 1.05. Every failed refresh is counted: with the listener on, one would be a
 * session revoked for a theft that did not happen. Loopback only; bounded in time.
 *
 * <p>An odd number of rounds that starts and ends with "off" puts both modes at the same mean position
 * in the run, so a steady drift (the server still warming up, a slowly growing database) cancels out of
 * the pooled comparison instead of favouring the later mode; each "on" round is also compared with the
 * mean of the two "off" rounds around it.
 *
 * <p>Knobs (system properties; blank means the default): {@code vigil.bench.threads} (2 x cores),
 * {@code vigil.bench.rounds} (7, odd), {@code vigil.bench.round-seconds} (12),
 * {@code vigil.bench.warmup-seconds} (120, half per mode; on 2 cores Keycloak's refresh throughput
 * still climbs for about two minutes of load), {@code vigil.bench.settle-seconds} (2, unmeasured load
 * at the start of each round, after the listener was switched). Then the same alternation at a fixed rate
 * ({@link RefreshFixedRate}). About 7 minutes with the defaults.
 */
final class RefreshThroughputBenchmark {

    private static final String REALM = "vigil-bench-refresh";
    private static final String CLIENT = "bench-refresh";
    private static final String CANARY_CLIENT = "bench-canary";
    private static final String LISTENER = "vigil-refresh-reuse";
    /** Users in the realm file; worker i logs in as user i mod USERS, each login a user session of its own. */
    private static final int USERS = 16;
    private static final double THROUGHPUT_TARGET = 0.97;
    private static final double P99_TARGET = 1.05;
    /** More CPU than this taken by other processes during a round (in cores) makes the run noisy. */
    private static final double OTHER_CPU_LIMIT = 0.2;
    /** How long a round may overrun before the benchmark gives up (a hung request has no timeout). */
    private static final Duration OVERRUN = Duration.ofSeconds(60);

    private RefreshThroughputBenchmark() {
    }

    enum Mode {
        OFF(List.of()), ON(List.of(LISTENER));

        final List<String> listeners;

        Mode(List<String> listeners) {
            this.listeners = listeners;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final String ID = "refresh";
    static final String TITLE = "Refresh-token grant: vigil-refresh-reuse listener off vs on";

    static ScenarioResult run() throws Exception {
        BenchSettings settings = BenchSettings.fromSystemProperties(2 * Runtime.getRuntime().availableProcessors(), 7,
                12, 120, 2, Mode.OFF.label(), Mode.ON.label());
        // Nimbus sends with HttpURLConnection, whose keep-alive cache holds 5 connections per host by
        // default: more threads would open a new connection for most requests and measure that instead.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", String.valueOf(Math.max(5, settings.threads() + 2)));
        }
        String loadBefore = MachineLoad.loadAverage();
        long started = System.nanoTime();
        List<Round> rounds = new ArrayList<>();
        List<RoundResult> fixedRounds = new ArrayList<>();
        double fixedRate = Double.NaN;
        Checks checks = new Checks();
        ExecutorService pool = Executors.newFixedThreadPool(settings.threads(), new DaemonThreads("refresh"));
        try (TestKeycloak keycloak = TestKeycloak.start()) {
            keycloak.importRealm("realms/" + REALM + ".json");
            OidcClient client = new OidcClient(keycloak.realmUrl(REALM), CLIENT);

            checks.canaryDetected = canary(keycloak);
            int auditBefore = reuseRecords(keycloak, CLIENT);

            List<Worker> workers = new ArrayList<>();
            for (int i = 0; i < settings.threads(); i++) {
                Worker worker = new Worker(i % USERS);
                worker.login(client);
                workers.add(worker);
            }

            for (Mode mode : Mode.values()) {
                switchListener(keycloak, mode);
                Phase warm = runPhase(pool, client, workers, 0, settings.warmupSeconds() / 2.0);
                checks.warmupErrors += warm.errors;
                checks.errorSamples.addAll(warm.errorSamples);
            }

            for (int r = 0; r < settings.rounds(); r++) {
                Mode mode = r % 2 == 0 ? Mode.OFF : Mode.ON;
                switchListener(keycloak, mode);
                MachineLoad.Snapshot cpuBefore = MachineLoad.snapshot();
                Phase phase = runPhase(pool, client, workers, settings.settleSeconds(), settings.roundSeconds());
                double otherCores = MachineLoad.snapshot().otherCoresSince(cpuBefore);
                Round round = new Round(r + 1, mode, phase.measuredSeconds, phase.latencyMillis(),
                        phase.completedAt(started), phase.errors, otherCores);
                rounds.add(round);
                checks.errorSamples.addAll(phase.errorSamples);
                System.out.println(round.summary());
            }
            fixedRate = RefreshFixedRate.rate(pooled(rounds, Mode.OFF).perSecond());
            fixedRounds.addAll(new RefreshFixedRate(keycloak, client, settings, fixedRate, started)
                    .run(mode -> switchListener(keycloak, mode), checks.errorSamples));
            switchListener(keycloak, Mode.OFF);

            // A detection is written after its request's transaction completes: give late ones time to appear.
            Thread.sleep(2000);
            checks.falseDetections = reuseRecords(keycloak, CLIENT) - auditBefore;
            checks.listenerLogErrors = (int) keycloak.log().text().lines()
                    .filter(l -> l.contains(" ERROR ") && l.contains(LISTENER)).count();
        } finally {
            pool.shutdownNow();
        }
        double minutes = (System.nanoTime() - started) / 60e9;

        String report = report(settings, rounds, checks, loadBefore, minutes);
        Report.write("refresh-throughput", report, roundsCsv(rounds), Report.latenciesCsv("listener", rounds));
        Report.write("refresh-fixed-rate", String.format(Locale.ROOT, "Refresh grants at a fixed rate of %.0f/s,"
                        + " listener off vs on: see refresh-fixed-rate.csv%n", fixedRate), Report.roundsCsv(fixedRounds),
                Report.latenciesCsv("listener", fixedRounds));
        List<String> problems = new ArrayList<>();
        if (!checks.passed(rounds)) {
            problems.add(checks.problems(rounds));
        }
        int fixedErrors = fixedRounds.stream().mapToInt(RoundResult::errors).sum();
        if (fixedErrors > 0) {
            problems.add(fixedErrors + " refreshes failed in the fixed-rate rounds");
        }
        List<Target> targets = List.of(Target.atLeast(Metric.THROUGHPUT, THROUGHPUT_TARGET),
                Target.atMost(Metric.P99, P99_TARGET));
        PairResult saturation = new PairResult("refresh-saturation", "Refresh grant at saturation", "refresh",
                Mode.OFF.label(), Mode.ON.label(), rounds.stream().map(RoundResult::of).toList(), targets,
                List.of(String.format(Locale.ROOT, "%d threads, each refreshing its own user session with its newest"
                                + " refresh token as soon as the last answered (rotation on). Rounds of %d s after %d s"
                                + " unmeasured, warm-up %d s. Listener off = the realm has no event listener.",
                        settings.threads(), settings.roundSeconds(), settings.settleSeconds(), settings.warmupSeconds())));
        PairResult fixed = new PairResult("refresh-fixed-rate", "Refresh grant at a fixed rate", "refresh",
                Mode.OFF.label(), Mode.ON.label(), fixedRounds, targets,
                List.of(String.format(Locale.ROOT, "%.0f refreshes/s (half the off rounds' saturation throughput of"
                        + " this run unless -Dvigil.bench.refresh-rate is given), spread over %d sessions; latency from"
                        + " the scheduled start.", fixedRate, RefreshFixedRate.workers(settings))));
        return new ScenarioResult(ID, TITLE, "refresh-throughput.md", List.of(saturation, fixed), List.of(), problems);
    }

    // --- the server side -------------------------------------------------------------------------

    /** Sets the realm's event listeners to exactly those of {@code mode} and reads them back. */
    static void switchListener(TestKeycloak keycloak, Mode mode) {
        RealmEventsConfigRepresentation config = keycloak.admin().realm(REALM).getRealmEventsConfig();
        config.setEventsListeners(mode.listeners);
        keycloak.admin().realm(REALM).updateRealmEventsConfig(config);
        List<String> now = keycloak.admin().realm(REALM).getRealmEventsConfig().getEventsListeners();
        if (now == null ? !mode.listeners.isEmpty() : !now.equals(mode.listeners)) {
            throw new IllegalStateException("realm " + REALM + " has event listeners " + now + ", wanted " + mode.listeners);
        }
    }

    /**
     * Proves that the listener the "on" rounds switch on really detects: one replayed refresh token on
     * a session of its own (its own client, so its record is not counted as a false detection).
     */
    private static boolean canary(TestKeycloak keycloak) {
        switchListener(keycloak, Mode.ON);
        OidcClient canary = new OidcClient(keycloak.realmUrl(REALM), CANARY_CLIENT);
        Tokens first = canary.login(new FormLogin(), "bench-0", "bench-Password-0");
        TokenResponse rotated = canary.refresh(first.getRefreshToken());
        TokenResponse replay = canary.refresh(first.getRefreshToken());
        if (!rotated.indicatesSuccess() || replay.indicatesSuccess()) {
            return false;
        }
        try {
            keycloak.log().awaitAudit("canary replay", r -> REALM.equals(r.path("realm").asText())
                    && "REFRESH_TOKEN_REUSE".equals(r.path("type").asText())
                    && CANARY_CLIENT.equals(r.path("clientId").asText()));
            return true;
        } catch (AssertionError | RuntimeException notSeen) {
            return false;
        }
    }

    private static int reuseRecords(TestKeycloak keycloak, String clientId) {
        return (int) keycloak.log().auditRecords().stream()
                .filter(r -> REALM.equals(r.path("realm").asText())
                        && "REFRESH_TOKEN_REUSE".equals(r.path("type").asText())
                        && clientId.equals(r.path("clientId").asText()))
                .count();
    }

    // --- the load --------------------------------------------------------------------------------

    /** One thread's user session, refreshed with its newest refresh token. */
    static final class Worker {
        private final String username;
        private final String password;
        private RefreshToken current;

        Worker(int user) {
            this.username = "bench-" + user;
            this.password = "bench-Password-" + user;
        }

        void login(OidcClient client) {
            current = client.login(new FormLogin(), username, password).getRefreshToken();
            if (current == null) {
                throw new IllegalStateException("login of " + username + " returned no refresh token");
            }
        }

        /** One refresh with the newest token: null on success, else the failure (after logging in again). */
        String refreshOnce(OidcClient client) {
            String failure;
            try {
                TokenResponse response = client.refresh(current);
                if (response.indicatesSuccess()) {
                    RefreshToken next = response.toSuccessResponse().getTokens().getRefreshToken();
                    if (next != null) {
                        current = next;
                        return null;
                    }
                    failure = "success without a refresh token";
                } else {
                    ErrorObject error = OidcClient.error(response);
                    failure = "HTTP " + error.getHTTPStatusCode() + " " + error.getCode() + ": " + error.getDescription();
                }
            } catch (RuntimeException | AssertionError e) {
                failure = e.toString();
            }
            try {
                login(client);
            } catch (RuntimeException | AssertionError e) {
                return username + ": " + failure + "; could not log in again: " + e;
            }
            return username + ": " + failure;
        }

        /**
         * Refreshes until {@code end}; keeps the latency of each success that completes within
         * [{@code measureStart}, {@code end}). A failure is counted and the worker logs in again.
         */
        WorkerResult run(OidcClient client, long measureStart, long end) {
            LongList latencies = new LongList();
            LongList completedAt = new LongList();
            int errors = 0;
            List<String> samples = new ArrayList<>();
            while (true) {
                long t0 = System.nanoTime();
                if (t0 >= end) {
                    break;
                }
                String failure;
                try {
                    TokenResponse response = client.refresh(current);
                    long t1 = System.nanoTime();
                    if (response.indicatesSuccess()) {
                        RefreshToken next = response.toSuccessResponse().getTokens().getRefreshToken();
                        if (next != null) {
                            current = next;
                            if (t1 >= measureStart && t1 < end) {
                                latencies.add(t1 - t0);
                                completedAt.add(t1);
                            }
                            continue;
                        }
                        failure = "success without a refresh token";
                    } else {
                        ErrorObject error = OidcClient.error(response);
                        failure = "HTTP " + error.getHTTPStatusCode() + " " + error.getCode() + ": " + error.getDescription();
                    }
                } catch (RuntimeException | AssertionError e) {
                    failure = e.toString();
                }
                errors++;
                if (samples.size() < 5) {
                    samples.add(username + ": " + failure);
                }
                try {
                    login(client);
                } catch (RuntimeException | AssertionError e) {
                    samples.add(username + " could not log in again, thread stopped: " + e);
                    break;
                }
            }
            return new WorkerResult(latencies, completedAt, errors, samples);
        }
    }

    record WorkerResult(LongList latencies, LongList completedAt, int errors, List<String> errorSamples) {
    }

    /** The merged results of all workers for one stretch of load. */
    static final class Phase {
        final double measuredSeconds;
        final LongList latencies = new LongList();
        final LongList completedAt = new LongList();
        int errors;
        final List<String> errorSamples = new ArrayList<>();

        Phase(double measuredSeconds) {
            this.measuredSeconds = measuredSeconds;
        }

        double[] latencyMillis() {
            return latencies.nanosAsMillis();
        }

        /** When each measured refresh completed, in seconds since {@code origin} (a nanoTime). */
        double[] completedAt(long origin) {
            return completedAt.secondsSince(origin);
        }
    }

    /** All workers refresh for {@code settleSeconds} unmeasured, then {@code measureSeconds} measured. */
    private static Phase runPhase(ExecutorService pool, OidcClient client, List<Worker> workers,
                                  double settleSeconds, double measureSeconds) throws InterruptedException {
        long start = System.nanoTime();
        long measureStart = start + (long) (settleSeconds * 1e9);
        long end = measureStart + (long) (measureSeconds * 1e9);
        List<Future<WorkerResult>> futures = new ArrayList<>();
        for (Worker worker : workers) {
            futures.add(pool.submit(() -> worker.run(client, measureStart, end)));
        }
        Phase phase = new Phase(measureSeconds);
        for (Future<WorkerResult> future : futures) {
            long waitNanos = Math.max(0, end - System.nanoTime()) + OVERRUN.toNanos();
            try {
                WorkerResult result = future.get(waitNanos, TimeUnit.NANOSECONDS);
                phase.latencies.addAll(result.latencies());
                phase.completedAt.addAll(result.completedAt());
                phase.errors += result.errors();
                phase.errorSamples.addAll(result.errorSamples());
            } catch (ExecutionException e) {
                throw new IllegalStateException("a refresh thread failed", e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException("a refresh did not answer within " + OVERRUN.toSeconds()
                        + " s after the round ended");
            }
        }
        return phase;
    }

    // --- results ---------------------------------------------------------------------------------

    /**
     * @param completedAt when each refresh of {@code latencyMillis} completed, seconds since the benchmark began
     * @param otherCores  CPU the rest of the machine (not this JVM, not its Keycloak) used meanwhile, in cores
     */
    record Round(int number, Mode mode, double seconds, double[] latencyMillis, double[] completedAt, int errors,
                 double otherCores) implements MeasuredRound {

        @Override
        public String modeLabel() {
            return mode.label();
        }

        String summary() {
            return String.format(Locale.ROOT, "round %d, listener %s: %d refreshes in %.0f s = %.1f/s, p50 %.2f ms,"
                    + " p99 %.2f ms, %d errors, other processes %.2f cores", number, mode.label(), latencyMillis.length,
                    seconds, perSecond(), p50(), p99(), errors, otherCores);
        }
    }

    /** The rounds of one mode pooled: all their refreshes over all their seconds. */
    static Round pooled(List<Round> rounds, Mode mode) {
        List<Round> of = rounds.stream().filter(r -> r.mode() == mode).toList();
        double seconds = of.stream().mapToDouble(Round::seconds).sum();
        double[] all = of.stream().flatMapToDouble(r -> Arrays.stream(r.latencyMillis())).toArray();
        double[] at = of.stream().flatMapToDouble(r -> Arrays.stream(r.completedAt())).toArray();
        return new Round(0, mode, seconds, all, at, of.stream().mapToInt(Round::errors).sum(),
                of.stream().mapToDouble(Round::otherCores).average().orElse(Double.NaN));
    }

    static final class Checks {
        boolean canaryDetected;
        int warmupErrors;
        int falseDetections;
        int listenerLogErrors;
        final List<String> errorSamples = new ArrayList<>();

        int errors(List<Round> rounds) {
            return warmupErrors + rounds.stream().mapToInt(Round::errors).sum();
        }

        boolean passed(List<Round> rounds) {
            return canaryDetected && errors(rounds) == 0 && falseDetections == 0 && listenerLogErrors == 0;
        }

        String problems(List<Round> rounds) {
            List<String> problems = new ArrayList<>();
            if (!canaryDetected) {
                problems.add("the canary replay was not detected, so the 'on' rounds may not have run the listener");
            }
            if (errors(rounds) > 0) {
                problems.add(errors(rounds) + " refreshes failed");
            }
            if (falseDetections > 0) {
                problems.add(falseDetections + " reuse detections on sessions that never replayed");
            }
            if (listenerLogErrors > 0) {
                problems.add(listenerLogErrors + " ERROR lines from the listener in the server log");
            }
            return String.join("; ", problems);
        }
    }

    static String report(BenchSettings settings, List<Round> rounds, Checks checks, String loadBefore, double minutes) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Refresh-grant throughput, event listener %s off vs on%n%n", LISTENER));
        md.append(String.format(Locale.ROOT, "Realm %s (revokeRefreshToken, refreshTokenMaxReuse 0, no other event"
                        + " listeners), %d threads each refreshing its own user session with its newest refresh token,"
                        + " %d cores shared by Keycloak and this client. %d rounds of %d s (after %d s unmeasured"
                        + " each), warm-up %d s; load average before the server started: %s; %.1f min in all.%n"
                        + "Latency is the client's wall time of one refresh grant (Nimbus, keep-alive), ms. \"other\""
                        + " is the CPU the rest of the machine used during the round, in cores.%n%n",
                REALM, settings.threads(), Runtime.getRuntime().availableProcessors(), rounds.size(),
                settings.roundSeconds(), settings.settleSeconds(), settings.warmupSeconds(), loadBefore, minutes));
        md.append("| round | listener | refreshes | refreshes/s | p50 | p99 | errors | other |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (Round r : rounds) {
            md.append(row(String.valueOf(r.number()), r));
        }
        Round off = pooled(rounds, Mode.OFF);
        Round on = pooled(rounds, Mode.ON);
        md.append(row("all", off)).append(row("all", on)).append('\n');

        // Noise: each on round against the mean of the off rounds around it, and the other load.
        double[] bracketThroughput = new double[rounds.size() / 2];
        double[] bracketP99 = new double[rounds.size() / 2];
        for (int i = 1; i + 1 < rounds.size(); i += 2) {
            Round before = rounds.get(i - 1);
            Round after = rounds.get(i + 1);
            bracketThroughput[i / 2] = rounds.get(i).perSecond() / ((before.perSecond() + after.perSecond()) / 2);
            bracketP99[i / 2] = rounds.get(i).p99() / ((before.p99() + after.p99()) / 2);
        }
        double bracketRange = Latencies.max(bracketThroughput) - Latencies.min(bracketThroughput);
        double busiest = rounds.stream().mapToDouble(Round::otherCores).max().orElse(Double.NaN);
        List<String> noise = new ArrayList<>();
        if (bracketRange > 1 - THROUGHPUT_TARGET) {
            noise.add(String.format(Locale.ROOT, "the on/off ratios of single rounds spread wider than the %.0f %% the"
                    + " throughput target allows", (1 - THROUGHPUT_TARGET) * 100));
        }
        if (busiest > OTHER_CPU_LIMIT) {
            noise.add(String.format(Locale.ROOT, "other processes took more than %.1f cores in a round", OTHER_CPU_LIMIT));
        }
        double throughput = on.perSecond() / off.perSecond();
        double p99 = on.p99() / off.p99();
        double p50 = on.p50() / off.p50();
        String caveat = noise.isEmpty() ? "" : " (NOISY, see below)";
        md.append(String.format(Locale.ROOT, "Throughput on/off = %.3f (target >= %.2f): %s%s%n", throughput,
                THROUGHPUT_TARGET, throughput >= THROUGHPUT_TARGET ? "met" : "MISSED", caveat));
        md.append(String.format(Locale.ROOT, "p99 on/off = %.3f (target <= %.2f): %s%s%n", p99, P99_TARGET,
                p99 <= P99_TARGET ? "met" : "MISSED", caveat));
        md.append(String.format(Locale.ROOT, "p50 on/off = %.3f (no target)%n", p50));
        md.append(String.format(Locale.ROOT, "Each on round / mean of the off rounds around it: throughput %s,"
                + " p99 %s%n", Report.list(bracketThroughput), Report.list(bracketP99)));
        md.append(String.format(Locale.ROOT, "Noise: those throughput ratios span %.3f; same-mode rounds differ by"
                        + " %.1f %% (off) and %.1f %% (on), (max - min) / mean; other processes used up to %.2f cores"
                        + " in a round.%n", bracketRange, spread(rounds, Mode.OFF) * 100, spread(rounds, Mode.ON) * 100,
                busiest));
        md.append(!noise.isEmpty()
                ? "NOISY: " + String.join("; ", noise) + ". A verdict near a target is not reliable: run again on a"
                        + " quiet machine, or with more or longer rounds.\n"
                : "Noise is below what the targets resolve.\n");
        md.append('\n');
        md.append(String.format(Locale.ROOT, "Failed refreshes: %d in measured rounds (%d with the listener on),"
                        + " %d during warm-up%n", rounds.stream().mapToInt(Round::errors).sum(), on.errors(),
                checks.warmupErrors));
        md.append(String.format(Locale.ROOT, "Reuse detections on the benchmark's sessions (audit log): %d;"
                        + " listener ERROR lines in the server log: %d%n", checks.falseDetections, checks.listenerLogErrors));
        md.append(String.format(Locale.ROOT, "Canary (one replayed token, listener on) detected: %s%n",
                checks.canaryDetected ? "yes" : "NO"));
        Report.appendFailures(md, checks.errorSamples);
        md.append(Report.verdict(checks.passed(rounds), checks.problems(rounds)));
        return md.toString();
    }

    private static String row(String label, Round r) {
        return String.format(Locale.ROOT, "| %s | %s | %d | %.1f | %.2f | %.2f | %d | %.2f |%n", label,
                r.mode().label(), r.latencyMillis().length, r.perSecond(), r.p50(), r.p99(), r.errors(), r.otherCores());
    }

    private static double spread(List<Round> rounds, Mode mode) {
        return Latencies.spread(rounds.stream().filter(r -> r.mode() == mode).mapToDouble(Round::perSecond).toArray());
    }

    static String roundsCsv(List<Round> rounds) {
        StringBuilder csv = new StringBuilder(
                "round,listener,seconds,refreshes,refreshes_per_s,p50_ms,p99_ms,errors,other_cores\n");
        List<Round> all = new ArrayList<>(rounds);
        all.add(pooled(rounds, Mode.OFF));
        all.add(pooled(rounds, Mode.ON));
        for (Round r : all) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%.0f,%d,%.2f,%.3f,%.3f,%d,%.3f%n",
                    r.number() == 0 ? "all" : String.valueOf(r.number()), r.mode().label(), r.seconds(),
                    r.latencyMillis().length, r.perSecond(), r.p50(), r.p99(), r.errors(), r.otherCores()));
        }
        return csv.toString();
    }
}
