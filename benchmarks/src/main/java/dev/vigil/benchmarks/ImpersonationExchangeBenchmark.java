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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What does a Vigil impersonation cost next to the token exchange Keycloak does anyway? One confidential
 * client ({@code client_secret_basic}) exchanges the access tokens of signed-in support agents at the realm's
 * token endpoint in rounds of fixed length that alternate standard, vigil, standard, ..., standard on one
 * server: "standard" is Keycloak's standard token exchange (no {@code requested_subject}: a token of the
 * agent for the client), "vigil" is the same request with {@code requested_subject} and {@code reason}, which
 * {@code vigil-impersonation} answers with a token of the target (no stored session; one row in Vigil's table). Each thread
 * sends one request after the other; latency is each request's wall time at the client. Every failed exchange is
 * counted (a 403 would be the per-actor cap or a policy refusal: there must be none), every grant must reach the
 * audit trail, and a canary proves before the load that the policy really runs (a grant names target and actor, a
 * refused target is refused).
 *
 * <p>Every grant counts as an active impersonation of its actor for the executor's {@code lifetime-seconds} (60 in
 * the realm file, the least allowed) and writes one row that Vigil deletes within a minute after its token expires;
 * that removal runs on the server during whichever round is under way then. The realm allows 100 active impersonations per actor; the load spreads over
 * {@value #ACTORS} actors and never gives one more than {@value #ACTIVE_LIMIT} grants in any
 * {@code lifetime + 5 s}, waiting (outside the measured latency, reported) when all are that busy.
 *
 * <p>The modes run in cycles (standard, vigil, standard again as the A-versus-A control) in the loop every
 * alternating pair shares ({@link Alternation}). Goals: p50 latency and Keycloak CPU per exchange vigil/standard
 * <= 1.25. Knobs: see {@link BenchSettings} ({@code vigil.bench.threads}: 2).
 */
final class ImpersonationExchangeBenchmark {

    private static final String REALM = "vigil-bench-impersonation";
    private static final String CLIENT = "support-console";
    private static final String SECRET = "Bench-Console-Secret-9x4w2";
    private static final String UI_CLIENT = "support-ui";
    /** Users in the realm file: actor-0.. hold vigil-impersonator, target-0.. do not. */
    static final int ACTORS = 192;
    static final int TARGETS = 8;
    /** The executor's settings in the realm file. */
    static final int MAX_ACTIVE_PER_ACTOR = 100;
    static final int LIFETIME_SECONDS = 60;
    /** The most grants the benchmark gives one actor within {@link #ACTIVE_WINDOW}: a margin below the cap. */
    static final int ACTIVE_LIMIT = MAX_ACTIVE_PER_ACTOR - 5;
    private static final Duration ACTIVE_WINDOW = Duration.ofSeconds(LIFETIME_SECONDS + 5);
    private static final double RATIO_TARGET = 1.25;
    static final String CONTROL = "standard-again";
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
    /** Vigil's thread that deletes the rows of expired impersonations: work each grant leaves for a minute later. */
    static final String EXPIRY_THREAD = "vigil-impersonation-expiry";
    static final String TITLE = "Impersonation exchange vs Keycloak's standard token exchange";
    static final int WARMUP_CAP_SECONDS = 300;

    static ScenarioResult run() throws Exception {
        // A cap of 120 s stopped H2's warm-up before its plateau in every run (the first cycle then ran cold);
        // with 240-300 s it plateaued at 90-301 s in some runs and reached the cap in others (the report says which).
        BenchSettings settings = BenchSettings.fromSystemProperties(2, 5, 1, WARMUP_CAP_SECONDS);
        // Nimbus sends with HttpURLConnection, whose keep-alive cache holds 5 connections per host by default.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", String.valueOf(Math.max(5, settings.threads() + 2)));
        }
        long started = System.nanoTime();
        Checks checks = new Checks();
        List<Target> targets = List.of(Target.atMost(Metric.P50, RATIO_TARGET),
                Target.atMost(Metric.CPU_PER_REQUEST, RATIO_TARGET));
        Alternation.Result result;
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

            ProcessHandle server = keycloak.server().processHandle();
            Load.Request standard = w -> exchange(exchanger, Mode.STANDARD);
            Load.Request vigil = w -> exchange(exchanger, Mode.VIGIL);
            result = new Alternation(ID, List.of(
                    new Alternation.Mode(Mode.STANDARD.label(), () -> { }, standard, server),
                    new Alternation.Mode(Mode.VIGIL.label(), () -> { }, vigil, server),
                    new Alternation.Mode(CONTROL, () -> { }, standard, server)),
                    Alternation.Drive.saturation(settings.threads()), settings, started, List.of(server))
                    .deferring(new Alternation.Deferred(EXPIRY_THREAD, Mode.VIGIL.label()))
                    .run(rounds -> pair(rounds, targets, "").undecided());

            checks.grants = exchanger.grants.get();
            checks.waitedSeconds = exchanger.waitedNanos.get() / 1e9;
            checks.sessions = consoleSessions(keycloak);
            checks.grantsAudited = awaitGrantRecords(keycloak, grantsAuditedBefore + checks.grants) - grantsAuditedBefore;
            checks.logErrors = (int) keycloak.log().text().lines()
                    .filter(l -> l.contains(" ERROR ") && l.toLowerCase(Locale.ROOT).contains("vigil")).count();
        }
        checks.errors = result.warmupErrors() + result.rounds().stream().mapToInt(RoundResult::errors).sum();
        PairResult pair = pair(result.rounds(), targets, String.format(Locale.ROOT, "%s; standard = Keycloak's"
                        + " standard token exchange of an agent's token, vigil = the same request with requested_subject"
                        + " and reason, answered by vigil-impersonation with a token of the target (no stored session, one"
                        + " row in Vigil's table). Rounds of %d s after %d s unmeasured. Keycloak CPU of vigil counts the removal of"
                        + " expired impersonation rows (thread %s, a minute after their grants): whatever of it"
                        + " falls into any round of a cycle is moved to that cycle's vigil round. %s",
                Alternation.Drive.saturation(settings.threads()).text(), settings.roundSeconds(),
                settings.settleSeconds(), EXPIRY_THREAD, result.text(settings)));
        List<PairResult> pairs = List.of(pair, pair.control(result.rounds(), CONTROL));
        List<String> problems = checks.passed() ? List.of() : List.of(checks.problems());
        String detail = Report.detail(TITLE, String.format(Locale.ROOT, "Realm %s: client %s (client_secret_basic)"
                        + " exchanges the access tokens of %d actors signed in at %s. vigil: requested_subject one of %d"
                        + " targets and a reason (lifetime %d s, at most %d active per actor; the benchmark keeps each"
                        + " actor below %d in any %d s, waiting outside the measured latency when all are that busy).",
                REALM, CLIENT, ACTORS, UI_CLIENT, TARGETS, LIFETIME_SECONDS, MAX_ACTIVE_PER_ACTOR, ACTIVE_LIMIT,
                ACTIVE_WINDOW.toSeconds()), pairs, checks.lines(), problems, result.errorSamples());
        Report.write("impersonation-exchange", detail, Report.roundsCsv(result.rounds()),
                Report.latenciesCsv("mode", result.rounds()));
        return new ScenarioResult(ID, TITLE, "impersonation-exchange.md", pairs, List.of(), problems);
    }

    private static PairResult pair(List<RoundResult> rounds, List<Target> targets, String note) {
        return new PairResult("impersonation", "Token exchange at saturation", "exchange", Mode.STANDARD.label(),
                Mode.VIGIL.label(), rounds.stream().filter(r -> !r.modeLabel().equals(CONTROL)).toList(), targets,
                List.of(note));
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

    /** Active sessions of the exchanging client in the realm's session stats (impersonations store none). */
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
        final AtomicLong grants = new AtomicLong();
        final AtomicLong waitedNanos = new AtomicLong();

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

    /**
     * One exchange of {@code mode}: null when it returned a token, else what went wrong. An impersonation takes an
     * actor below the cap; when none is, it waits 20 ms and sends nothing ({@link Load#NOT_SENT}).
     */
    static String exchange(Exchanger exchanger, Mode mode) throws InterruptedException {
        int actor;
        String target = null;
        long sequence = exchanger.nextSequence();
        if (mode == Mode.VIGIL) {
            actor = exchanger.ledger.reserve();
            if (actor < 0) {
                long w0 = System.nanoTime();
                // Pacing: an actor frees up when one of its grants leaves the window, nothing to be told of.
                Thread.sleep(20);
                exchanger.waitedNanos.addAndGet(System.nanoTime() - w0);
                return Load.NOT_SENT;
            }
            target = "target-" + Math.floorMod(sequence, TARGETS);
        } else {
            actor = exchanger.nextStandardActor();
        }
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
        if (mode == Mode.VIGIL) {
            exchanger.ledger.release(actor, failure == null, System.nanoTime());
            if (failure == null) {
                exchanger.grants.incrementAndGet();
            }
        }
        return failure == null ? null : mode.label() + " as " + exchanger.actorUsername(actor)
                + (target == null ? "" : " for " + target) + ": " + failure;
    }

    /**
     * The status and, for an OAuth error answer, its error and description: never the rest of a body, which may
     * carry a token (an exchange that should have been refused and was not).
     */
    private static String describe(HTTPResponse response) {
        String error = null;
        String description = null;
        try {
            JsonNode body = JSON.readTree(response.getBody() == null ? "" : response.getBody());
            if (body != null) {
                error = body.path("error").asText(null);
                description = body.path("error_description").asText(null);
            }
        } catch (IOException | RuntimeException e) {
            // not JSON: the status says enough
        }
        return "HTTP " + response.getStatusCode() + (error == null ? "" : " " + error)
                + (description == null ? "" : ": " + description);
    }

    static final class Checks {
        /** Null when the canary held, else what went wrong. */
        String canaryProblem = "the canary did not run";
        int errors;
        /** Impersonations granted during warm-up and rounds (the canary's is counted by the audit baseline). */
        long grants;
        long grantsAudited;
        int logErrors;
        long sessions;
        double waitedSeconds;

        boolean passed() {
            return canaryProblem == null && errors == 0 && grantsAudited == grants && logErrors == 0;
        }

        List<String> lines() {
            return List.of(String.format(Locale.ROOT, "Failed exchanges (warm-up and rounds): %d. Impersonations"
                            + " granted: %d; IMPERSONATION granted audit records for them: %d; ERROR lines about Vigil"
                            + " or the realm in the server log: %d. Active sessions of %s at the end: %d. Threads waited"
                            + " %.1f s in all for an actor below the cap (outside the measured latencies). Canary"
                            + " (standard token of the actor; impersonation token of the target acted by the actor; an"
                            + " impersonator refused as target): %s.", errors, grants, grantsAudited, logErrors, CLIENT,
                    sessions, waitedSeconds, canaryProblem == null ? "held" : "FAILED, " + canaryProblem));
        }

        String problems() {
            List<String> problems = new ArrayList<>();
            if (canaryProblem != null) {
                problems.add("canary: " + canaryProblem);
            }
            if (errors > 0) {
                problems.add(errors + " exchanges failed");
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
}
