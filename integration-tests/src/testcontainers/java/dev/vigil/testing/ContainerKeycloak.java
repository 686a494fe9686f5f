package dev.vigil.testing;

import dasniko.testcontainers.keycloak.KeycloakContainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.keycloak.admin.client.Keycloak;
import org.testcontainers.Testcontainers;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.output.OutputFrame;

/**
 * The shared test server as the official Keycloak image with the Vigil jar, run by Testcontainers
 * ({@link KeycloakBackend#TESTCONTAINERS}). Started like the distribution: {@code start} (not
 * {@code start-dev}) with the options of {@link BuildOptions#DEV_FILE}. If the JVM dies, Testcontainers'
 * reaper removes the container.
 */
public final class ContainerKeycloak implements KeycloakUnderTest {

    private static final String IMAGE = "quay.io/keycloak/keycloak";

    private final KeycloakContainer container;
    private final Path log;
    private Keycloak admin;

    private ContainerKeycloak(KeycloakContainer container, Path log) {
        this.container = container;
        this.log = log;
    }

    /** Called by {@link KeycloakBackend#TESTCONTAINERS}; the realms reach the mailbox at {@code smtpPort}. */
    public static ContainerKeycloak start(int smtpPort) {
        Path log = emptyLog(HarnessPaths.workDir().resolve("servers/container/server.log"));
        // Before the container starts, so that it gets the host.testcontainers.internal entry.
        Testcontainers.exposeHostPorts(smtpPort);
        KeycloakContainer container = new KeycloakContainer(IMAGE + ":" + HarnessPaths.keycloakVersion())
                .withProductionMode()
                .withProviderLibsFrom(List.of(HarnessPaths.vigilJar().toFile()))
                .withAdminUsername(KeycloakServer.ADMIN_USER)
                .withAdminPassword(KeycloakServer.ADMIN_PASSWORD)
                .withEnv(asEnvironment(BuildOptions.DEV_FILE))
                // the container sets KC_METRICS_ENABLED from this flag, over the value above
                .withEnabledMetrics()
                .withEnv("KC_HTTP_ENABLED", "true")
                .withEnv("KC_HOSTNAME_STRICT", "false")
                .withEnv("KC_CACHE", "local")
                .withStartupTimeout(Duration.ofMinutes(3))
                .withLogConsumer(frame -> append(log, frame));
        try {
            container.start();
        } catch (RuntimeException e) {
            container.stop();
            throw new IllegalStateException("The Keycloak container did not start: " + e.getMessage() + "\n"
                    + LogTail.of(log), e);
        }
        return new ContainerKeycloak(container, log);
    }

    @Override
    public String baseUrl() {
        return container.getAuthServerUrl();
    }

    @Override
    public String realmUrl(String realm) {
        return baseUrl() + "/realms/" + realm;
    }

    @Override
    public synchronized Keycloak admin() {
        if (admin == null) {
            admin = container.getKeycloakAdminClient();
        }
        return admin;
    }

    @Override
    public Path logFile() {
        return log;
    }

    @Override
    public String testMachineHost() {
        return GenericContainer.INTERNAL_HOST_HOSTNAME;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close();
            admin = null;
        }
        container.stop();
    }

    /** {@code --db=dev-file} becomes {@code KC_DB=dev-file}: the image reads options from the environment. */
    private static Map<String, String> asEnvironment(List<String> options) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String option : options) {
            String[] nameAndValue = option.substring(2).split("=", 2);
            environment.put("KC_" + nameAndValue[0].replace('-', '_').toUpperCase(Locale.ROOT), nameAndValue[1]);
        }
        return environment;
    }

    private static Path emptyLog(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "", StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each frame is one line with its line ending; stdout and stderr frames arrive on different threads. */
    private static synchronized void append(Path log, OutputFrame frame) {
        try {
            Files.writeString(log, frame.getUtf8String(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
