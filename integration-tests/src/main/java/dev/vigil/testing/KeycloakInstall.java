package dev.vigil.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Keycloak installation directory of our own: a copy of the official distribution with the
 * Vigil jar in {@code providers/}, built ({@code kc.sh build}) only when the jar or the build
 * options changed since the last build.
 */
public final class KeycloakInstall {

    static final String PROVIDER_JAR = "vigil-keycloak.jar";
    /** The test-only providers (time control): only test servers have them. */
    static final String TEST_PROVIDERS_JAR = "vigil-test-providers.jar";
    private static final String STAMP = ".vigil-build-stamp";
    /** The build stamp's stand-in for the jar digest of an installation without the jar. */
    private static final String NO_PROVIDER = "no provider jar";
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);

    private final Path home;

    private KeycloakInstall(Path home) {
        this.home = home;
    }

    public Path home() {
        return home;
    }

    public Path kcSh() {
        return home.resolve("bin/kc.sh");
    }

    /**
     * An installation at {@code home}, copied from the distribution if absent, with {@code jar}
     * installed and built with {@code buildOptions}. It has no test-only providers (the demo and the
     * benchmarks run it); an earlier test run's are removed.
     */
    public static KeycloakInstall prepare(Path home, Path distribution, Path jar, List<String> buildOptions) {
        return prepare(home, distribution, jar, null, buildOptions);
    }

    /**
     * As {@link #prepare(Path, Path, Path, List)}, with the test-only providers ({@code testProvidersJar}, see
     * {@link HarnessPaths#testProvidersJar()}) next to the Vigil jar: the installation test servers run.
     */
    public static KeycloakInstall prepareForTests(Path home, Path distribution, Path jar, Path testProvidersJar,
                                                  List<String> buildOptions) {
        return prepare(home, distribution, jar, testProvidersJar, buildOptions);
    }

    /** The harness's installation at {@code home}: the built Vigil jar, and the test-only providers if {@code testProviders}. */
    static KeycloakInstall prepare(Path home, List<String> buildOptions, boolean testProviders) {
        return prepare(home, HarnessPaths.distribution(), HarnessPaths.vigilJar(),
                testProviders ? HarnessPaths.testProvidersJar() : null, buildOptions);
    }

    private static KeycloakInstall prepare(Path home, Path distribution, Path jar, Path testProvidersJar,
                                           List<String> buildOptions) {
        try {
            if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
                deleteTree(home);
                copyTree(distribution, home);
            }
            KeycloakInstall install = new KeycloakInstall(home);
            install.installJar(jar, PROVIDER_JAR);
            String providers = digest(Files.readAllBytes(jar));
            if (testProvidersJar != null) {
                install.installJar(testProvidersJar, TEST_PROVIDERS_JAR);
                providers += " " + TEST_PROVIDERS_JAR + " " + digest(Files.readAllBytes(testProvidersJar));
            } else {
                Files.deleteIfExists(home.resolve("providers").resolve(TEST_PROVIDERS_JAR));
            }
            install.buildIfChanged(buildOptions, providers);
            return install;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Keycloak in " + home, e);
        }
    }

    /**
     * An installation at {@code home} without the Vigil jar: plain Keycloak built with {@code buildOptions},
     * for measuring what the pack costs against Keycloak alone. Removes the jar if an earlier run put it there.
     */
    public static KeycloakInstall prepareWithoutProvider(Path home, Path distribution, List<String> buildOptions) {
        try {
            if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
                deleteTree(home);
                copyTree(distribution, home);
            }
            KeycloakInstall install = new KeycloakInstall(home);
            Files.deleteIfExists(home.resolve("providers").resolve(PROVIDER_JAR));
            Files.deleteIfExists(home.resolve("providers").resolve(TEST_PROVIDERS_JAR));
            install.buildIfChanged(buildOptions, NO_PROVIDER);
            return install;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare plain Keycloak in " + home, e);
        }
    }

    /** A copy of an already built installation (cluster nodes share one build). */
    public static KeycloakInstall copyOf(KeycloakInstall built, Path home) {
        try {
            Path source = built.home;
            if (!stampOf(home).equals(stampOf(source)) || stampOf(home).isEmpty()) {
                deleteTree(home);
                copyTree(source, home);
            }
            deleteTree(home.resolve("data"));
            return new KeycloakInstall(home);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy Keycloak to " + home, e);
        }
    }

    /** Removes the server's data (H2 files, transaction logs) so a run starts clean. */
    public void wipeData() {
        try {
            deleteTree(home.resolve("data"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void installJar(Path jar, String name) throws IOException {
        Path target = home.resolve("providers").resolve(name);
        if (!Files.exists(target) || !digest(Files.readAllBytes(target)).equals(digest(Files.readAllBytes(jar)))) {
            Files.copy(jar, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * @param providers what is in {@code providers/}: the jar's digest (followed by the test-only providers' name and
     *                  digest where installed), or {@link #NO_PROVIDER}
     */
    private void buildIfChanged(List<String> buildOptions, String providers) throws IOException {
        String stamp = digest((String.join(" ", buildOptions) + "\n" + providers).getBytes(StandardCharsets.UTF_8));
        if (stamp.equals(stampOf(home))) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(kcSh().toString(), "build"));
        command.addAll(buildOptions);
        Path log = home.resolve("build.log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(Map.of("KC_LOG_CONSOLE_COLOR", "false"));
        Process process = pb.start();
        try {
            if (!process.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                ProcessTree.kill(process);
                throw new IllegalStateException("kc.sh build did not finish within " + BUILD_TIMEOUT.toMinutes()
                        + " min in " + home + "\n" + LogTail.of(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ProcessTree.kill(process);
            throw new IllegalStateException("interrupted during kc.sh build", e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("kc.sh build " + String.join(" ", buildOptions) + " failed (exit "
                    + process.exitValue() + ") in " + home + "\n" + LogTail.of(log));
        }
        Files.writeString(home.resolve(STAMP), stamp);
    }

    private static String stampOf(Path home) throws IOException {
        Path file = home.resolve(STAMP);
        return Files.exists(file) ? Files.readString(file).trim() : "";
    }

    static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String digest(InputStream in) throws IOException {
        return digest(in.readAllBytes());
    }

    static void copyTree(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, target.resolve(source.relativize(file).toString()),
                        StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
