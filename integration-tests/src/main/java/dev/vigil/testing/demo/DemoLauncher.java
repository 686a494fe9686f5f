package dev.vigil.testing.demo;

import dev.vigil.testing.BuildOptions;
import dev.vigil.testing.FreePorts;
import dev.vigil.testing.HarnessPaths;
import dev.vigil.testing.KeycloakInstall;
import dev.vigil.testing.KeycloakServer;
import dev.vigil.testing.Mailbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./demo.sh}: Keycloak 26.7.3 with the pack and the {@code vigil-demo} realm, a mail sink that
 * prints every mail, a small demo app, and the audit trail echoed to the console. Ctrl-C stops it all.
 */
public final class DemoLauncher {

    private static final String REALM = "vigil-demo";
    /** Only for the bootstrap admin of a fresh demo database; change it in the admin console for anything else. */
    private static final String ADMIN_PASSWORD = "admin";

    private DemoLauncher() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (RuntimeException e) {
            // Mail and HTTP threads would keep the JVM alive; exit runs the shutdown hooks that stop them.
            System.err.println("The demo could not start: " + e.getMessage());
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        boolean reset = List.of(args).contains("--reset");
        int httpPort = port("VIGIL_DEMO_HTTP_PORT", 8080);
        int managementPort = port("VIGIL_DEMO_MANAGEMENT_PORT", 9000);
        int smtpPort = port("VIGIL_SMTP_PORT", 2525);
        int appPort = port("VIGIL_DEMO_APP_PORT", 8081);
        try {
            for (int[] p : new int[][] {{httpPort}, {managementPort}, {smtpPort}, {appPort}}) {
                FreePorts.requireFree(p[0], "demo");
            }
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + " Set VIGIL_DEMO_HTTP_PORT, VIGIL_DEMO_MANAGEMENT_PORT,"
                    + " VIGIL_SMTP_PORT or VIGIL_DEMO_APP_PORT to use other ports.", e);
        }

        Path home = HarnessPaths.repoDir().resolve(".demo/keycloak");
        say("Preparing Keycloak " + HarnessPaths.keycloakVersion() + " with the Vigil jar in " + home
                + " (kc.sh build runs only when the jar changed)...");
        KeycloakInstall install = KeycloakInstall.prepare(home, HarnessPaths.distribution(), HarnessPaths.vigilJar(),
                BuildOptions.DEV_FILE);
        Path realmFile = HarnessPaths.repoDir().resolve("demo/vigil-demo-realm.json");
        Path importedDigest = home.resolve("imported-realm.sha256");
        String realmDigest = KeycloakInstall.digest(Files.readAllBytes(realmFile));
        boolean realmChanged = Files.exists(importedDigest) && !Files.readString(importedDigest).equals(realmDigest);
        if (reset || realmChanged) {
            if (realmChanged && !reset) {
                say("demo/vigil-demo-realm.json changed since the last run: the demo's data is wiped so that the"
                        + " current realm is imported (use --reset to do this at any time).");
            }
            install.wipeData();
        }
        Path imports = home.resolve("data/import");
        Files.createDirectories(imports);
        Files.copy(realmFile, imports.resolve("vigil-demo-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        // Keycloak imports the realm only when it does not exist yet; the digest says which file that was.
        Files.writeString(importedDigest, realmDigest);

        Mailbox mailbox = Mailbox.start(smtpPort);
        MailPrinter mailPrinter = new MailPrinter(mailbox);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mailPrinter.close();
            mailbox.close();
        }));

        say("Starting Keycloak on http://localhost:" + httpPort + " ...");
        KeycloakServer server = KeycloakServer.builder("demo", install)
                .ports(httpPort, managementPort)
                .flag("import-realm")
                .adminPassword(ADMIN_PASSWORD)
                .env("VIGIL_SMTP_HOST", "127.0.0.1")
                .env("VIGIL_SMTP_PORT", String.valueOf(smtpPort))
                .env("VIGIL_DEMO_APP_PORT", String.valueOf(appPort))
                .startTimeout(Duration.ofMinutes(5))
                .start();
        AuditTail auditTail = new AuditTail(server.logFile());
        String base = "http://localhost:" + httpPort;
        DemoApp app = new DemoApp(appPort, base + "/realms/" + REALM);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            auditTail.close();
            app.close();
        }));

        say("");
        say("Vigil demo is running. Ctrl-C stops everything.");
        say("  Admin console    " + base + "/admin/  (user " + KeycloakServer.ADMIN_USER + ", password "
                + ADMIN_PASSWORD + ")");
        say("  Account console  " + base + "/realms/" + REALM + "/account/  (user alice, password alice)");
        say("  Demo app         " + app.url() + "  (signs in with the demo-app client)");
        say("  Login link       " + base + "/realms/" + REALM + "/protocol/openid-connect/auth?client_id=demo-app"
                + "&response_type=code&scope=openid&redirect_uri=http%3A%2F%2Flocalhost%3A" + appPort + "%2Fcallback");
        say("  Metrics          http://localhost:" + managementPort + "/metrics");
        say("  Mail             SMTP on 127.0.0.1:" + smtpPort + "; every mail is printed here");
        say("  Keycloak log     " + server.logFile());
        say("  Audit trail      every [vigil.audit] line is printed here as it is written");
        say("");
        new CountDownLatch(1).await();
    }

    private static int port(String env, int fallback) {
        String value = System.getenv(env);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(env + " must be a port number, not '" + value + "'");
        }
    }

    static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

}
