package dev.vigil.benchmarks;

import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import dev.vigil.testing.TestKeycloak;
import dev.vigil.testing.client.FormLogin;
import dev.vigil.testing.client.OidcClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.keycloak.representations.idm.RealmEventsConfigRepresentation;

/**
 * What does {@code vigil-refresh-reuse} cost a refresh grant? Several threads, each with a user session of its
 * own, refresh with the newest refresh token (rotation on), first at saturation (as fast as the server answers),
 * then at a fixed rate ({@link RefreshFixedRate}), each in cycles of rounds: listener off, on, and off again (the
 * A-versus-A control), in the loop every alternating pair shares ({@link Alternation}). Goals: throughput
 * on/off >= 0.97, p99 on/off <= 1.05 and Keycloak CPU per refresh on/off <= 1.03 (the throughput target said of
 * CPU). Every failed refresh is counted: with the listener on, one would be a session revoked for a theft that did
 * not happen. Loopback only; bounded in time.
 *
 * <p>Knobs: see {@link BenchSettings} ({@code vigil.bench.threads}: 2 x cores).
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
    /** The throughput target said of CPU: 1 / 0.97. */
    private static final double CPU_TARGET = 1.03;
    static final String CONTROL = "off-again";

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
        BenchSettings settings = BenchSettings.fromSystemProperties(2 * Runtime.getRuntime().availableProcessors(), 5,
                1, 180);
        // Nimbus sends with HttpURLConnection, whose keep-alive cache holds 5 connections per host by
        // default: more threads would open a new connection for most requests and measure that instead.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", String.valueOf(Math.max(5, 2 * settings.threads() + 2)));
        }
        long started = System.nanoTime();
        Checks checks = new Checks();
        Alternation.Result saturation;
        Alternation.Result fixed;
        double fixedRate;
        List<Target> targets = List.of(Target.atLeast(Metric.THROUGHPUT, THROUGHPUT_TARGET),
                Target.atMost(Metric.P99, P99_TARGET), Target.atMost(Metric.CPU_PER_REQUEST, CPU_TARGET));
        try (TestKeycloak keycloak = TestKeycloak.start()) {
            keycloak.importRealm("realms/" + REALM + ".json");
            OidcClient client = new OidcClient(keycloak.realmUrl(REALM), CLIENT);
            ProcessHandle server = keycloak.server().processHandle();

            checks.canaryDetected = canary(keycloak);
            int auditBefore = reuseRecords(keycloak, CLIENT);

            List<Worker> workers = sessions(client, settings.threads());
            saturation = new Alternation("refresh-saturation", modes(keycloak, client, workers, server),
                    Alternation.Drive.saturation(settings.threads()), settings, started, List.of(server))
                    .run(rounds -> pair("refresh-saturation", "Refresh grant at saturation", rounds, targets, "")
                            .undecided());
            fixedRate = RefreshFixedRate.rate(RoundResult.pooled(Mode.OFF.label(), saturation.rounds()).perSecond());
            List<Worker> fixedSessions = sessions(client, RefreshFixedRate.workers(settings));
            fixed = new Alternation("refresh-fixed-rate", modes(keycloak, client, fixedSessions, server),
                    Alternation.Drive.fixedRate(fixedSessions.size(), fixedRate), settings, started, List.of(server))
                    .run(rounds -> pair("refresh-fixed-rate", "Refresh grant at a fixed rate", rounds, targets, "")
                            .undecided());
            switchListener(keycloak, Mode.OFF);

            // A detection is written after its request's transaction completes: give late ones time to appear.
            checks.falseDetections = awaitReuseRecords(keycloak, auditBefore) - auditBefore;
            checks.listenerLogErrors = (int) keycloak.log().text().lines()
                    .filter(l -> l.contains(" ERROR ") && l.contains(LISTENER)).count();
        }
        List<RoundResult> all = new ArrayList<>(saturation.rounds());
        all.addAll(fixed.rounds());
        checks.errors = saturation.warmupErrors() + fixed.warmupErrors()
                + all.stream().mapToInt(RoundResult::errors).sum();
        PairResult saturationPair = pair("refresh-saturation", "Refresh grant at saturation", saturation.rounds(), targets,
                String.format(Locale.ROOT, "%s; each thread refreshes its own user session with its newest refresh"
                                + " token (rotation on). Rounds of %d s after %d s unmeasured. %s Listener off = the"
                                + " realm has no event listener.",
                        Alternation.Drive.saturation(settings.threads()).text(), settings.roundSeconds(),
                        settings.settleSeconds(), saturation.text(settings)));
        PairResult fixedPair = pair("refresh-fixed-rate", "Refresh grant at a fixed rate", fixed.rounds(), targets,
                String.format(Locale.ROOT, "%.0f refreshes/s (half the off rounds' saturation throughput of this run"
                                + " unless -Dvigil.bench.refresh-rate is given), spread over %d sessions; latency from"
                                + " the scheduled start. %s", fixedRate, RefreshFixedRate.workers(settings),
                        fixed.text(settings)));
        List<PairResult> pairs = List.of(saturationPair, saturationPair.control(saturation.rounds(), CONTROL), fixedPair,
                fixedPair.control(fixed.rounds(), CONTROL));
        List<String> problems = checks.passed() ? List.of() : List.of(checks.problems());
        List<String> samples = new ArrayList<>(saturation.errorSamples());
        samples.addAll(fixed.errorSamples());
        String detail = Report.detail(TITLE, String.format(Locale.ROOT, "Realm %s (revokeRefreshToken,"
                        + " refreshTokenMaxReuse 0, no other event listeners), %d cores shared by Keycloak and this"
                        + " client.", REALM, Runtime.getRuntime().availableProcessors()), pairs,
                checks.lines(), problems, samples);
        Report.write("refresh-throughput", detail, Report.roundsCsv(all), Report.latenciesCsv("listener", all));
        return new ScenarioResult(ID, TITLE, "refresh-throughput.md", pairs, List.of(), problems);
    }

    private static PairResult pair(String id, String title, List<RoundResult> rounds, List<Target> targets,
                                   String note) {
        return new PairResult(id, title, "refresh", Mode.OFF.label(), Mode.ON.label(),
                rounds.stream().filter(r -> !r.modeLabel().equals(CONTROL)).toList(), targets, List.of(note));
    }

    /** Off, on, off again (the control): the realm's listeners switched, the same sessions refreshed. */
    private static List<Alternation.Mode> modes(TestKeycloak keycloak, OidcClient client, List<Worker> sessions,
                                                ProcessHandle server) {
        Load.Request refresh = w -> sessions.get(w).refreshOnce(client);
        return List.of(
                new Alternation.Mode(Mode.OFF.label(), () -> switchListener(keycloak, Mode.OFF), refresh, server),
                new Alternation.Mode(Mode.ON.label(), () -> switchListener(keycloak, Mode.ON), refresh, server),
                new Alternation.Mode(CONTROL, () -> switchListener(keycloak, Mode.OFF), refresh, server));
    }

    private static List<Worker> sessions(OidcClient client, int count) {
        List<Worker> workers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Worker worker = new Worker(i % USERS);
            worker.login(client);
            workers.add(worker);
        }
        return workers;
    }

    /**
     * Reuse records are written after their transaction commits: a false detection would appear late. Watches the
     * log for 2 s (an observation window: what is counted is something that must not happen, so there is nothing
     * to wait for).
     */
    private static int awaitReuseRecords(TestKeycloak keycloak, int before) {
        long deadline = System.nanoTime() + 2_000_000_000L;
        int seen = reuseRecords(keycloak, CLIENT);
        while (System.nanoTime() < deadline) {
            // Polling the log for records that may still come, not waiting a fixed time for a result.
            java.util.concurrent.locks.LockSupport.parkNanos(250_000_000L);
            seen = reuseRecords(keycloak, CLIENT);
        }
        return Math.max(seen, before);
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

    }

    static final class Checks {
        boolean canaryDetected;
        int errors;
        int falseDetections;
        int listenerLogErrors;

        boolean passed() {
            return canaryDetected && errors == 0 && falseDetections == 0 && listenerLogErrors == 0;
        }

        List<String> lines() {
            return List.of(String.format(Locale.ROOT, "Failed refreshes (warm-up and rounds): %d. Reuse detections on"
                            + " the benchmark's sessions (audit log): %d; listener ERROR lines in the server log: %d."
                            + " Canary (one replayed token, listener on) detected: %s.", errors, falseDetections,
                    listenerLogErrors, canaryDetected ? "yes" : "NO"));
        }

        String problems() {
            List<String> problems = new ArrayList<>();
            if (!canaryDetected) {
                problems.add("the canary replay was not detected, so the 'on' rounds may not have run the listener");
            }
            if (errors > 0) {
                problems.add(errors + " refreshes failed");
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
}
