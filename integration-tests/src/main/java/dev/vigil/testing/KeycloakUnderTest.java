package dev.vigil.testing;

import java.nio.file.Path;
import org.keycloak.admin.client.Keycloak;

/** A running Keycloak with the Vigil jar, however it was started (see {@link KeycloakBackend}). */
public interface KeycloakUnderTest extends AutoCloseable {

    /** The base URL clients use, e.g. {@code http://127.0.0.1:41234}. */
    String baseUrl();

    String realmUrl(String realm);

    /** An admin client logged in to the master realm as the bootstrap admin. */
    Keycloak admin();

    /** The server's console output, as a file that grows while it runs. */
    Path logFile();

    /** The host name under which the server reaches services on the test machine, such as the mailbox. */
    String testMachineHost();

    @Override
    void close();
}
