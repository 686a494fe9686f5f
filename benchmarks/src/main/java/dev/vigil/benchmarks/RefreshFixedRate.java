package dev.vigil.benchmarks;

import dev.vigil.benchmarks.RefreshThroughputBenchmark.Mode;
import dev.vigil.benchmarks.RefreshThroughputBenchmark.Worker;
import dev.vigil.testing.TestKeycloak;
import dev.vigil.testing.client.OidcClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The refresh grant at a fixed rate, listener off and on alternating (off first and last): what the listener
 * costs in latency when the server is not saturated. Sessions of their own, so the saturation rounds' tokens are
 * not touched.
 */
final class RefreshFixedRate {

    static final String RATE_PROPERTY = "vigil.bench.refresh-rate";
    private static final int USERS = 16;

    private final TestKeycloak keycloak;
    private final OidcClient client;
    private final BenchSettings settings;
    private final double rate;
    private final long origin;

    RefreshFixedRate(TestKeycloak keycloak, OidcClient client, BenchSettings settings, double rate, long origin) {
        this.keycloak = keycloak;
        this.client = client;
        this.settings = settings;
        this.rate = rate;
        this.origin = origin;
    }

    /** The rate given with {@value #RATE_PROPERTY}, else half of {@code saturation} (at least 1/s). */
    static double rate(double saturation) {
        String given = System.getProperty(RATE_PROPERTY);
        if (given != null && !given.isBlank()) {
            double rate = Double.parseDouble(given.trim());
            if (!(rate > 0)) {
                throw new IllegalArgumentException(RATE_PROPERTY + " must be positive, not " + given);
            }
            return rate;
        }
        return Math.max(1, Math.round(saturation / 2));
    }

    /** Twice the saturation threads: a session's next slot comes long after its last answer. */
    static int workers(BenchSettings settings) {
        return 2 * settings.threads();
    }

    /** Runs warm-up and rounds; {@code switcher} sets the realm's listeners for a mode. */
    List<RoundResult> run(Consumer<Mode> switcher, List<String> errorSamples) throws InterruptedException {
        int workers = workers(settings);
        List<Worker> sessions = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            Worker worker = new Worker(i % USERS);
            worker.login(client);
            sessions.add(worker);
        }
        Load.Request refresh = w -> sessions.get(w).refreshOnce(client);
        List<RoundResult> rounds = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(workers, new DaemonThreads("refresh-fixed"));
        try {
            for (Mode mode : Mode.values()) {
                switcher.accept(mode);
                Load.Phase warm = Load.fixedRate(pool, workers, rate, refresh, settings.warmupSeconds() / 4.0);
                errorSamples.addAll(warm.errorSamples);
            }
            for (int r = 0; r < settings.rounds(); r++) {
                Mode mode = r % 2 == 0 ? Mode.OFF : Mode.ON;
                switcher.accept(mode);
                Load.fixedRate(pool, workers, rate, refresh, settings.settleSeconds());
                MachineLoad.Snapshot machine = MachineLoad.snapshot();
                double cpu = MachineLoad.cpuSeconds(keycloak.server().processHandle());
                Load.Phase phase = Load.fixedRate(pool, workers, rate, refresh, settings.roundSeconds());
                double other = MachineLoad.snapshot().otherCoresSince(machine);
                cpu = MachineLoad.cpuSeconds(keycloak.server().processHandle()) - cpu;
                RoundResult round = phase.round(r + 1, mode.label(), origin, other, cpu);
                rounds.add(round);
                errorSamples.addAll(phase.errorSamples);
                System.out.printf(Locale.ROOT, "fixed-rate round %d, listener %s: %d refreshes = %.1f/s (offered %.0f/s),"
                                + " p50 %.2f ms, p99 %.2f ms, %d errors, other processes %.2f cores%n", r + 1,
                        mode.label(), round.latencyMillis().length, round.perSecond(), rate, round.p50(), round.p99(),
                        round.errors(), other);
            }
        } finally {
            pool.shutdownNow();
        }
        return rounds;
    }
}
