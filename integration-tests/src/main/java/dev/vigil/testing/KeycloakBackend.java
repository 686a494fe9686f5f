package dev.vigil.testing;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the shared test server is run, chosen with {@code -Dvigil.backend=...}. */
public enum KeycloakBackend {

    /** The official distribution, run by {@link KeycloakServer} (the default). */
    DISTRIBUTION {
        @Override
        KeycloakUnderTest start(int smtpPort, boolean testProviders) {
            Path home = HarnessPaths.workDir().resolve("servers/single");
            KeycloakInstall install = KeycloakInstall.prepare(home, BuildOptions.DEV_FILE, testProviders);
            install.wipeData();
            // Forwarded headers count only from the loopback proxy of TrustedProxy (127.0.0.2): every other
            // request of the tests comes from 127.0.0.1, where X-Forwarded-For is ignored as without proxy settings.
            return KeycloakServer.builder("single", install)
                    .option("proxy-headers", "xforwarded")
                    .option("proxy-trusted-addresses", TrustedProxy.ADDRESS)
                    .start();
        }
    },

    /**
     * The official image, run by Testcontainers (needs a Docker engine). It has the Vigil jar only: time control
     * ({@link TestKeycloak#timeTravel}) fails there with a message saying so.
     */
    TESTCONTAINERS {
        @Override
        KeycloakUnderTest start(int smtpPort, boolean testProviders) {
            Class<?> backend = containerBackend();
            try {
                return (KeycloakUnderTest) backend.getMethod("start", int.class).invoke(null, smtpPort);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                if (e.getCause() instanceof Error failure) {
                    throw failure;
                }
                throw new IllegalStateException(e.getCause());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(CONTAINER_BACKEND + " has no public static start(int)", e);
            }
        }
    },

    /**
     * The official distribution on a PostgreSQL of its own ({@code fsync=off}), one node: for measurements whose
     * cost depends on the database (H2 answers some of Keycloak's session queries by scanning).
     */
    POSTGRES {
        @Override
        KeycloakUnderTest start(int smtpPort, boolean testProviders) {
            return PostgresKeycloak.start(HarnessPaths.workDir(), testProviders);
        }
    };

    public static final String PROPERTY = "vigil.backend";

    /**
     * Compiled only by the Maven profile {@code testcontainers}, so the default build needs neither
     * Docker nor the Testcontainers jars; hence loaded by name.
     */
    static final String CONTAINER_BACKEND = "dev.vigil.testing.ContainerKeycloak";

    /**
     * Starts a Keycloak with the Vigil jar whose realms can send mail to {@code smtpPort} on the test machine,
     * without the test-only providers (as the benchmarks measure it).
     */
    public KeycloakUnderTest start(int smtpPort) {
        return start(smtpPort, false);
    }

    /** As {@link #start(int)}, with the test-only providers (time control) where the backend can install them. */
    public KeycloakUnderTest startForTests(int smtpPort) {
        return start(smtpPort, true);
    }

    abstract KeycloakUnderTest start(int smtpPort, boolean testProviders);

    /** The value of {@value #PROPERTY} that selects this backend. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The backend named by a {@value #PROPERTY} value; no value means {@link #DISTRIBUTION}. */
    public static KeycloakBackend select(String value) {
        if (value == null || value.isBlank()) {
            return DISTRIBUTION;
        }
        return Arrays.stream(values()).filter(b -> b.id().equals(value.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown " + PROPERTY + " '" + value
                        + "'; valid values: " + Arrays.stream(values()).map(KeycloakBackend::id)
                        .collect(Collectors.joining(", "))));
    }

    public static KeycloakBackend fromSystemProperty() {
        return select(System.getProperty(PROPERTY));
    }

    private static Class<?> containerBackend() {
        try {
            return Class.forName(CONTAINER_BACKEND);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(PROPERTY + "=testcontainers needs " + CONTAINER_BACKEND
                    + ", which only the Maven profile 'testcontainers' compiles (from src/testcontainers/java):"
                    + " activate with -Dvigil.backend=testcontainers so the profile adds it.", e);
        }
    }
}
