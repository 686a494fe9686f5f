package dev.vigil.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * How busy the machine is apart from the benchmark: the load average, and the CPU used by the whole machine
 * (/proc/stat) less that of this JVM and its descendants (the Keycloak it started), that is what other
 * processes took. Approximate (clock ticks; interrupt work of our own loopback traffic counts as other);
 * "unknown" or NaN where /proc is not readable.
 */
final class MachineLoad {

    /** Linux reports /proc/stat in USER_HZ ticks, 100 per second on every mainstream architecture. */
    private static final double TICKS_PER_SECOND = 100;

    private MachineLoad() {
    }

    /** The 1, 5 and 15 minute load averages, e.g. "0.10 / 0.20 / 0.30 (1/5/15 min)", or "unknown". */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " / " + parts[1] + " / " + parts[2] + " (1/5/15 min)";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    record Snapshot(long nanoTime, double machineSeconds, double ourSeconds) {

        /** Cores the other processes used on average since {@code before}. */
        double otherCoresSince(Snapshot before) {
            double wall = (nanoTime - before.nanoTime) / 1e9;
            double other = (machineSeconds - before.machineSeconds) - (ourSeconds - before.ourSeconds);
            return Math.max(0, other) / wall;
        }
    }

    static Snapshot snapshot() {
        return new Snapshot(System.nanoTime(), machineBusySeconds(), ourSeconds());
    }

    private static double machineBusySeconds() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = cpu.trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(f[i]);
            }
            return busy / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * CPU seconds (user + system) that {@code root} and its living descendants have used so far: for a Keycloak
     * server, its launcher scripts and its JVM. NaN when /proc does not tell.
     */
    static double cpuSeconds(ProcessHandle root) {
        double[] seconds = Stream.concat(Stream.of(root), root.descendants())
                .map(p -> p.info().totalCpuDuration())
                .filter(java.util.Optional::isPresent)
                .mapToDouble(d -> d.get().toNanos() / 1e9)
                .toArray();
        return seconds.length == 0 ? Double.NaN : java.util.Arrays.stream(seconds).sum();
    }

    /**
     * CPU seconds (user + system) that the threads of {@code root} and its descendants named {@code threadName}
     * have used so far (Linux keeps the first 15 characters of a Java thread's name, so those are compared); NaN
     * when /proc does not tell. Threads that have ended no longer count.
     */
    static double threadCpuSeconds(ProcessHandle root, String threadName) {
        String comm = threadName.length() > 15 ? threadName.substring(0, 15) : threadName;
        long[] ticks = {0};
        boolean[] read = {false};
        Stream.concat(Stream.of(root), root.descendants()).forEach(process -> {
            try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
                tasks.forEach(task -> {
                    try {
                        long used = threadTicks(Files.readString(task.resolve("stat")), comm);
                        if (used >= 0) {
                            ticks[0] += used;
                            read[0] = true;
                        }
                    } catch (IOException | RuntimeException e) {
                        // the thread ended meanwhile
                    }
                });
            } catch (IOException | RuntimeException e) {
                // the process ended meanwhile, or no /proc
            }
        });
        return read[0] ? ticks[0] / TICKS_PER_SECOND : Double.NaN;
    }

    /** utime + stime of one /proc/.../task/.../stat line if the thread's name is {@code comm}, else -1. */
    static long threadTicks(String stat, String comm) {
        int open = stat.indexOf('(');
        int close = stat.lastIndexOf(')');
        if (open < 0 || close < open || !stat.substring(open + 1, close).equals(comm)) {
            return -1;
        }
        // after the name: state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime
        String[] fields = stat.substring(close + 2).trim().split("\\s+");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static double ourSeconds() {
        ProcessHandle self = ProcessHandle.current();
        return Stream.concat(Stream.of(self), self.descendants())
                .mapToDouble(p -> p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0))
                .sum();
    }
}
