package dev.vigil.testing;

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

    private TestKeycloak(KeycloakUnderTest server, Mailbox mailbox) {
        this.server = server;
        this.mailbox = mailbox;
    }

    /** Starts a server without data from earlier runs on the backend chosen with {@code -Dvigil.backend}. */
    public static TestKeycloak start() {
        KeycloakBackend backend = KeycloakBackend.fromSystemProperty();
        Mailbox mailbox = Mailbox.start();
        try {
            return new TestKeycloak(backend.start(mailbox.port()), mailbox);
        } catch (RuntimeException | Error e) {
            mailbox.close();
            throw e;
        }
    }

    /** The server process; only the distribution backend has one. */
    public KeycloakServer server() {
        if (server instanceof KeycloakServer process) {
            return process;
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

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            mailbox.close();
        }
    }
}
