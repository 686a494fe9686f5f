package dev.vigil.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.TokenTypeURI;
import com.nimbusds.oauth2.sdk.tokenexchange.TokenExchangeGrant;
import dev.vigil.testing.TestKeycloak;
import dev.vigil.testing.client.FormLogin;
import dev.vigil.testing.client.OidcClient;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What does a Vigil impersonation cost next to the token exchange Keycloak does anyway? One confidential
 * client ({@code client_secret_basic}) exchanges the access tokens of signed-in support agents at the realm's
 * token endpoint in rounds of fixed length that alternate standard, vigil, standard, ..., standard on one
 * server: "standard" is Keycloak's standard token exchange (no {@code requested_subject}: a token of the
 * agent for the client), "vigil" is the same request with {@code requested_subject} and {@code reason}, which
 * {@code vigil-impersonation} answers with a token of the target in a user session of its own. Each thread
 * sends one request after the other; latency is each request's wall time at the client. Goal: median
 * vigil/standard <= 1.25. Every failed exchange is counted (a 403 would be the per-actor cap or a policy
 * refusal: there must be none), every grant must reach the audit trail, and a canary proves before the load
 * that the policy really runs (a grant names target and actor, a refused target is refused).
 *
 * <p>Every grant creates a user session that counts as an active impersonation of its actor for the executor's
 * {@code lifetime-seconds} (60 in the realm file, the least allowed) and stays in the session store until Vigil
 * ends it, just after its token expires; that removal runs on the server during whichever round is under way
 * then. The realm allows 100 active impersonations per actor; the load spreads over
 * {@value #ACTORS} actors and never gives one more than {@value #ACTIVE_LIMIT} grants in any
 * {@code lifetime + 5 s}, waiting (outside the measured latency, reported) when all are that busy.
 *
 * <p>Alternation that starts and ends with the baseline puts both modes at the same mean position in the run,
 * so a steady drift cancels out of the pooled comparison; each vigil round is also compared with the mean of
 * the two standard rounds around it, next to the number of sessions the store held by then.
 *
 * <p>Knobs (system properties; blank means the default): {@code vigil.bench.threads} (2),
 * {@code vigil.bench.rounds} (7, odd), {@code vigil.bench.round-seconds} (15),
 * {@code vigil.bench.warmup-seconds} (30, half per mode), {@code vigil.bench.settle-seconds} (1, unmeasured
 * load at the start of each round). About 4 minutes with the defaults, server start included.
 */
final class ImpersonationExchangeBenchmark {

    private static final String REALM = "vigil-bench-impersonation";
    private static final String CLIENT = "support-console";
    private static final String SECRET = "Bench-Console-Secret-9x4w2";
    private static final String UI_CLIENT = "support-ui";
    /** Users in the realm file: actor-0.. hold vigil-impersonator, target-0.. do not. */
    static final int ACTORS = 64;
    static final int TARGETS = 8;
    /** The executor's settings in the realm file. */
    static final int MAX_ACTIVE_PER_ACTOR = 100;
    static final int LIFETIME_SECONDS = 60;
    /** The most grants the benchmark gives one actor within {@link #ACTIVE_WINDOW}: a margin below the cap. */
    static final int ACTIVE_LIMIT = MAX_ACTIVE_PER_ACTOR - 5;
    private static final Duration ACTIVE_WINDOW = Duration.ofSeconds(LIFETIME_SECONDS + 5);
    private static final double RATIO_TARGET = 1.25;
    /** More CPU than this taken by other processes during a round (in cores) makes the run noisy. */
    private static final double OTHER_CPU_LIMIT = 0.2;
    /** How long a round may overrun before the benchmark gives up. */
    private static final Duration OVERRUN = Duration.ofSeconds(60);
    /** A request that takes longer than this fails (and is counted) instead of hanging the run. */
    private static final int READ_TIMEOUT_MILLIS = 30_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ImpersonationExchangeBenchmark() {
    }

    enum Mode {
        STANDARD, VIGIL;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final String ID = "impersonation";
    static final String TITLE = "Impersonation exchange vs Keycloak's standard token exchange";

    static ScenarioResult run() throws Exception {
        BenchSettings settings = BenchSettings.fromSystemProperties(2, 7, 15, 30, 1, Mode.STANDARD.label(),
                Mode.VIGIL.label());
        // Nimbus sends with HttpURLConnection, whose keep-alive cache holds 5 connections per host by default.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", String.valueOf(Math.max(5, settings.threads() + 2)));
        }
        String loadBefore = MachineLoad.loadAverage();
        long started = System.nanoTime();
        List<Round> rounds = new ArrayList<>();
        Checks checks = new Checks();
        ExecutorService pool = Executors.newFixedThreadPool(settings.threads(), new DaemonThreads("exchange"));
        try (TestKeycloak keycloak = TestKeycloak.start()) {
            keycloak.importRealm("realms/" + REALM + ".json");
            OidcClient ui = new OidcClient(keycloak.realmUrl(REALM), UI_CLIENT);
            List<AccessToken> actorTokens = new ArrayList<>();
            for (int i = 0; i < ACTORS; i++) {
                AccessToken token = ui.login(new FormLogin(), "actor-" + i, "actor-" + i + "-Password-1").getAccessToken();
                if (token == null) {
                    throw new IllegalStateException("login of actor-" + i + " returned no access token");
                }
                actorTokens.add(token);
            }
            Exchanger exchanger = new Exchanger(URI.create(keycloak.realmUrl(REALM) + "/protocol/openid-connect/token"),
                    actorTokens);

            checks.canaryProblem = canary(keycloak, exchanger);
            // The canary's grant is audited after its commit: count it before the load's grants are.
            int grantsAuditedBefore = awaitGrantRecords(keycloak, checks.canaryProblem == null ? 1 : 0);

            for (Mode mode : Mode.values()) {
                Phase warm = runPhase(pool, exchanger, mode, settings.threads(), 0, settings.warmupSeconds() / 2.0);
                checks.warmupErrors += warm.errors;
                checks.grants += mode == Mode.VIGIL ? warm.successes : 0;
                checks.errorSamples.addAll(warm.errorSamples);
            }

            for (int r = 0; r < settings.rounds(); r++) {
                Mode mode = r % 2 == 0 ? Mode.STANDARD : Mode.VIGIL;
                MachineLoad.Snapshot cpuBefore = MachineLoad.snapshot();
                double serverCpuBefore = MachineLoad.serverCpuSeconds();
                Phase phase = runPhase(pool, exchanger, mode, settings.threads(), settings.settleSeconds(),
                        settings.roundSeconds());
                double otherCores = MachineLoad.snapshot().otherCoresSince(cpuBefore);
                // The server's CPU over the whole round, settle included, scaled to the measured part.
                double serverCpu = (MachineLoad.serverCpuSeconds() - serverCpuBefore) * settings.roundSeconds()
                        / (settings.roundSeconds() + settings.settleSeconds());
                checks.grants += mode == Mode.VIGIL ? phase.successes : 0;
                Round round = new Round(r + 1, mode, phase.measuredSeconds, phase.latencyMillis(),
                        phase.completedAt(started), phase.errors, otherCores, consoleSessions(keycloak),
                        phase.waitedNanos / 1e9, serverCpu);
                rounds.add(round);
                checks.errorSamples.addAll(phase.errorSamples);
                System.out.println(round.summary());
            }

            checks.grantsAudited = awaitGrantRecords(keycloak, grantsAuditedBefore + checks.grants) - grantsAuditedBefore;
            checks.logErrors = (int) keycloak.log().text().lines()
                    .filter(l -> l.contains(" ERROR ") && l.toLowerCase(Locale.ROOT).contains("vigil")).count();
        } finally {
            pool.shutdownNow();
        }
        double minutes = (System.nanoTime() - started) / 60e9;

        String report = report(settings, rounds, checks, loadBefore, minutes);
        Report.write("impersonation-exchange", report, roundsCsv(rounds), Report.latenciesCsv("mode", rounds));
        PairResult pair = new PairResult("impersonation", "Token exchange at saturation", "exchange",
                Mode.STANDARD.label(), Mode.VIGIL.label(), rounds.stream().map(RoundResult::of).toList(),
                List.of(Target.atMost(Metric.P50, RATIO_TARGET)),
                List.of(String.format(Locale.ROOT, "%d threads; standard = Keycloak's standard token exchange of an"
                                + " agent's token, vigil = the same request with requested_subject and reason, answered"
                                + " by vigil-impersonation with a token of the target in a user session of its own."
                                + " Rounds of %d s after %d s unmeasured, warm-up %d s.", settings.threads(),
                        settings.roundSeconds(), settings.settleSeconds(), settings.warmupSeconds())));
        return new ScenarioResult(ID, TITLE, "impersonation-exchange.md", List.of(pair), List.of(),
                checks.passed(rounds) ? List.of() : List.of(checks.problems(rounds)));
    }

    // --- the server side -------------------------------------------------------------------------

    /**
     * Proves that both modes do what they are meant to before the load: a standard exchange returns a token
     * of the actor without {@code act}; an impersonation a token of the target whose {@code act} names the
     * actor, without a refresh token; an impersonation of another impersonator is refused. Null when all held.
     */
    private static String canary(TestKeycloak keycloak, Exchanger exchanger) {
        try {
            String actorId = userId(keycloak, "actor-0");
            HTTPResponse standard = exchanger.send(Mode.STANDARD, 0, null, 0);
            if (standard.getStatusCode() != 200) {
                return "the standard exchange answered " + describe(standard);
            }
            JWTClaimsSet own = claims(standard);
            if (!actorId.equals(own.getSubject()) || own.getClaim("act") != null) {
                return "the standard exchange returned a token of " + own.getSubject() + " with act "
                        + own.getClaim("act") + ", wanted actor-0 (" + actorId + ") without act";
            }
            int slot = exchanger.ledger.reserve();
            HTTPResponse vigil = exchanger.send(Mode.VIGIL, slot, "target-0", 0);
            exchanger.ledger.release(slot, vigil.getStatusCode() == 200, System.nanoTime());
            if (vigil.getStatusCode() != 200) {
                return "the impersonation answered " + describe(vigil);
            }
            JWTClaimsSet target = claims(vigil);
            Object act = target.getJSONObjectClaim("act") == null ? null : target.getJSONObjectClaim("act").get("sub");
            String actor = exchanger.actorUsername(slot);
            if (!userId(keycloak, "target-0").equals(target.getSubject()) || !userId(keycloak, actor).equals(act)
                    || JSON.readTree(vigil.getBody()).has("refresh_token")) {
                return "the impersonation returned a token of " + target.getSubject() + " acted by " + act
                        + " (wanted target-0 acted by " + actor + ") or a refresh token";
            }
            HTTPResponse refused = exchanger.send(Mode.VIGIL, 0, "actor-1", 0);
            if (refused.getStatusCode() != 403) {
                return "impersonating another impersonator answered " + describe(refused) + ", wanted 403: is the"
                        + " vigil-impersonation policy running?";
            }
            return null;
        } catch (IOException | java.text.ParseException | RuntimeException e) {
            return "the canary failed: " + e;
        }
    }

    private static JWTClaimsSet claims(HTTPResponse response) throws IOException, java.text.ParseException {
        return SignedJWT.parse(JSON.readTree(response.getBody()).path("access_token").asText()).getJWTClaimsSet();
    }

    private static String userId(TestKeycloak keycloak, String username) {
        return keycloak.admin().realm(REALM).users().searchByUsername(username, true).get(0).getId();
    }

    /** Active sessions of the exchanging client in the realm's session stats: every impersonation leaves one. */
    private static long consoleSessions(TestKeycloak keycloak) {
        try {
            return keycloak.admin().realm(REALM).getClientSessionStats().stream()
                    .filter(stats -> CLIENT.equals(stats.get("clientId")))
                    .mapToLong(stats -> Long.parseLong(String.valueOf(stats.get("active"))))
                    .sum();
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static int grantRecords(TestKeycloak keycloak) {
        return (int) keycloak.log().auditRecords().stream()
                .filter(r -> REALM.equals(r.path("realm").asText())
                        && "IMPERSONATION".equals(r.path("type").asText())
                        && "granted".equals(r.path("details").path("decision").asText()))
                .count();
    }

    /** Audit records are written after their transaction commits: waits up to 10 s for {@code expected}. */
    private static int awaitGrantRecords(TestKeycloak keycloak, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int seen = grantRecords(keycloak);
        while (seen < expected && System.nanoTime() < deadline) {
            Thread.sleep(500);
            seen = grantRecords(keycloak);
        }
        return seen;
    }

    // --- the load --------------------------------------------------------------------------------

    /**
     * Which actor may be given the next impersonation: every actor's grants of the last
     * {@link #ACTIVE_WINDOW} (answered, or still in flight) stay below {@link #ACTIVE_LIMIT}, so the server's
     * cap of {@link #MAX_ACTIVE_PER_ACTOR} unexpired impersonations is never reached.
     */
    static final class ActorLedger {
        private final List<ArrayDeque<Long>> answered = new ArrayList<>();
        private final int[] inFlight;
        private int cursor;

        ActorLedger(int actors) {
            for (int i = 0; i < actors; i++) {
                answered.add(new ArrayDeque<>());
            }
            inFlight = new int[actors];
        }

        /** An actor with room for one more grant, now counted as in flight; -1 when every actor is at the limit. */
        synchronized int reserve() {
            long horizon = System.nanoTime() - ACTIVE_WINDOW.toNanos();
            for (int n = 0; n < inFlight.length; n++) {
                int i = (cursor + n) % inFlight.length;
                ArrayDeque<Long> times = answered.get(i);
                while (!times.isEmpty() && times.peekFirst() < horizon) {
                    times.pollFirst();
                }
                if (times.size() + inFlight[i] < ACTIVE_LIMIT) {
                    inFlight[i]++;
                    cursor = i + 1;
                    return i;
                }
            }
            return -1;
        }

        /** The request of {@code actor} is answered at {@code nanoTime}; a grant counts for the window from then. */
        synchronized void release(int actor, boolean granted, long nanoTime) {
            inFlight[actor]--;
            if (granted) {
                answered.get(actor).addLast(nanoTime);
            }
        }
    }

    /** Sends the exchanges: the client, the actors' access tokens, and whose turn it is. */
    static final class Exchanger {
        private final URI tokenEndpoint;
        private final ClientAuthentication auth = new ClientSecretBasic(new ClientID(CLIENT), new Secret(SECRET));
        private final List<AccessToken> actorTokens;
        final ActorLedger ledger;
        private final AtomicInteger nextActor = new AtomicInteger();
        private final AtomicLong sequence = new AtomicLong();

        Exchanger(URI tokenEndpoint, List<AccessToken> actorTokens) {
            this.tokenEndpoint = tokenEndpoint;
            this.actorTokens = List.copyOf(actorTokens);
            this.ledger = new ActorLedger(actorTokens.size());
        }

        String actorUsername(int actor) {
            return "actor-" + actor;
        }

        int nextStandardActor() {
            return Math.floorMod(nextActor.getAndIncrement(), actorTokens.size());
        }

        long nextSequence() {
            return sequence.getAndIncrement();
        }

        /** One token-exchange request with actor {@code actor}'s access token; {@code target} only for vigil. */
        HTTPResponse send(Mode mode, int actor, String target, long sequence) throws IOException {
            Map<String, List<String>> params = mode == Mode.VIGIL
                    ? Map.of("requested_subject", List.of(target), "reason", List.of("BENCH-" + sequence + " load test"))
                    : Map.of();
            HTTPRequest http = new TokenRequest(tokenEndpoint, auth,
                    new TokenExchangeGrant(new BearerAccessToken(actorTokens.get(actor).getValue()), TokenTypeURI.ACCESS_TOKEN),
                    null, null, params).toHTTPRequest();
            http.setConnectTimeout(READ_TIMEOUT_MILLIS);
            http.setReadTimeout(READ_TIMEOUT_MILLIS);
            return http.send();
        }
    }

    record WorkerResult(LongList latencies, LongList completedAt, int successes, int errors, List<String> errorSamples,
                        long waitedNanos) {
    }

    /**
     * One thread's requests until {@code end}: keeps the latency of each success that completes within
     * [{@code measureStart}, {@code end}). Counts every other answer as an error.
     */
    static WorkerResult work(Exchanger exchanger, Mode mode, long measureStart, long end) throws InterruptedException {
        LongList latencies = new LongList();
        LongList completedAt = new LongList();
        int successes = 0;
        int errors = 0;
        long waited = 0;
        List<String> samples = new ArrayList<>();
        while (System.nanoTime() < end) {
            int actor;
            String target = null;
            long sequence = exchanger.nextSequence();
            if (mode == Mode.VIGIL) {
                actor = exchanger.ledger.reserve();
                if (actor < 0) {
                    long w0 = System.nanoTime();
                    Thread.sleep(20);
                    long w1 = System.nanoTime();
                    if (w1 >= measureStart) {
                        waited += w1 - Math.max(w0, measureStart);
                    }
                    continue;
                }
                target = "target-" + Math.floorMod(sequence, TARGETS);
            } else {
                actor = exchanger.nextStandardActor();
            }
            long t0 = System.nanoTime();
            String failure = null;
            try {
                HTTPResponse response = exchanger.send(mode, actor, target, sequence);
                String body = response.getBody();
                if (response.getStatusCode() != 200 || body == null || !body.contains("\"access_token\"")) {
                    failure = describe(response);
                }
            } catch (IOException | RuntimeException e) {
                failure = e.toString();
            }
            long t1 = System.nanoTime();
            if (mode == Mode.VIGIL) {
                exchanger.ledger.release(actor, failure == null, t1);
            }
            if (failure == null) {
                successes++;
                if (t1 >= measureStart && t1 < end) {
                    latencies.add(t1 - t0);
                    completedAt.add(t1);
                }
            } else {
                errors++;
                if (samples.size() < 5) {
                    samples.add(mode.label() + " as " + exchanger.actorUsername(actor)
                            + (target == null ? "" : " for " + target) + ": " + failure);
                }
            }
        }
        return new WorkerResult(latencies, completedAt, successes, errors, samples, waited);
    }

    private static String describe(HTTPResponse response) {
        String body = response.getBody() == null ? "" : response.getBody();
        return "HTTP " + response.getStatusCode() + " " + (body.length() > 200 ? body.substring(0, 200) + "..." : body);
    }

    /** The requests of one phase, all threads together. */
    static final class Phase {
        final double measuredSeconds;
        final LongList latencies = new LongList();
        final LongList completedAt = new LongList();
        int successes;
        int errors;
        long waitedNanos;
        final List<String> errorSamples = new ArrayList<>();

        Phase(double measuredSeconds) {
            this.measuredSeconds = measuredSeconds;
        }

        double[] latencyMillis() {
            return latencies.nanosAsMillis();
        }

        /** When each measured request completed, in seconds since {@code origin} (a nanoTime). */
        double[] completedAt(long origin) {
            return completedAt.secondsSince(origin);
        }
    }

    /** All threads send {@code mode} requests for {@code settleSeconds} unmeasured, then {@code measureSeconds} measured. */
    private static Phase runPhase(ExecutorService pool, Exchanger exchanger, Mode mode, int threads,
                                  double settleSeconds, double measureSeconds) throws InterruptedException {
        long start = System.nanoTime();
        long measureStart = start + (long) (settleSeconds * 1e9);
        long end = measureStart + (long) (measureSeconds * 1e9);
        List<Future<WorkerResult>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            futures.add(pool.submit(() -> work(exchanger, mode, measureStart, end)));
        }
        Phase phase = new Phase(measureSeconds);
        for (Future<WorkerResult> future : futures) {
            long waitNanos = Math.max(0, end - System.nanoTime()) + OVERRUN.toNanos();
            try {
                WorkerResult result = future.get(waitNanos, TimeUnit.NANOSECONDS);
                phase.latencies.addAll(result.latencies());
                phase.completedAt.addAll(result.completedAt());
                phase.successes += result.successes();
                phase.errors += result.errors();
                phase.waitedNanos += result.waitedNanos();
                phase.errorSamples.addAll(result.errorSamples());
            } catch (ExecutionException e) {
                throw new IllegalStateException("an exchange thread failed", e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException("an exchange did not answer within " + OVERRUN.toSeconds()
                        + " s after the round ended");
            }
        }
        return phase;
    }

    // --- results ---------------------------------------------------------------------------------

    /**
     * @param completedAt     when each request of {@code latencyMillis} completed, seconds since the benchmark began
     * @param otherCores      CPU the rest of the machine (not this JVM, not its Keycloak) used meanwhile, in cores
     * @param sessions        active sessions of the exchanging client after the round (-1 unknown)
     * @param waitedSeconds   thread-seconds spent waiting for an actor below the cap (vigil only)
     * @param serverCpuSeconds CPU the Keycloak server used during the measured part of the round (NaN unknown)
     */
    record Round(int number, Mode mode, double seconds, double[] latencyMillis, double[] completedAt, int errors,
                 double otherCores, long sessions, double waitedSeconds, double serverCpuSeconds) implements MeasuredRound {

        /** Server CPU per exchange, ms: what one exchange costs, however busy the rest of the machine was. */
        double serverCpuMillis() {
            return serverCpuSeconds * 1000 / latencyMillis.length;
        }

        @Override
        public String modeLabel() {
            return mode.label();
        }

        double p95() {
            return percentile(95);
        }

        String summary() {
            return String.format(Locale.ROOT, "round %d, %s: %d exchanges in %.0f s = %.1f/s, p50 %.2f ms, p95 %.2f ms,"
                            + " p99 %.2f ms, server CPU %.2f ms/exchange, %d errors, %d client sessions, other processes %.2f cores",
                    number, mode.label(), latencyMillis.length, seconds, perSecond(), p50(), p95(), p99(),
                    serverCpuMillis(), errors, sessions, otherCores);
        }
    }

    /** The rounds of one mode pooled: all their requests over all their seconds. */
    private static Round pooled(List<Round> rounds, Mode mode) {
        List<Round> of = rounds.stream().filter(r -> r.mode() == mode).toList();
        double seconds = of.stream().mapToDouble(Round::seconds).sum();
        double[] all = of.stream().flatMapToDouble(r -> Arrays.stream(r.latencyMillis())).toArray();
        double[] at = of.stream().flatMapToDouble(r -> Arrays.stream(r.completedAt())).toArray();
        return new Round(0, mode, seconds, all, at, of.stream().mapToInt(Round::errors).sum(),
                of.stream().mapToDouble(Round::otherCores).average().orElse(Double.NaN),
                of.stream().mapToLong(Round::sessions).max().orElse(-1),
                of.stream().mapToDouble(Round::waitedSeconds).sum(),
                of.stream().mapToDouble(Round::serverCpuSeconds).sum());
    }

    static final class Checks {
        /** Null when the canary held, else what went wrong. */
        String canaryProblem = "the canary did not run";
        int warmupErrors;
        /** Impersonations granted during warm-up and rounds (the canary's is counted by the audit baseline). */
        long grants;
        long grantsAudited;
        int logErrors;
        final List<String> errorSamples = new ArrayList<>();

        int errors(List<Round> rounds) {
            return warmupErrors + rounds.stream().mapToInt(Round::errors).sum();
        }

        boolean passed(List<Round> rounds) {
            return canaryProblem == null && errors(rounds) == 0 && grantsAudited == grants && logErrors == 0;
        }

        String problems(List<Round> rounds) {
            List<String> problems = new ArrayList<>();
            if (canaryProblem != null) {
                problems.add("canary: " + canaryProblem);
            }
            if (errors(rounds) > 0) {
                problems.add(errors(rounds) + " exchanges failed");
            }
            if (grantsAudited != grants) {
                problems.add(grantsAudited + " IMPERSONATION granted audit records for " + grants + " grants");
            }
            if (logErrors > 0) {
                problems.add(logErrors + " ERROR lines about Vigil or the benchmark realm in the server log");
            }
            return String.join("; ", problems);
        }
    }

    static String report(BenchSettings settings, List<Round> rounds, Checks checks, String loadBefore, double minutes) {
        StringBuilder md = new StringBuilder();
        md.append("Impersonation exchange latency, vigil-impersonation vs Keycloak's standard token exchange\n\n");
        md.append(String.format(Locale.ROOT, "Realm %s: client %s (client_secret_basic) exchanges the access tokens of"
                        + " %d actors signed in at %s (audience %s). standard: no requested_subject, a token of the actor"
                        + " for the client; vigil: requested_subject one of %d targets and a reason (lifetime %d s, at most"
                        + " %d active per actor; the benchmark keeps each actor below %d in any %d s). %d threads, each"
                        + " sending one request after the other, %d cores shared by Keycloak and this client. %d rounds of"
                        + " %d s (after %d s unmeasured each), warm-up %d s; load average before the server started: %s;"
                        + " %.1f min in all.%n"
                        + "Latency is the client's wall time of one token request (Nimbus, keep-alive), ms. \"sessions\""
                        + " is the active sessions of %s in the realm's session stats (admin API) after the round: every"
                        + " impersonation left one, which Vigil ends just after its token expires (%d s after the grant)."
                        + " \"other\" is the CPU the rest of the"
                        + " machine used during the round, in cores.%n%n",
                REALM, CLIENT, ACTORS, UI_CLIENT, CLIENT, TARGETS, LIFETIME_SECONDS, MAX_ACTIVE_PER_ACTOR, ACTIVE_LIMIT,
                ACTIVE_WINDOW.toSeconds(), settings.threads(), Runtime.getRuntime().availableProcessors(), rounds.size(),
                settings.roundSeconds(), settings.settleSeconds(), settings.warmupSeconds(), loadBefore, minutes, CLIENT,
                LIFETIME_SECONDS));
        md.append("| round | mode | exchanges | exchanges/s | p50 | p95 | p99 | server CPU | errors | sessions | other |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Round r : rounds) {
            md.append(row(String.valueOf(r.number()), r));
        }
        Round standard = pooled(rounds, Mode.STANDARD);
        Round vigil = pooled(rounds, Mode.VIGIL);
        md.append(row("all", standard)).append(row("all", vigil)).append('\n');

        // Noise: each vigil round against the mean of the standard rounds around it, and the other load.
        double[] bracket = new double[rounds.size() / 2];
        long[] sessionsThen = new long[rounds.size() / 2];
        for (int i = 1; i + 1 < rounds.size(); i += 2) {
            Round before = rounds.get(i - 1);
            Round after = rounds.get(i + 1);
            bracket[i / 2] = rounds.get(i).p50() / ((before.p50() + after.p50()) / 2);
            sessionsThen[i / 2] = rounds.get(i).sessions();
        }
        double bracketRange = Latencies.max(bracket) - Latencies.min(bracket);
        double standardSpread = spread(rounds, Mode.STANDARD);
        double busiest = rounds.stream().mapToDouble(Round::otherCores).max().orElse(Double.NaN);
        double margin = RATIO_TARGET - 1;
        List<String> noise = new ArrayList<>();
        if (standardSpread > margin / 2) {
            noise.add(String.format(Locale.ROOT, "the medians of the standard rounds, the same work each time, spread"
                    + " wider than %.1f %% (half the margin the target leaves)", margin / 2 * 100));
        }
        if (bracketRange > margin) {
            noise.add(String.format(Locale.ROOT, "the vigil/standard median ratios of single rounds spread wider than"
                    + " the %.2f the target allows", margin));
        }
        if (busiest > OTHER_CPU_LIMIT) {
            noise.add(String.format(Locale.ROOT, "other processes took more than %.1f cores in a round", OTHER_CPU_LIMIT));
        }
        double p50 = vigil.p50() / standard.p50();
        String caveat = noise.isEmpty() ? "" : " (NOISY, see below)";
        md.append(String.format(Locale.ROOT, "Median vigil/standard = %.3f (%.2f ms / %.2f ms; target <= %.2f): %s%s%n",
                p50, vigil.p50(), standard.p50(), RATIO_TARGET, p50 <= RATIO_TARGET ? "met" : "MISSED", caveat));
        md.append(String.format(Locale.ROOT, "p95 vigil/standard = %.3f, p99 vigil/standard = %.3f (no target)%n",
                vigil.p95() / standard.p95(), vigil.p99() / standard.p99()));
        md.append(String.format(Locale.ROOT, "Server CPU per exchange: %.2f ms standard, %.2f ms vigil, vigil/standard ="
                + " %.3f (no target; unlike latency it hardly depends on what else runs on the machine; an impersonation's"
                + " session removal at expiry counts in the round it happens in)%n", standard.serverCpuMillis(),
                vigil.serverCpuMillis(), vigil.serverCpuMillis() / standard.serverCpuMillis()));
        md.append(String.format(Locale.ROOT, "Throughput: %.1f/s standard, %.1f/s vigil, vigil/standard = %.3f (no"
                + " target)%n", standard.perSecond(), vigil.perSecond(), vigil.perSecond() / standard.perSecond()));
        md.append(String.format(Locale.ROOT, "Each vigil round's median / mean of the standard rounds' around it: %s"
                + " (sessions after those rounds: %s)%n", Report.list(bracket), Report.list(sessionsThen)));
        md.append(String.format(Locale.ROOT, "Noise: those ratios span %.3f; same-mode rounds' medians differ by %.1f %%"
                        + " (standard) and %.1f %% (vigil), (max - min) / mean; other processes used up to %.2f cores in a"
                        + " round.%n", bracketRange, standardSpread * 100, spread(rounds, Mode.VIGIL) * 100, busiest));
        md.append(!noise.isEmpty()
                ? "NOISY: " + String.join("; ", noise) + ". A verdict near the target is not reliable: run again on a"
                        + " quiet machine, or with more or longer rounds.\n"
                : "Noise is below what the target resolves.\n");
        if (bracket.length >= 2 && bracket[bracket.length - 1] - bracket[0] > Math.max(0.05, standardSpread)) {
            md.append(String.format(Locale.ROOT, "TREND: the vigil/standard ratio rose from %.3f to %.3f over the run"
                            + " while the sessions grew from %d to %d, beyond the standard rounds' own spread: the cost of"
                            + " an impersonation grows with the sessions in the store, so the pooled ratio depends on how"
                            + " long the run was.%n", bracket[0], bracket[bracket.length - 1], sessionsThen[0],
                    sessionsThen[sessionsThen.length - 1]));
        }
        if (vigil.waitedSeconds() > 0) {
            md.append(String.format(Locale.ROOT, "Threads waited %.1f s in measured vigil rounds for an actor below the"
                    + " cap: vigil throughput is lower than the server's (latencies are unaffected).%n",
                    vigil.waitedSeconds()));
        }
        md.append('\n');
        md.append(String.format(Locale.ROOT, "Failed exchanges: %d in measured rounds (%d vigil), %d during warm-up%n",
                rounds.stream().mapToInt(Round::errors).sum(), vigil.errors(), checks.warmupErrors));
        md.append(String.format(Locale.ROOT, "Impersonations granted during warm-up and rounds: %d; IMPERSONATION"
                        + " granted audit records for them: %d; ERROR lines about Vigil or the realm in the server log: %d%n",
                checks.grants, checks.grantsAudited, checks.logErrors));
        md.append(String.format(Locale.ROOT, "Canary (standard token of the actor; impersonation token of the target"
                + " acted by the actor; an impersonator refused as target): %s%n",
                checks.canaryProblem == null ? "held" : "FAILED, " + checks.canaryProblem));
        Report.appendFailures(md, checks.errorSamples);
        md.append(Report.verdict(checks.passed(rounds), checks.problems(rounds)));
        return md.toString();
    }

    private static String row(String label, Round r) {
        return String.format(Locale.ROOT, "| %s | %s | %d | %.1f | %.2f | %.2f | %.2f | %.2f | %d | %d | %.2f |%n", label,
                r.mode().label(), r.latencyMillis().length, r.perSecond(), r.p50(), r.p95(), r.p99(), r.serverCpuMillis(),
                r.errors(), r.sessions(), r.otherCores());
    }

    /** (max - min) / mean of the medians of the rounds of {@code mode}. */
    private static double spread(List<Round> rounds, Mode mode) {
        return Latencies.spread(rounds.stream().filter(r -> r.mode() == mode).mapToDouble(Round::p50).toArray());
    }

    static String roundsCsv(List<Round> rounds) {
        StringBuilder csv = new StringBuilder("round,mode,seconds,exchanges,exchanges_per_s,p50_ms,p95_ms,p99_ms,errors,"
                + "sessions,waited_s,other_cores,server_cpu_ms_per_exchange\n");
        List<Round> all = new ArrayList<>(rounds);
        all.add(pooled(rounds, Mode.STANDARD));
        all.add(pooled(rounds, Mode.VIGIL));
        for (Round r : all) {
            csv.append(String.format(Locale.ROOT, "%s,%s,%.0f,%d,%.2f,%.3f,%.3f,%.3f,%d,%d,%.1f,%.3f,%.3f%n",
                    r.number() == 0 ? "all" : String.valueOf(r.number()), r.mode().label(), r.seconds(),
                    r.latencyMillis().length, r.perSecond(), r.p50(), r.p95(), r.p99(), r.errors(), r.sessions(),
                    r.waitedSeconds(), r.otherCores(), r.serverCpuMillis()));
        }
        return csv.toString();
    }
}
