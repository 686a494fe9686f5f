package dev.vigil.testing;

import java.util.Map;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.RealmRepresentation;

/**
 * What an integration test gets: one Keycloak with the Vigil jar (shared by every test class of
 * the run), its admin client, its log, and the SMTP server its realms send mail to.
 */
public final class TestKeycloak implements AutoCloseable {

    private final KeycloakServer server;
    private final Mailbox mailbox;

    private TestKeycloak(KeycloakServer server, Mailbox mailbox) {
        this.server = server;
        this.mailbox = mailbox;
    }

    /** Builds the installation if the jar or build options changed, wipes its data and starts it. */
    public static TestKeycloak start() {
        KeycloakInstall install = KeycloakInstall.prepare(HarnessPaths.workDir().resolve("servers/single"),
                HarnessPaths.distribution(), HarnessPaths.vigilJar(), BuildOptions.DEV_FILE);
        install.wipeData();
        Mailbox mailbox = Mailbox.start();
        try {
            return new TestKeycloak(KeycloakServer.builder("single", install).start(), mailbox);
        } catch (RuntimeException | Error e) {
            mailbox.close();
            throw e;
        }
    }

    public KeycloakServer server() {
        return server;
    }

    public Keycloak admin() {
        return server.admin();
    }

    public Mailbox mailbox() {
        return mailbox;
    }

    public ServerLog log() {
        return server.log();
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public String realmUrl(String realm) {
        return server.realmUrl(realm);
    }

    /** The values for realm-file placeholders that point a realm at this harness. */
    public Map<String, String> placeholders() {
        return Map.of("VIGIL_SMTP_HOST", "127.0.0.1", "VIGIL_SMTP_PORT", String.valueOf(mailbox.port()));
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
