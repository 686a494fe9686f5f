package dev.vigil.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * The one load loop of every pair that alternates modes on a live Keycloak (refresh, impersonation, client
 * credentials, logins): warm-up until throughput stops rising, then cycles of one round per mode, then more
 * cycles while a target is UNDECIDED, up to a time cap.
 *
 * <ul>
 *   <li><b>Warm-up.</b> Windows of {@link BenchSettings#warmupWindowSeconds()} per mode in turn, until the last
 *       windows of every mode agree ({@link Plateau}) or {@link BenchSettings#warmupSeconds()} have passed. A
 *       window's value is its throughput under saturation, and its requests per second of Keycloak CPU at a fixed
 *       rate (where throughput is the rate by construction).</li>
 *   <li><b>Cycles.</b> Cycle 1 runs the modes in the given order, cycle 2 reversed, and so on (A B C, C B A, ...):
 *       every mode has the same mean position in the run, so a steady drift favours none. Each round switches
 *       the server to its mode, sends {@link BenchSettings#settleSeconds()} of unmeasured load, then measures
 *       {@link BenchSettings#roundSeconds()}: the requests' latencies (HdrHistogram), the CPU time of the Keycloak
 *       process tree that serves the mode (/proc utime + stime through {@code ProcessHandle}) and what the rest
 *       of the machine used.</li>
 *   <li><b>Undecided.</b> After {@link BenchSettings#rounds()} cycles, while {@code undecided} says a target's
 *       interval still straddles it, one more cycle at a time, as long as the next one ends within
 *       {@link BenchSettings#undecidedSeconds()} of the first extra cycle's start.</li>
 * </ul>
 */
final class Alternation {

    interface Action {
        void run() throws Exception;
    }

    /**
     * One mode: how the server is switched to it, one request of it, and the server process whose CPU it costs.
     */
    record Mode(String label, Action enter, Load.Request request, ProcessHandle server) {
    }

    /**
     * Work one mode leaves for later, done by a thread of the server: its CPU, wherever it falls, is taken out of
     * the round it fell into and charged to {@code ownerMode}'s round of the same cycle (in a steady state a cycle
     * does about as much of it as its owner's round caused). Without this, whichever mode happens to run when the
     * work comes due pays for it.
     */
    record Deferred(String threadName, String ownerMode) {
    }

    /** How requests are sent: each worker as fast as answered (saturation), or a fixed rate over all workers. */
    record Drive(int workers, double perSecond) {

        static Drive saturation(int workers) {
            return new Drive(workers, Double.NaN);
        }

        static Drive fixedRate(int workers, double perSecond) {
            return new Drive(workers, perSecond);
        }

        boolean saturating() {
            return Double.isNaN(perSecond);
        }

        Load.Phase run(ExecutorService pool, Load.Request request, double seconds) throws InterruptedException {
            return saturating() ? Load.closedLoop(pool, workers, request, seconds)
                    : Load.fixedRate(pool, workers, perSecond, request, seconds);
        }

        String text() {
            return saturating() ? workers + " threads, each sending its next request when the last one answered"
                    : String.format(Locale.ROOT, "%.1f requests/s offered by %d threads (latency from the scheduled"
                            + " start)", perSecond, workers);
        }
    }

    /**
     * @param warmupValues   per mode, the warm-up windows' values (throughput, or requests per CPU second)
     * @param warmupPlateau  whether every mode reached its plateau before the cap
     * @param extraCycles    cycles added because a target was UNDECIDED
     * @param stillUndecided a target was still UNDECIDED when the cap stopped the extra cycles
     * @param idleMaxCores   the most CPU a server used during a round of another mode (NaN with one server)
     */
    record Result(List<RoundResult> rounds, double warmupSeconds, Map<String, List<Double>> warmupValues,
                  boolean warmupPlateau, int extraCycles, double extraSeconds, boolean stillUndecided,
                  int warmupErrors, List<String> errorSamples, double idleMaxCores) {

        /** What the warm-up and the extra cycles did, for the report. */
        String text(BenchSettings settings) {
            StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "Warm-up %.0f s: %s.", warmupSeconds,
                    warmupPlateau ? String.format(Locale.ROOT, "stopped on a plateau (the last %d windows of %d s of"
                                    + " every mode within %.0f %%)", settings.warmup().windows(),
                            settings.warmupWindowSeconds(), settings.warmup().tolerance() * 100)
                            : String.format(Locale.ROOT, "stopped at its cap of %d s WITHOUT a plateau",
                            settings.warmupSeconds())));
            if (extraCycles > 0) {
                out.append(String.format(Locale.ROOT, " %d extra cycles (%.0f s) because a target was UNDECIDED%s.",
                        extraCycles, extraSeconds, stillUndecided ? ", still UNDECIDED at the cap of "
                                + settings.undecidedSeconds() + " s" : ""));
            }
            return out.toString();
        }
    }

    private final String name;
    private final List<Mode> modes;
    private final Drive drive;
    private final BenchSettings settings;
    private final long origin;
    private final List<ProcessHandle> servers;
    private Deferred deferred;

    /**
     * @param origin  the nanoTime the benchmark began (rounds' completion times count from it)
     * @param servers every server of the pair (CPU of the idle ones is watched); the modes' servers among them
     */
    Alternation(String name, List<Mode> modes, Drive drive, BenchSettings settings, long origin,
                List<ProcessHandle> servers) {
        this.name = name;
        this.modes = List.copyOf(modes);
        this.drive = drive;
        this.settings = settings;
        this.origin = origin;
        this.servers = List.copyOf(servers);
    }

    /** Charges {@code work} to its owner mode (see {@link Deferred}). */
    Alternation deferring(Deferred work) {
        this.deferred = work;
        return this;
    }

    /**
     * The rounds of one cycle with deferred work moved to its owner: each round less what fell into it
     * ({@code during}), the owner's round plus all of the cycle's ({@code ofCycle}, settling included).
     */
    static List<RoundResult> charge(List<RoundResult> cycle, double[] during, double ofCycle, String owner) {
        List<RoundResult> charged = new ArrayList<>();
        for (int i = 0; i < cycle.size(); i++) {
            RoundResult r = cycle.get(i);
            double cpu = r.serverCpuSeconds() - during[i] + (r.modeLabel().equals(owner) ? ofCycle : 0);
            charged.add(new RoundResult(r.number(), r.modeLabel(), r.seconds(), r.latencyMillis(), r.completedAt(),
                    r.errors(), r.otherCores(), cpu, r.cycle()));
        }
        return charged;
    }

    /** The mode order of cycle {@code cycle} (1, 2, ...): as given in odd cycles, reversed in even ones. */
    static <T> List<T> order(List<T> modes, int cycle) {
        if (cycle % 2 == 1) {
            return modes;
        }
        List<T> reversed = new ArrayList<>(modes);
        java.util.Collections.reverse(reversed);
        return reversed;
    }

    /**
     * Runs warm-up and cycles.
     *
     * @param undecided given the rounds so far, whether a target is still UNDECIDED (never called in smoke mode)
     */
    Result run(Predicate<List<RoundResult>> undecided) throws Exception {
        List<String> samples = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(drive.workers(), new DaemonThreads(name));
        try {
            Map<String, List<Double>> windows = new LinkedHashMap<>();
            modes.forEach(m -> windows.put(m.label(), new ArrayList<>()));
            int warmupErrors = 0;
            long warmStart = System.nanoTime();
            boolean plateau = false;
            long cap = settings.warmupSeconds() * 1_000_000_000L;
            while (!plateau && System.nanoTime() - warmStart < cap) {
                for (Mode mode : modes) {
                    if (System.nanoTime() - warmStart >= cap) {
                        break;
                    }
                    mode.enter().run();
                    double cpu = MachineLoad.cpuSeconds(mode.server());
                    Load.Phase phase = drive.run(pool, mode.request(), settings.warmupWindowSeconds());
                    cpu = MachineLoad.cpuSeconds(mode.server()) - cpu;
                    int done = phase.latencies.size();
                    windows.get(mode.label()).add(drive.saturating() ? done / phase.seconds() : done / cpu);
                    warmupErrors += phase.errors;
                    addSamples(samples, phase.errorSamples);
                }
                plateau = windows.values().stream().allMatch(settings.warmup()::reached);
            }
            double warmupSeconds = (System.nanoTime() - warmStart) / 1e9;
            System.out.printf(Locale.ROOT, "%s: warm-up %.0f s, %s; windows %s%n", name, warmupSeconds,
                    plateau ? "plateau" : "cap reached", windows);

            List<RoundResult> rounds = new ArrayList<>();
            double[] idleMax = {Double.NaN};
            int cycle = 0;
            while (cycle < settings.rounds()) {
                cycle(++cycle, rounds, pool, samples, idleMax);
            }
            int extra = 0;
            long extraStart = System.nanoTime();
            double cycleSeconds = modes.size() * (settings.roundSeconds() + settings.settleSeconds());
            boolean still = !Smoke.on() && undecided.test(rounds);
            while (still && (System.nanoTime() - extraStart) / 1e9 + cycleSeconds <= settings.undecidedSeconds()) {
                cycle(++cycle, rounds, pool, samples, idleMax);
                extra++;
                still = undecided.test(rounds);
            }
            return new Result(rounds, warmupSeconds, windows, plateau, extra,
                    extra == 0 ? 0 : (System.nanoTime() - extraStart) / 1e9, still, warmupErrors, samples, idleMax[0]);
        } finally {
            pool.shutdownNow();
        }
    }

    private void cycle(int cycle, List<RoundResult> rounds, ExecutorService pool, List<String> samples,
                       double[] idleMax) throws Exception {
        List<RoundResult> measured = new ArrayList<>();
        List<Double> deferredDuring = new ArrayList<>();
        double deferredAtStart = deferredCpu();
        for (Mode mode : order(modes, cycle)) {
            mode.enter().run();
            if (settings.settleSeconds() > 0) {
                Load.Phase settle = drive.run(pool, mode.request(), settings.settleSeconds());
                addSamples(samples, settle.errorSamples);
            }
            MachineLoad.Snapshot machine = MachineLoad.snapshot();
            double[] cpuBefore = servers.stream().mapToDouble(MachineLoad::cpuSeconds).toArray();
            double modeCpu = MachineLoad.cpuSeconds(mode.server());
            double deferredBefore = deferredCpu();
            Load.Phase phase = drive.run(pool, mode.request(), settings.roundSeconds());
            modeCpu = MachineLoad.cpuSeconds(mode.server()) - modeCpu;
            deferredDuring.add(deferredCpu() - deferredBefore);
            double other = MachineLoad.snapshot().otherCoresSince(machine);
            for (int i = 0; i < servers.size(); i++) {
                if (!servers.get(i).equals(mode.server())) {
                    double cores = (MachineLoad.cpuSeconds(servers.get(i)) - cpuBefore[i]) / phase.seconds();
                    idleMax[0] = Double.isNaN(idleMax[0]) ? cores : Math.max(idleMax[0], cores);
                }
            }
            measured.add(phase.round(rounds.size() + measured.size() + 1, mode.label(), origin, other, modeCpu, cycle));
            addSamples(samples, phase.errorSamples);
        }
        if (deferred != null) {
            double ofCycle = deferredCpu() - deferredAtStart;
            measured = charge(measured, deferredDuring.stream().mapToDouble(Double::doubleValue).toArray(), ofCycle,
                    deferred.ownerMode());
            System.out.printf(Locale.ROOT, "%s cycle %d: %.3f s CPU of %s, charged to %s%n", name, cycle, ofCycle,
                    deferred.threadName(), deferred.ownerMode());
        }
        for (RoundResult round : measured) {
            rounds.add(round);
            System.out.printf(Locale.ROOT, "%s cycle %d, %s: %d requests = %.1f/s, p50 %.2f ms, p99 %.2f ms,"
                            + " %.3f ms Keycloak CPU per request, %d errors, other processes %.2f cores%n", name, cycle,
                    round.modeLabel(), round.latencyMillis().length, round.perSecond(), round.p50(), round.p99(),
                    round.cpuMillisPerRequest(), round.errors(), round.otherCores());
        }
    }

    /** CPU seconds the deferred work's threads have used so far (0 without deferred work or where /proc is silent). */
    private double deferredCpu() {
        if (deferred == null) {
            return 0;
        }
        ProcessHandle server = modes.stream().filter(m -> m.label().equals(deferred.ownerMode())).findFirst()
                .orElseThrow().server();
        double seconds = MachineLoad.threadCpuSeconds(server, deferred.threadName());
        return Double.isNaN(seconds) ? 0 : seconds;
    }

    private static void addSamples(List<String> samples, List<String> more) {
        for (String s : more) {
            if (samples.size() < 20) {
                samples.add(s);
            }
        }
    }
}
