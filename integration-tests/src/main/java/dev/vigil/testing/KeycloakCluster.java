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

    private static final java.util.regex.Pattern VIEW = java.util.regex.Pattern.compile(
            "ISPN000094: Received new cluster view for channel \\S+: \\[[^]]*] \\((\\d+)\\)");

    private final PostgresServer postgres;
    private final List<KeycloakServer> nodes;
    private final List<KeycloakServer.Builder> builders;
    private final ServerTime time;

    private KeycloakCluster(PostgresServer postgres, List<KeycloakServer> nodes, List<KeycloakServer.Builder> builders) {
        this.postgres = postgres;
        this.nodes = nodes;
        this.builders = builders;
        List<ServerTime.Node> timeNodes = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            int index = i;
            timeNodes.add(new ServerTime.Node(nodes.get(i).nodeUrl(), () -> nodes.get(index).admin(),
                    () -> nodes.get(index).isRunning()));
        }
        this.time = new ServerTime(timeNodes);
    }

    public static KeycloakCluster start(int size, Path workDir, Path distribution, Path jar) {
        return start(size, workDir, distribution, jar, java.util.Map.of());
    }

    /** As {@link #start(int, Path, Path, Path)}, with more runtime options for every node (e.g. {@code proxy-headers}). */
    public static KeycloakCluster start(int size, Path workDir, Path distribution, Path jar, java.util.Map<String, String> options) {
        return start(java.util.Collections.nCopies(size, jar), workDir, distribution, options);
    }

    /**
     * One node per jar of {@code jars}, node 1 on the first: a rolling update's cluster, where nodes run
     * different Vigil versions side by side. Each distinct jar gets its own {@code kc.sh build}.
     */
    public static KeycloakCluster start(List<Path> jars, Path workDir, Path distribution, java.util.Map<String, String> options) {
        PostgresServer postgres = PostgresServer.start(workDir);
        List<KeycloakServer> nodes = new ArrayList<>();
        List<KeycloakServer.Builder> builders = new ArrayList<>();
        try {
            List<Path> distinct = jars.stream().distinct().toList();
            List<KeycloakInstall> builds = new ArrayList<>();
            for (int j = 0; j < distinct.size(); j++) {
                builds.add(KeycloakInstall.prepareForTests(workDir.resolve(j == 0 ? "servers/cluster-build" : "servers/cluster-build-" + j),
                        distribution, distinct.get(j), HarnessPaths.testProvidersJar(), BuildOptions.POSTGRES));
            }
            int firstHttpPort = FreePorts.next();
            for (int i = 1; i <= jars.size(); i++) {
                KeycloakInstall node = KeycloakInstall.copyOf(builds.get(distinct.indexOf(jars.get(i - 1))),
                        workDir.resolve("servers/node-" + i));
                KeycloakServer.Builder builder = KeycloakServer.builder("node-" + i, node);
                options.forEach(builder::option);
                // The first node creates the schema on an empty database: minutes on a loaded machine.
                builder.startTimeout(Duration.ofMinutes(8))
                        .ports(i == 1 ? firstHttpPort : FreePorts.next(), FreePorts.next())
                        .hostname("http://127.0.0.1:" + firstHttpPort)
                        .option("db-url", postgres.jdbcUrl())
                        .option("db-username", PostgresServer.USER)
                        .option("db-password", "unused-trust-auth")
                        .option("cache", "ispn")
                        .option("cache-stack", "jdbc-ping")
                        .option("cache-embedded-network-bind-address", "127.0.0.1")
                        .option("cache-embedded-network-bind-port", String.valueOf(FreePorts.next()));
                builders.add(builder);
                nodes.add(builder.start());
            }
            return new KeycloakCluster(postgres, nodes, builders);
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

    /**
     * {@code kill -9} of node {@code oneBased}'s whole process tree, then waits until every running node has
     * installed a cluster view without it (Infinispan's ISPN000094 line with the smaller member count).
     */
    public void kill(int oneBased) {
        node(oneBased).kill();
        awaitViewsOf(runningCount(), Duration.ofMinutes(3));
    }

    /** Starts node {@code oneBased} again (same ports, same installation), on the cluster's current time. */
    public KeycloakServer restart(int oneBased) {
        KeycloakServer node = node(oneBased);
        if (node.isRunning()) {
            node.close();
        }
        nodes.set(oneBased - 1, builders.get(oneBased - 1).start());
        time.resync(oneBased - 1);
        awaitViewsOf(runningCount(), Duration.ofMinutes(3));
        return node(oneBased);
    }

    /**
     * A full restart: every node stopped as an operator stops it (SIGTERM, Keycloak's orderly shutdown) until none
     * runs, so nothing lives on in any node's memory; then all started again on the same database, in order.
     */
    public void restartAll() {
        for (int i = nodes.size(); i >= 1; i--) {
            node(i).close();
        }
        for (int i = 1; i <= nodes.size(); i++) {
            nodes.set(i - 1, builders.get(i - 1).start());
            time.resync(i - 1);
        }
        awaitViewsOf(runningCount(), Duration.ofMinutes(3));
    }

    private int runningCount() {
        return (int) nodes.stream().filter(KeycloakServer::isRunning).count();
    }

    /** Waits until the last cluster view each running node logged has {@code members} members. */
    public void awaitViewsOf(int members, Duration timeout) {
        for (KeycloakServer node : nodes) {
            if (node.isRunning()) {
                Deadline.awaitTrue(node.name() + " to see a cluster view of " + members, timeout,
                        () -> lastViewSize(node) == members);
            }
        }
    }

    /** The member count of the last cluster view {@code node} logged, 0 if none yet. */
    public static int lastViewSize(KeycloakServer node) {
        java.util.regex.Matcher m = VIEW.matcher(node.log().text());
        int last = 0;
        while (m.find()) {
            last = Integer.parseInt(m.group(1));
        }
        return last;
    }

    /** Moves the clock of every running node forward by {@code by}, as {@link TestKeycloak#timeTravel} does for one server. */
    public void timeTravel(Duration by) {
        time.travel(by);
    }

    /** Puts every running node back on the wall clock. */
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
