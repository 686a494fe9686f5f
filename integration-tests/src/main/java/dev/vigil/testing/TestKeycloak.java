package dev.vigil.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * What an integration test gets: one Keycloak with the Vigil jar (shared by every test class of
 * the run), its admin client, its log, and the SMTP server its realms send mail to.
 */
public final class TestKeycloak implements AutoCloseable {

    private final KeycloakUnderTest server;
    private final Mailbox mailbox;
    private final ServerTime time;

    private TestKeycloak(KeycloakUnderTest server, Mailbox mailbox) {
        this.server = server;
        this.mailbox = mailbox;
        this.time = new ServerTime(List.of(new ServerTime.Node(server.baseUrl(), server::admin)));
    }

    /**
     * Starts a server without data from earlier runs on the backend chosen with {@code -Dvigil.backend}, with the
     * Vigil jar only (as the benchmarks measure it).
     */
    public static TestKeycloak start() {
        return start(false);
    }

    /**
     * As {@link #start()}, with the test-only providers next to the Vigil jar, so that {@link #timeTravel} works:
     * the server integration tests get ({@link dev.vigil.testing.junit.WithKeycloak}).
     */
    public static TestKeycloak startForTests() {
        return start(true);
    }

    private static TestKeycloak start(boolean testProviders) {
        KeycloakBackend backend = KeycloakBackend.fromSystemProperty();
        Mailbox mailbox = Mailbox.start();
        try {
            return new TestKeycloak(testProviders ? backend.startForTests(mailbox.port()) : backend.start(mailbox.port()),
                    mailbox);
        } catch (RuntimeException | Error e) {
            mailbox.close();
            throw e;
        }
    }

    /** The Keycloak server process; the distribution backends (alone, or on PostgreSQL) have one. */
    public KeycloakServer server() {
        if (server instanceof KeycloakServer process) {
            return process;
        }
        if (server instanceof PostgresKeycloak postgres) {
            return postgres.keycloak();
        }
        throw new IllegalStateException("server() exists only on the distribution backend; with "
                + KeycloakBackend.PROPERTY + "=testcontainers use the other methods of TestKeycloak");
    }

    public Keycloak admin() {
        return server.admin();
    }

    public Mailbox mailbox() {
        return mailbox;
    }

    public ServerLog log() {
        return new ServerLog(server.logFile());
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public String realmUrl(String realm) {
        return server.realmUrl(realm);
    }

    /** The values for realm-file placeholders that point a realm at this harness. */
    public Map<String, String> placeholders() {
        return Map.of("VIGIL_SMTP_HOST", server.testMachineHost(), "VIGIL_SMTP_PORT", String.valueOf(mailbox.port()));
    }

    /** Imports a realm fixture from the test classpath, replacing a realm of the same name. */
    public RealmRepresentation importRealm(String resource) {
        RealmRepresentation realm = RealmFixtures.read(RealmFixtures.classpath(resource), placeholders());
        RealmFixtures.importFresh(admin(), realm);
        return realm;
    }

    /**
     * Moves the server's clock forward by {@code by} instead of waiting: Keycloak's time offset (token, session
     * and code expiry, Vigil's clock) and the cache layer's time (expiry of single-use entries). Adds up across
     * calls; {@link dev.vigil.testing.junit.WithKeycloak} resets it after every test class. The admin client gets
     * a fresh token at the new time; tokens a test already holds keep their old times.
     */
    public void timeTravel(Duration by) {
        time.travel(by);
    }

    /** Puts the server back on the wall clock. */
    public void resetTime() {
        time.reset();
    }

    /** How far the server's clock is ahead of the wall clock. */
    public Duration timeOffset() {
        return time.offset();
    }

    /** Whether {@code key} is in Keycloak's single-use store (presence only), e.g. to see an entry expire. */
    public boolean singleUseEntryExists(String key) {
        return time.singleUseEntryExists(0, key);
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            mailbox.close();
        }
    }
}
