package dev.vigil.testing;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Stops a process and everything it started: kc.sh forks a JVM that outlives a killed kc.sh. */
public final class ProcessTree {

    private static final Duration GRACE = Duration.ofSeconds(30);

    private ProcessTree() {
    }

    /** SIGTERM to the process (kc.sh forwards it to Keycloak), then SIGKILL to whatever is left. */
    public static void stop(Process process) {
        List<ProcessHandle> tree = process.descendants().collect(Collectors.toList());
        process.destroy();
        try {
            process.waitFor(GRACE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle handle : tree) {
            if (handle.isAlive()) {
                try {
                    handle.onExit().get(GRACE.toSeconds(), TimeUnit.SECONDS);
                } catch (Exception e) {
                    handle.destroyForcibly();
                }
            }
        }
        kill(process);
    }

    public static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
