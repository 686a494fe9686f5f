package dev.vigil.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Where the harness finds the Keycloak distribution and the drop-in jar, and where it works.
 * Maven passes these as system properties; the fallbacks serve the demo started from the repo root.
 */
public final class HarnessPaths {

    private HarnessPaths() {
    }

    public static String keycloakVersion() {
        return System.getProperty("vigil.keycloak.version", "26.7.3");
    }

    public static Path repoDir() {
        return Paths.get(System.getProperty("vigil.repo.dir", ".")).toAbsolutePath().normalize();
    }

    public static Path workDir() {
        return Paths.get(System.getProperty("vigil.work.dir", repoDir().resolve("integration-tests/target").toString()))
                .toAbsolutePath().normalize();
    }

    /** The unpacked official distribution; Maven unpacks it during the integration-tests module's build. */
    public static Path distribution() {
        Path dir = Paths.get(System.getProperty("vigil.keycloak.dist",
                workDir().resolve("keycloak-dist/keycloak-" + keycloakVersion()).toString())).toAbsolutePath();
        if (!Files.isExecutable(dir.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("The Keycloak " + keycloakVersion() + " distribution is not at " + dir
                    + ". It is unpacked from org.keycloak:keycloak-quarkus-dist:" + keycloakVersion()
                    + ":zip by the build: run ./mvnw -pl integration-tests -am package -DskipTests"
                    + " (and check that Maven can reach its repository).");
        }
        return dir;
    }

    /** The drop-in jar built by dist/. */
    public static Path vigilJar() {
        Path jar = Paths.get(System.getProperty("vigil.jar",
                repoDir().resolve("dist/target/vigil-keycloak-" + packVersion() + ".jar").toString())).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The Vigil jar is not at " + jar + ": build it with ./mvnw -pl dist -am package");
        }
        return jar;
    }

    /**
     * The test-only providers built by test-providers/ (time control): installed into test servers next to the
     * drop-in jar, never into the demo's or the benchmarks' servers.
     */
    public static Path testProvidersJar() {
        Path jar = Paths.get(System.getProperty("vigil.test.providers.jar",
                repoDir().resolve("test-providers/target/vigil-test-providers.jar").toString())).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The test-only providers jar is not at " + jar
                    + ": build it with ./mvnw -pl test-providers package");
        }
        return jar;
    }

    private static String packVersion() {
        return System.getProperty("vigil.version", "0.1.0-SNAPSHOT");
    }
}
