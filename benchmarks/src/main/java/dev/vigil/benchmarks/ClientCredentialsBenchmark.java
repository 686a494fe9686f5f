package dev.vigil.benchmarks;

import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import dev.vigil.testing.BuildOptions;
import dev.vigil.testing.HarnessPaths;
import dev.vigil.testing.KeycloakInstall;
import dev.vigil.testing.KeycloakServer;
import dev.vigil.testing.RealmFixtures;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Does an installed but unused pack cost anything? Two installs of the same distribution run side by side, one
 * with the Vigil jar and one without, with the same realm; rounds alternate keycloak, vigil, ..., keycloak, each
 * saturating one server's token endpoint with client-credentials grants while the other idles. Goal: throughput
 * vigil/keycloak >= 0.99.
 */
final class ClientCredentialsBenchmark {

    static final String ID = "client-credentials";
    static final String TITLE = "Client-credentials grant: Keycloak with the pack installed vs without";
    private static final String REALM = "vigil-bench-cc";
    private static final String CLIENT = "bench-service";
    private static final String SECRET = "Bench-Service-Secret-4k8p1";
    static final String BASELINE = "keycloak";
    static final String MEASURED = "vigil";
    private static final double THROUGHPUT_TARGET = 0.99;
    /** An idle server using more than this (cores) during the other's round was not idle. */
    private static final double IDLE_LIMIT = 0.25;
    private static final int TIMEOUT_MILLIS = 30_000;

    private ClientCredentialsBenchmark() {
    }

    static ScenarioResult run() throws Exception {
        BenchSettings settings = BenchSettings.fromSystemProperties(2 * Runtime.getRuntime().availableProcessors(), 7,
                12, 60, 2, BASELINE, MEASURED);
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", String.valueOf(Math.max(5, settings.threads() + 2)));
        }
        long started = System.nanoTime();
        Path servers = HarnessPaths.workDir().resolve("servers");
        KeycloakInstall plainInstall = KeycloakInstall.prepareWithoutProvider(servers.resolve("plain"),
                HarnessPaths.distribution(), BuildOptions.DEV_FILE);
        KeycloakInstall vigilInstall = KeycloakInstall.prepare(servers.resolve("single"), HarnessPaths.distribution(),
                HarnessPaths.vigilJar(), BuildOptions.DEV_FILE);
        plainInstall.wipeData();
        vigilInstall.wipeData();
        List<RoundResult> rounds = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> samples = new ArrayList<>();
        double idleMax = 0;
        ExecutorService pool = Executors.newFixedThreadPool(settings.threads(), new DaemonThreads("client-credentials"));
        try (KeycloakServer plain = KeycloakServer.builder("plain", plainInstall).start();
             KeycloakServer vigil = KeycloakServer.builder("single", vigilInstall).start()) {
            for (KeycloakServer server : List.of(plain, vigil)) {
                RealmFixtures.importFresh(server.admin(),
                        RealmFixtures.read(RealmFixtures.classpath("realms/vigil-bench-client-credentials.json"), Map.of()));
            }
            if (hasVigil(plain) || !hasVigil(vigil)) {
                problems.add("the plain server has Vigil's providers or the other lacks them");
            }
            Map<String, KeycloakServer> byMode = Map.of(BASELINE, plain, MEASURED, vigil);
            for (String mode : List.of(BASELINE, MEASURED)) {
                Load.Phase warm = Load.closedLoop(pool, settings.threads(), grant(byMode.get(mode)),
                        settings.warmupSeconds() / 2.0);
                samples.addAll(warm.errorSamples);
                if (warm.errors > 0) {
                    problems.add(warm.errors + " grants failed during warm-up");
                }
            }
            for (int r = 0; r < settings.rounds(); r++) {
                String mode = r % 2 == 0 ? BASELINE : MEASURED;
                KeycloakServer busy = byMode.get(mode);
                KeycloakServer idle = byMode.get(r % 2 == 0 ? MEASURED : BASELINE);
                Load.closedLoop(pool, settings.threads(), grant(busy), settings.settleSeconds());
                MachineLoad.Snapshot machine = MachineLoad.snapshot();
                double busyCpu = MachineLoad.cpuSeconds(busy.processHandle());
                double idleCpu = MachineLoad.cpuSeconds(idle.processHandle());
                Load.Phase phase = Load.closedLoop(pool, settings.threads(), grant(busy), settings.roundSeconds());
                double other = MachineLoad.snapshot().otherCoresSince(machine);
                busyCpu = MachineLoad.cpuSeconds(busy.processHandle()) - busyCpu;
                idleCpu = MachineLoad.cpuSeconds(idle.processHandle()) - idleCpu;
                idleMax = Math.max(idleMax, idleCpu / phase.seconds());
                RoundResult round = phase.round(r + 1, mode, started, other, busyCpu);
                rounds.add(round);
                samples.addAll(phase.errorSamples);
                System.out.printf(Locale.ROOT, "round %d, %s: %d grants = %.1f/s, p50 %.2f ms, p99 %.2f ms, %d errors,"
                                + " %.2f ms CPU per grant, idle server %.3f cores, other processes %.2f cores%n", r + 1,
                        mode, round.latencyMillis().length, round.perSecond(), round.p50(), round.p99(), round.errors(),
                        round.cpuMillisPerRequest(), idleCpu / phase.seconds(), other);
            }
        } finally {
            pool.shutdownNow();
        }
        int errors = rounds.stream().mapToInt(RoundResult::errors).sum();
        if (errors > 0) {
            problems.add(errors + " grants failed in measured rounds");
        }
        // A busy idle server spoils the measurement, not the harness: the smoke run (CI) only notes it.
        if (idleMax > IDLE_LIMIT && !Smoke.on()) {
            problems.add(String.format(Locale.ROOT, "the idle server used up to %.2f cores during the other's rounds",
                    idleMax));
        }
        PairResult pair = new PairResult(ID, "Client-credentials grant at saturation", "grant", BASELINE, MEASURED,
                rounds, List.of(Target.atLeast(Metric.THROUGHPUT, THROUGHPUT_TARGET)),
                List.of(String.format(Locale.ROOT, "%d threads, each sending its next grant (client_secret_basic) when"
                                + " the last one answered, to one server per round; the other server used at most %.3f"
                                + " cores meanwhile. Rounds of %d s after %d s unmeasured; warm-up %d s.",
                        settings.threads(), idleMax, settings.roundSeconds(), settings.settleSeconds(),
                        settings.warmupSeconds())));
        String detail = Report.detail(TITLE, "Realm " + REALM + ", confidential client " + CLIENT + " with a service"
                        + " account; installs " + plainInstall.home() + " (no provider jar) and " + vigilInstall.home() + ".",
                List.of(pair), List.of(String.format(Locale.ROOT, "Idle server, most CPU in a round: %.3f cores", idleMax)),
                problems, samples);
        Report.write(ID, detail, Report.roundsCsv(rounds), Report.latenciesCsv("mode", rounds));
        return new ScenarioResult(ID, TITLE, ID + ".md", List.of(pair), List.of(), problems);
    }

    private static boolean hasVigil(KeycloakServer server) {
        return server.admin().serverInfo().getInfo().getProviders().get("authenticator").getProviders()
                .containsKey("vigil-email-otp");
    }

    private static Load.Request grant(KeycloakServer server) {
        URI endpoint = URI.create(server.realmUrl(REALM) + "/protocol/openid-connect/token");
        TokenRequest request = new TokenRequest(endpoint, new ClientSecretBasic(new ClientID(CLIENT), new Secret(SECRET)),
                new ClientCredentialsGrant(), null);
        return worker -> {
            HTTPRequest http = request.toHTTPRequest();
            http.setConnectTimeout(TIMEOUT_MILLIS);
            http.setReadTimeout(TIMEOUT_MILLIS);
            HTTPResponse response = http.send();
            String body = response.getBody();
            if (response.getStatusCode() == 200 && body != null && body.contains("\"access_token\"")) {
                return null;
            }
            return "HTTP " + response.getStatusCode();
        };
    }
}
