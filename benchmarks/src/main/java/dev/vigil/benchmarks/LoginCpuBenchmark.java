package dev.vigil.benchmarks;

import com.nimbusds.oauth2.sdk.token.Tokens;
import dev.vigil.testing.TestKeycloak;
import dev.vigil.testing.client.FormLogin;
import dev.vigil.testing.client.Mails;
import dev.vigil.testing.client.OidcClient;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * What does a login cost Keycloak's CPU with Vigil's email code, next to a password alone? Logins at a fixed rate
 * (the same offered load in every mode) in cycles of rounds of password, code-only, email, totp and password again
 * (the A-versus-A control) on one server ({@link Alternation}); CPU per login is the Keycloak process's CPU time
 * during a round over the logins it completed.
 * Goal: an email-code login (the code as the only factor) costs no more than a password login, code-only /
 * password <= 1.0, because the code step hashes no password (HMAC, not PBKDF2). Password + email code and
 * password + TOTP are context: they contain a password login, so they cost more by construction.
 */
final class LoginCpuBenchmark {

    static final String ID = "login";
    static final String TITLE = "Login: password vs email code only vs password + email code vs password + TOTP";
    static final String RATE_PROPERTY = "vigil.bench.login-rate";
    private static final String REALM = "vigil-bench-login";
    private static final int USERS = 32;
    /** The realm allows 1000 code mails per minute from one IP, and every login here comes from 127.0.0.1. */
    static final double MAX_RATE = 15;
    private static final double DEFAULT_RATE = 6;
    static final String CONTROL = "password-again";
    private static final double CPU_TARGET = 1.0;
    static final String CODE_FORM = "vigil-email-otp-code-form";
    static final String EMAIL_FORM = "vigil-email-otp-email-form";
    static final String TOTP_FORM = "kc-otp-login-form";
    private static final Duration MAIL_TIMEOUT = Duration.ofSeconds(20);

    enum Mode {
        PASSWORD, CODE_ONLY, EMAIL, TOTP;

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final TestKeycloak keycloak;
    private final Map<Mode, OidcClient> clients = new EnumMap<>(Mode.class);

    private LoginCpuBenchmark(TestKeycloak keycloak) {
        this.keycloak = keycloak;
        for (Mode mode : Mode.values()) {
            clients.put(mode, new OidcClient(keycloak.realmUrl(REALM), "login-" + mode.label()));
        }
    }

    static double rate() {
        double rate = DEFAULT_RATE;
        String given = System.getProperty(RATE_PROPERTY);
        if (given != null && !given.isBlank()) {
            rate = Double.parseDouble(given.trim());
        }
        if (!(rate > 0) || rate > MAX_RATE) {
            throw new IllegalArgumentException(RATE_PROPERTY + " must be above 0 and at most " + MAX_RATE
                    + " (the realm's limit of code mails per IP and minute), not " + rate);
        }
        return rate;
    }

    static ScenarioResult run() throws Exception {
        BenchSettings settings = BenchSettings.fromSystemProperties(8, 8, 1, 120);
        double rate = rate();
        long started = System.nanoTime();
        List<String> problems = new ArrayList<>();
        double idleCores;
        List<Target> targets = List.of(Target.atMost(Metric.CPU_PER_REQUEST, CPU_TARGET));
        Alternation.Result result;
        try (TestKeycloak keycloak = TestKeycloak.start()) {
            keycloak.importRealm("realms/" + REALM + ".json");
            LoginCpuBenchmark bench = new LoginCpuBenchmark(keycloak);
            ProcessHandle server = keycloak.server().processHandle();
            for (Mode mode : Mode.values()) {
                String failure = bench.login(mode, 0);
                if (failure != null) {
                    problems.add("canary " + mode.label() + " login: " + failure);
                }
            }
            idleCores = idleCores(server, Smoke.on() ? 1 : 5);
            int[] next = new int[settings.threads()];
            List<Alternation.Mode> modes = new ArrayList<>();
            for (Mode mode : Mode.values()) {
                modes.add(new Alternation.Mode(mode.label(), () -> keycloak.mailbox().purge(),
                        w -> bench.login(mode, user(w, next, settings.threads())), server));
            }
            modes.add(new Alternation.Mode(CONTROL, () -> keycloak.mailbox().purge(),
                    w -> bench.login(Mode.PASSWORD, user(w, next, settings.threads())), server));
            result = new Alternation(ID, modes, Alternation.Drive.fixedRate(settings.threads(), rate), settings, started,
                    List.of(server)).run(rounds -> pair(rounds, Mode.CODE_ONLY, "", targets, "").undecided());
        }
        int errors = result.warmupErrors() + result.rounds().stream().mapToInt(RoundResult::errors).sum();
        if (errors > 0) {
            problems.add(errors + " logins failed");
        }
        String setup = String.format(Locale.ROOT, "%.1f logins/s offered in every mode by %d threads over %d users"
                        + " (fixed rate, latency from the scheduled start, a login from the authorization request to the"
                        + " token response). Rounds of %d s after %d s unmeasured. %s Idle Keycloak before the load:"
                        + " %.3f cores, that is %.1f ms per login at this rate, included in every mode.",
                rate, settings.threads(), USERS, settings.roundSeconds(), settings.settleSeconds(),
                result.text(settings), idleCores, idleCores * 1000 / rate);
        PairResult codeOnly = pair(result.rounds(), Mode.CODE_ONLY, "Email-code login (code only) vs password-only login",
                targets, setup);
        PairResult email = pair(result.rounds(), Mode.EMAIL,
                "Password + email code vs password-only login (context, no target)", List.of(), setup);
        PairResult totp = pair(result.rounds(), Mode.TOTP, "TOTP login vs password-only login (context, no target)",
                List.of(), setup);
        PairResult control = codeOnly.control(result.rounds(), CONTROL);
        List<PairResult> pairs = List.of(codeOnly, control, email, totp);
        String detail = Report.detail(TITLE, setup, pairs, List.of(), problems, result.errorSamples());
        Report.write(ID, detail, Report.roundsCsv(result.rounds()), Report.latenciesCsv("mode", result.rounds()));
        return new ScenarioResult(ID, TITLE, ID + ".md", pairs, List.of(), problems);
    }

    private static PairResult pair(List<RoundResult> rounds, Mode measured, String title, List<Target> targets,
                                   String setup) {
        List<RoundResult> two = rounds.stream().filter(r -> r.modeLabel().equals(Mode.PASSWORD.label())
                || r.modeLabel().equals(measured.label())).toList();
        return new PairResult("login-" + measured.label(), title, "login", Mode.PASSWORD.label(), measured.label(), two,
                targets, List.of(setup));
    }

    /** Worker {@code w}'s next user: its own slice of the users, in turn, so no two logins share a mailbox. */
    static int user(int w, int[] next, int workers) {
        int perWorker = Math.max(1, USERS / workers);
        return w + workers * (next[w]++ % perWorker);
    }

    /** Cores Keycloak used while nothing was sent to it for {@code seconds}. */
    private static double idleCores(ProcessHandle server, int seconds) {
        double before = MachineLoad.cpuSeconds(server);
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            // A measuring window, not a wait for a condition.
            LockSupport.parkNanos(end - System.nanoTime());
        }
        return (MachineLoad.cpuSeconds(server) - before) / ((System.nanoTime() - start) / 1e9);
    }

    /** One full login of user {@code user} in {@code mode}: null when it ended with tokens, else what failed. */
    String login(Mode mode, int user) {
        String username = "login-" + user;
        String address = username + "@example.com";
        OidcClient.Authorization authorization = clients.get(mode).authorization();
        FormLogin agent = new FormLogin();
        int mailsBefore = mode == Mode.EMAIL || mode == Mode.CODE_ONLY ? keycloak.mailbox().to(address).size() : 0;
        if (mode == Mode.CODE_ONLY) {
            FormLogin.Step step = agent.open(authorization.uri);
            if (step.redirected() || step.page().getElementById(EMAIL_FORM) == null) {
                return "no address form: " + describe(step);
            }
            step = agent.submit(step.page(), EMAIL_FORM, Map.of("email", address));
            if (step.redirected() || step.page().getElementById(CODE_FORM) == null) {
                return "no code form after the address: " + describe(step);
            }
            step = agent.submit(step.page(), CODE_FORM, Map.of("code", awaitCode(address, mailsBefore)));
            if (!step.redirected()) {
                return "not signed in: " + describe(step);
            }
            Tokens tokens = authorization.exchange(authorization.code(step.redirect()));
            return tokens.getAccessToken() == null ? "no access token" : null;
        }
        FormLogin.Step step = agent.login(authorization.uri, username, "login-Password-" + user);
        if (mode == Mode.EMAIL) {
            if (step.redirected() || step.page().getElementById(CODE_FORM) == null) {
                return "no code form after the password: " + describe(step);
            }
            step = agent.submit(step.page(), CODE_FORM, Map.of("code", awaitCode(address, mailsBefore)));
        } else if (mode == Mode.TOTP) {
            if (step.redirected() || step.page().getElementById(TOTP_FORM) == null) {
                return "no OTP form after the password: " + describe(step);
            }
            String code = Totp.code(totpKey(user), System.currentTimeMillis() / 1000, 30, 6);
            step = agent.submit(step.page(), TOTP_FORM, Map.of("otp", code));
        }
        if (!step.redirected()) {
            return "not signed in: " + describe(step);
        }
        Tokens tokens = authorization.exchange(authorization.code(step.redirect()));
        return tokens.getAccessToken() == null ? "no access token" : null;
    }

    /** The OTP secret of {@code user} in the realm file; Keycloak keys the HMAC with its UTF-8 bytes. */
    static byte[] totpKey(int user) {
        return String.format(Locale.ROOT, "bench-totp-secret-%02d-x7q2m9", user).getBytes(StandardCharsets.UTF_8);
    }

    /** Polls the SMTP sink every 2 ms for the code mail (a slower poll would add to the login's latency). */
    private String awaitCode(String address, int before) {
        long deadline = System.nanoTime() + MAIL_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            List<MimeMessage> mails = keycloak.mailbox().to(address);
            if (mails.size() > before) {
                return Mails.code(mails.get(mails.size() - 1));
            }
            LockSupport.parkNanos(2_000_000);
        }
        throw new IllegalStateException("no code mail to " + address + " within " + MAIL_TIMEOUT.toSeconds() + " s");
    }

    private static String describe(FormLogin.Step step) {
        if (step.redirected()) {
            return "redirected to the client";
        }
        return "HTTP " + step.status() + " page '" + step.page().title() + "'";
    }
}
