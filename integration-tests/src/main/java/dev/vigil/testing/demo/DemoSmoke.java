package dev.vigil.testing.demo;

import dev.vigil.testing.Deadline;
import dev.vigil.testing.client.FormLogin;
import dev.vigil.testing.client.Mails;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * CI's smoke run of a running {@code ./demo.sh}: signs alice in through the demo app as a person would
 * (password, then the email code read from the mail the demo printed on its console) and checks that
 * the console echoed the LOGIN audit line. Arguments: the demo app's URL and the file holding the
 * demo's console output. Exits 1 with the failed step named.
 */
public final class DemoSmoke {

    private static final String USER = "alice";
    private static final String MAIL_HEADER = "To:      [" + USER + "@example.com]";
    private static final String MAIL_END = "--------------------------------------------------------------------";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final URI app;
    private final Path console;

    private DemoSmoke(URI app, Path console) {
        this.app = app;
        this.console = console;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: DemoSmoke <demo app url> <demo console output file>");
            System.exit(2);
        }
        try {
            new DemoSmoke(URI.create(args[0]), Path.of(args[1])).run();
        } catch (AssertionError | RuntimeException e) {
            System.err.println("Demo smoke run FAILED: " + e.getMessage());
            System.exit(1);
        }
    }

    private void run() throws Exception {
        FormLogin person = new FormLogin();
        FormLogin.Step step = person.open(app.resolve("/login"));
        check(!step.redirected() && step.page().getElementById("kc-form-login") != null,
                "the demo app's sign-in link shows Keycloak's password form", step);
        int consoleBefore = consoleText().length();

        step = person.submit(step.page(), "kc-form-login", Map.of("username", USER, "password", USER));
        if (!step.redirected() && step.page().getElementById("vigil-email-otp-code-form") == null
                && step.page().getElementById("vigil-email-otp-resend-form") != null) {
            step = person.submit(step.page(), "vigil-email-otp-resend-form", Map.of());
        }
        check(!step.redirected() && step.page().getElementById("vigil-email-otp-code-form") != null,
                "after the password, the demo's step-up rules ask for the email code (alice's first sign-in)", step);
        say("password accepted; the email code page is shown");

        String mail = await("the code mail to " + USER + " printed on the demo's console",
                text -> mailAfter(text, consoleBefore));
        String code = Mails.code(mail);
        say("code mail printed on the console");

        step = person.submit(step.page(), "vigil-email-otp-code-form", Map.of("code", code));
        check(step.redirected() && step.redirect().getPath().equals("/callback"),
                "the code is accepted and Keycloak redirects back to the demo app", step);
        HttpResponse<String> signedIn = HttpClient.newHttpClient().send(HttpRequest.newBuilder(step.redirect()).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (signedIn.statusCode() != 200 || !signedIn.body().contains("Signed in")
                || !signedIn.body().contains("preferred_username") || !signedIn.body().contains(USER)) {
            throw new AssertionError("expected: the demo app shows alice's claims; got HTTP " + signedIn.statusCode()
                    + "\n" + signedIn.body());
        }
        say("the demo app shows alice signed in");

        await("the LOGIN audit line echoed on the demo's console", text -> text.substring(consoleBefore).lines()
                .filter(line -> line.startsWith("audit: ") && line.contains("\"type\":\"LOGIN\"")
                        && line.contains("\"username\":\"" + USER + "\""))
                .findFirst());
        say("the LOGIN audit line was echoed");
        say("Demo smoke run passed.");
    }

    /** The text of the first mail to alice printed after {@code offset}, once it is printed whole. */
    private static Optional<String> mailAfter(String text, int offset) {
        int header = text.indexOf(MAIL_HEADER, offset);
        if (header < 0) {
            return Optional.empty();
        }
        int end = text.indexOf(MAIL_END, header);
        return end < 0 ? Optional.empty() : Optional.of(text.substring(header + MAIL_HEADER.length(), end));
    }

    private <T> T await(String what, Function<String, Optional<T>> probe) {
        return Deadline.await(what + " in " + console, PATIENCE, () -> probe.apply(consoleText()).orElse(null));
    }

    private String consoleText() {
        try {
            return Files.readString(console, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + console, e);
        }
    }

    private static void check(boolean ok, String expectation, FormLogin.Step step) {
        if (!ok) {
            String seen = step == null ? "" : step.redirected() ? " (redirected to " + step.redirect() + ")"
                    : " (page: " + step.page().text() + ")";
            throw new AssertionError("expected: " + expectation + seen);
        }
    }

    private static void say(String line) {
        System.out.println("demo smoke: " + line);
    }
}
