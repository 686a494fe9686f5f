package dev.vigil.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The drop-in jar of an earlier commit, for rolling-update tests: the commit's tree is exported with
 * {@code git archive} (no worktree, no branch) under the work directory and built with its own Maven
 * wrapper ({@code package}, never {@code install}). Built once per work directory and reused.
 */
public final class OldVigilJar {

    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(15);

    private OldVigilJar() {
    }

    public static Path of(String commit) {
        if (!commit.matches("[0-9a-f]{7,40}")) {
            throw new IllegalArgumentException("not a commit id: " + commit);
        }
        Path dir = HarnessPaths.workDir().resolve("old-jars/" + commit);
        Path jar = find(dir);
        if (jar != null) {
            return jar;
        }
        try {
            KeycloakInstall.deleteTree(dir);
            Files.createDirectories(dir);
            run(dir, List.of("bash", "-c", "git -C \"$0\" archive --format=tar \"$1\" | tar -x -C \"$2\"",
                    HarnessPaths.repoDir().toString(), commit, dir.toString()), "git archive " + commit);
            Path log = dir.resolve("build.log");
            String build = "./mvnw -B -q -pl dist -am package -DskipTests";
            // Offline first (the dependencies are usually in the local repository already), then online.
            if (!tryRun(dir, List.of("bash", "-c", build + " -o > build.log 2>&1"))) {
                run(dir, List.of("bash", "-c", build + " > build.log 2>&1"), "building the jar of " + commit + " (log: " + log + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the jar of " + commit + " in " + dir, e);
        }
        jar = find(dir);
        if (jar == null) {
            throw new IllegalStateException("the build of " + commit + " made no dist/target/vigil-keycloak-*.jar in " + dir);
        }
        return jar;
    }

    private static Path find(Path dir) {
        Path target = dir.resolve("dist/target");
        if (!Files.isDirectory(target)) {
            return null;
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches("vigil-keycloak-.*\\.jar")).findFirst().orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(Path dir, List<String> command, String what) {
        if (!tryRun(dir, command)) {
            throw new IllegalStateException(what + " failed");
        }
    }

    private static boolean tryRun(Path dir, List<String> command) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("commands.log").toFile())).start();
            if (!process.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                ProcessTree.kill(process);
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
