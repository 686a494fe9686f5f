package dev.vigil.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Waits until a process tree (a server, or the benchmark's JVM with the servers it started) has stopped
 * working: the CPU time of all its threads (nanoseconds, from {@code /proc/<pid>/task/<tid>/schedstat},
 * exact where {@code /proc/<pid>/stat} counts 10 ms ticks) grows by less than {@link #QUIET_NANOS} over
 * one {@link #WINDOW}. A timing benchmark uses it so that
 * each timed request starts on a server that is not still busy with the previous one: work left over
 * (a mail, a commit, a collection) otherwise lands on whichever request comes next.
 */
final class ProcessTreeIdle {

    /** The window over which the tree must be quiet. */
    static final Duration WINDOW = Duration.ofMillis(15);
    /** CPU the tree may use within a window and still count as idle: its timers and housekeeping. */
    static final long QUIET_NANOS = 300_000;
    /** Past this the driver goes on and counts the request as started on a busy server. */
    static final Duration MAX_WAIT = Duration.ofSeconds(3);

    private final ProcessHandle root;
    private int busyStarts;

    ProcessTreeIdle(ProcessHandle root) {
        this.root = root;
    }

    /** Whether the running kernel gives per-thread run times; without them the benchmark cannot settle. */
    static boolean available() {
        return Files.isReadable(Path.of("/proc/self/task")) && Files.isReadable(Path.of("/proc/self/schedstat"));
    }

    /** Waits (untimed) for a quiet window; returns false when {@link #MAX_WAIT} passed first. */
    boolean await() {
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        long before = cpuNanos();
        while (System.nanoTime() < deadline) {
            sleepOneWindow();
            long now = cpuNanos();
            if (now - before < QUIET_NANOS) {
                return true;
            }
            before = now;
        }
        busyStarts++;
        return false;
    }

    /** How many waits ended at {@link #MAX_WAIT} rather than on a quiet window. */
    int busyStarts() {
        return busyStarts;
    }

    private static void sleepOneWindow() {
        try {
            Thread.sleep(WINDOW.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the server to settle", e);
        }
    }

    /**
     * Run time of every thread of the tree so far, but for the thread that asks (its own reading of /proc would
     * never let the tree look idle) and for the JDK HTTP clients' selector threads of this JVM (every idle client
     * keeps one that wakes now and then; the client of the timed request is not idle). Threads that ended are not
     * counted (they did not run since).
     */
    long cpuNanos() {
        List<ProcessHandle> tree = Stream.concat(Stream.of(root), root.descendants()).collect(Collectors.toList());
        String self = currentThreadTask();
        long ownPid = ProcessHandle.current().pid();
        long sum = 0;
        for (ProcessHandle process : tree) {
            boolean ours = process.pid() == ownPid;
            try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", String.valueOf(process.pid()), "task"))) {
                for (Path task : tasks) {
                    if (ours && (task.getFileName().toString().equals(self) || isHttpClientSelector(task))) {
                        continue;
                    }
                    sum += runNanos(task.resolve("schedstat"));
                }
            } catch (IOException e) {
                // The process ended between listing and reading: it uses no CPU any more.
            }
        }
        return sum;
    }

    /** The kernel's id of the calling thread ({@code /proc/thread-self} links to {@code <pid>/task/<tid>}). */
    private static String currentThreadTask() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }

    private static boolean isHttpClientSelector(Path task) {
        try {
            return Files.readString(task.resolve("comm")).startsWith("HttpClient-");
        } catch (IOException e) {
            return false;
        }
    }

    private static long runNanos(Path schedstat) {
        try {
            String line = Files.readString(schedstat);
            int space = line.indexOf(' ');
            return Long.parseLong(space < 0 ? line.trim() : line.substring(0, space));
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }
}
