package dev.vigil.testing;

import java.nio.file.Path;
import org.keycloak.admin.client.Keycloak;

/** One Keycloak on a PostgreSQL of its own (local cache, no cluster): the production database shape on one node. */
final class PostgresKeycloak implements KeycloakUnderTest {

    private final PostgresServer postgres;
    private final KeycloakServer server;

    private PostgresKeycloak(PostgresServer postgres, KeycloakServer server) {
        this.postgres = postgres;
        this.server = server;
    }

    static PostgresKeycloak start(Path workDir, boolean testProviders) {
        PostgresServer postgres = PostgresServer.start(workDir.resolve("single-postgres"));
        try {
            Path home = workDir.resolve("servers/single-postgres");
            KeycloakInstall install = KeycloakInstall.prepare(home, BuildOptions.POSTGRES, testProviders);
            KeycloakServer server = KeycloakServer.builder("single-postgres", install)
                    .option("db-url", postgres.jdbcUrl())
                    .option("db-username", PostgresServer.USER)
                    .option("db-password", "unused-trust-auth")
                    .option("cache", "local")
                    .start();
            return new PostgresKeycloak(postgres, server);
        } catch (RuntimeException | Error e) {
            postgres.close();
            throw e;
        }
    }

    /** The Keycloak process (not the database's). */
    KeycloakServer keycloak() {
        return server;
    }

    @Override
    public String baseUrl() {
        return server.baseUrl();
    }

    @Override
    public String realmUrl(String realm) {
        return server.realmUrl(realm);
    }

    @Override
    public Keycloak admin() {
        return server.admin();
    }

    @Override
    public Path logFile() {
        return server.logFile();
    }

    @Override
    public String testMachineHost() {
        return server.testMachineHost();
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            postgres.close();
        }
    }
}
