package dev.vigil.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A private PostgreSQL and N Keycloak nodes on loopback forming one Infinispan cluster
 * (JGroups {@code jdbc-ping} discovery through the shared database). The nodes share one public
 * hostname, the first node's URL, so every node accepts the others' tokens. The nodes have the
 * test-only providers, so {@link #timeTravel} moves the time of all of them.
 */
public final class KeycloakCluster implements AutoCloseable {

    private final PostgresServer postgres;
    private final List<KeycloakServer> nodes;
    private final ServerTime time;

    private KeycloakCluster(PostgresServer postgres, List<KeycloakServer> nodes) {
        this.postgres = postgres;
        this.nodes = nodes;
        this.time = new ServerTime(nodes.stream().map(n -> new ServerTime.Node(n.nodeUrl(), n::admin)).toList());
    }

    public static KeycloakCluster start(int size, Path workDir, Path distribution, Path jar) {
        PostgresServer postgres = PostgresServer.start(workDir);
        List<KeycloakServer> nodes = new ArrayList<>();
        try {
            KeycloakInstall built = KeycloakInstall.prepareForTests(workDir.resolve("servers/cluster-build"), distribution,
                    jar, HarnessPaths.testProvidersJar(), BuildOptions.POSTGRES);
            int firstHttpPort = FreePorts.next();
            for (int i = 1; i <= size; i++) {
                KeycloakInstall node = KeycloakInstall.copyOf(built, workDir.resolve("servers/node-" + i));
                nodes.add(KeycloakServer.builder("node-" + i, node)
                        .ports(i == 1 ? firstHttpPort : 0, 0)
                        .hostname("http://127.0.0.1:" + firstHttpPort)
                        .option("db-url", postgres.jdbcUrl())
                        .option("db-username", PostgresServer.USER)
                        .option("db-password", "unused-trust-auth")
                        .option("cache", "ispn")
                        .option("cache-stack", "jdbc-ping")
                        .option("cache-embedded-network-bind-address", "127.0.0.1")
                        .option("cache-embedded-network-bind-port", String.valueOf(FreePorts.next()))
                        .start());
            }
            return new KeycloakCluster(postgres, nodes);
        } catch (RuntimeException | Error e) {
            nodes.forEach(KeycloakServer::close);
            postgres.close();
            throw e;
        }
    }

    public KeycloakServer node(int oneBased) {
        return nodes.get(oneBased - 1);
    }

    public List<KeycloakServer> nodes() {
        return nodes;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    /** Moves the clock of every node forward by {@code by}, as {@link TestKeycloak#timeTravel} does for one server. */
    public void timeTravel(Duration by) {
        time.travel(by);
    }

    /** Puts every node back on the wall clock. */
    public void resetTime() {
        time.reset();
    }

    /** Whether {@code key} is in Keycloak's single-use store as node {@code oneBased} sees it. */
    public boolean singleUseEntryExists(int oneBased, String key) {
        return time.singleUseEntryExists(oneBased - 1, key);
    }

    @Override
    public void close() {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
        postgres.close();
    }
}
