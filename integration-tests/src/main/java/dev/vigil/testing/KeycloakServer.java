package dev.vigil.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.admin.client.Keycloak;

/**
 * One running Keycloak: {@code kc.sh start --optimized} on loopback ports, ready when its
 * management port answers {@code /health/ready}. Stopped with its whole process tree.
 */
public final class KeycloakServer implements KeycloakUnderTest {

    public static final String ADMIN_USER = "admin";
    /** The bootstrap admin's password on test servers; the demo sets its own. */
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";

    private final String name;
    private final KeycloakInstall install;
    private final int httpPort;
    private final int managementPort;
    private final String hostname;
    private final String adminPassword;
    private final Path log;
    private final Process process;
    private final Thread shutdownHook;
    private Keycloak admin;

    private KeycloakServer(Builder b, Process process, Path log) {
        this.name = b.name;
        this.install = b.install;
        this.httpPort = b.httpPort;
        this.managementPort = b.managementPort;
        this.hostname = b.hostname;
        this.adminPassword = b.adminPassword;
        this.process = process;
        this.log = log;
        this.shutdownHook = new Thread(() -> ProcessTree.stop(process), "stop-keycloak-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static Builder builder(String name, KeycloakInstall install) {
        return new Builder(name, install);
    }

    public String name() {
        return name;
    }

    /** The base URL clients use, e.g. {@code http://127.0.0.1:41234}. */
    public String baseUrl() {
        return hostname != null ? hostname : "http://127.0.0.1:" + httpPort;
    }

    /** The URL of this node itself (differs from {@link #baseUrl()} for cluster nodes sharing a hostname). */
    public String nodeUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public String realmUrl(String realm) {
        return nodeUrl() + "/realms/" + realm;
    }

    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    private static final HttpClient HTTP_1_1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /**
     * The server's Prometheus metrics, as text ({@code /metrics} on the management port). HTTP/1.1, because the JDK
     * client's default cleartext HTTP/2 upgrade failed on this large answer in a CI run ("Frame type(114) length(685935)
     * exceeds MAX_FRAME_SIZE").
     */
    public String metricsText() {
        try {
            HttpResponse<String> response = HTTP_1_1.send(HttpRequest.newBuilder(URI.create(managementUrl() + "/metrics"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET /metrics answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int httpPort() {
        return httpPort;
    }

    public Path logFile() {
        return log;
    }

    /** The server runs on the test machine itself. */
    @Override
    public String testMachineHost() {
        return "127.0.0.1";
    }

    public ServerLog log() {
        return new ServerLog(log);
    }

    public KeycloakInstall install() {
        return install;
    }

    /** The launcher process ({@code setsid bash ...}); the Keycloak JVM is among its descendants. */
    public ProcessHandle processHandle() {
        return process.toHandle();
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** An admin client logged in to the master realm as the bootstrap admin. */
    public synchronized Keycloak admin() {
        if (admin == null) {
            admin = Keycloak.getInstance(nodeUrl(), "master", ADMIN_USER, adminPassword, "admin-cli");
        }
        return admin;
    }

    /**
     * {@code kill -9} of the whole process tree (launcher, kc.sh, the JVM): no shutdown hook, no cluster
     * leave message, nothing flushed. Returns once every process of the tree has exited.
     */
    public void kill() {
        if (admin != null) {
            admin.close();
            admin = null;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("process " + handle.pid() + " of Keycloak " + name + " survived SIGKILL", e);
            }
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs anyway and finds the process gone
        }
    }

    @Override
    public void close() {
        if (admin != null) {
            admin.close();
            admin = null;
        }
        ProcessTree.stop(process);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook runs anyway and finds the process gone
        }
    }

    public static final class Builder {
        private final String name;
        private final KeycloakInstall install;
        private int httpPort;
        private int managementPort;
        private String hostname;
        private String adminPassword = ADMIN_PASSWORD;
        private final Map<String, String> options = new LinkedHashMap<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Duration startTimeout = Duration.ofMinutes(3);

        private Builder(String name, KeycloakInstall install) {
            this.name = name;
            this.install = install;
            option("cache", "local");
        }

        public Builder ports(int http, int management) {
            this.httpPort = http;
            this.managementPort = management;
            return this;
        }

        /** A shared public hostname (cluster nodes must agree on the token issuer). */
        public Builder hostname(String url) {
            this.hostname = url;
            return this;
        }

        /** A runtime option, given as {@code --key=value}. */
        public Builder option(String key, String value) {
            options.put(key, value);
            return this;
        }

        /** The bootstrap admin's password (user {@value #ADMIN_USER}). */
        public Builder adminPassword(String password) {
            this.adminPassword = password;
            return this;
        }

        /** A runtime flag without a value, given as {@code --name}. */
        public Builder flag(String name) {
            options.put(name, null);
            return this;
        }

        public Builder env(String key, String value) {
            environment.put(key, value);
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        public KeycloakServer start() {
            if (httpPort == 0) {
                httpPort = FreePorts.next();
            }
            if (managementPort == 0) {
                managementPort = FreePorts.next();
            }
            FreePorts.requireFree(httpPort, "Keycloak " + name + " HTTP");
            FreePorts.requireFree(managementPort, "Keycloak " + name + " management");

            Path home = install.home();
            Path log = home.resolve("server.log");
            List<String> command = new ArrayList<>(List.of("setsid", "bash", guardScript(home).toString(),
                    String.valueOf(ProcessHandle.current().pid()), install.kcSh().toString(), "start", "--optimized",
                    "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + httpPort,
                    "--http-management-port=" + managementPort));
            if (hostname != null) {
                command.add("--hostname=" + hostname);
            } else {
                command.add("--hostname-strict=false");
            }
            options.forEach((k, v) -> command.add(v == null ? "--" + k : "--" + k + "=" + v));

            ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USER);
            pb.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
            pb.environment().put("KC_LOG_CONSOLE_COLOR", "false");
            pb.environment().putAll(environment);
            Process process;
            try {
                process = pb.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + install.kcSh(), e);
            }
            KeycloakServer server = new KeycloakServer(this, process, log);
            try {
                server.awaitReady(startTimeout);
            } catch (RuntimeException | Error e) {
                server.close();
                throw e;
            }
            return server;
        }
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI ready = URI.create(managementUrl() + "/health/ready");
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak " + name + " exited (code " + process.exitValue()
                        + ") while starting\n" + LogTail.of(log));
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the management port is not open yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak " + name, e);
            }
            if (System.nanoTime() > end) {
                throw new IllegalStateException("Keycloak " + name + " was not ready within " + timeout.toSeconds()
                        + " s\n" + LogTail.of(log));
            }
            try {
                process.waitFor(250, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak " + name, e);
            }
        }
    }

    private static Path guardScript(Path home) {
        Path script = home.resolve("bin/vigil-guard.sh");
        try (InputStream in = KeycloakServer.class.getResourceAsStream("keycloak-guard.sh")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return script;
    }
}
