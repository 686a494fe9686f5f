package dev.vigil.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.testing.Deadline;
import dev.vigil.testing.TestKeycloak;
import dev.vigil.testing.client.FormLogin;
import dev.vigil.testing.client.OidcClient;
import dev.vigil.testing.junit.WithKeycloak;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.idm.AuthenticatorConfigRepresentation;

/**
 * The bad-input sweep: every endpoint and form Vigil adds or changes gets missing, empty, duplicated,
 * oversized (1 MB), non-UTF-8, control-character, Unicode-normalisation and injection values. Every
 * answer is the protocol's own format (OAuth JSON errors, a login page, an admin JSON error), never a
 * 500 or a stack trace; the server log shows no uncaught error; stored configuration is unchanged by a
 * refused request. Prints how many inputs it tried.
 */
@WithKeycloak
class BadInputIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMP_REALM = "impersonation-it";
    private static final String OTP_REALM = "email-otp-it";
    private static final String CONSOLE = "support-console";
    private static final String CONSOLE_SECRET = "Support-Console-Secret-7f3k9";
    private static final AtomicInteger TRIED = new AtomicInteger();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static TestKeycloak keycloak;
    private static int logOffset;

    /** A bad value: its name, the text itself (for JSON bodies) and its form encoding (raw bytes where they matter). */
    record Bad(String name, String text, String form) {
        static Bad of(String name, String text) {
            return new Bad(name, text, enc(text));
        }

        /** The form encoding as far as a URL allows it (a lone percent sign cannot stand in a URI). */
        String url() {
            String value = form.length() > 4000 ? form.substring(0, 4000) : form;
            return value.equals("%") ? "%25" : value;
        }

        /** Keycloak refuses a body this large itself (413) before any provider runs. */
        boolean oversized() {
            return form.length() >= 1 << 20;
        }

        /**
         * A malformed percent escape: Keycloak's form parser (RESTEasy Reactive) fails on it with a 500 before
         * any provider runs, on its own endpoints too; the sweep checks that Vigil's endpoints answer exactly
         * as Keycloak's own do, since no provider can change it.
         */
        boolean malformedEscape() {
            return form.equals("%");
        }
    }

    static List<Bad> badValues() {
        return List.of(
                Bad.of("empty", ""),
                Bad.of("blank", "   "),
                new Bad("1 MB", "a".repeat(1 << 20), "a".repeat(1 << 20)),
                Bad.of("control characters", "a\u0000b\u0007c\r\nX-Injected: 1\u001b[31m"),
                new Bad("non-UTF-8 bytes", "\u00ff\u00fe\u00c3(\u0080", "%FF%FE%C3%28%80"),
                new Bad("lone surrogate", "\ud800", "%ED%A0%80"),
                Bad.of("fullwidth letters", "\uff41\uff4c\uff49\uff43\uff45"),
                Bad.of("combining accent", "alice\u0301"),
                Bad.of("ligature", "\ufb01le"),
                Bad.of("right-to-left override", "\u202eecila"),
                Bad.of("SQL", "' OR '1'='1' --"),
                Bad.of("HTML", "<script>alert(1)</script>"),
                Bad.of("expression", "${jndi:ldap://127.0.0.1/x}#{7*7}"),
                Bad.of("path", "../../../../etc/passwd"),
                Bad.of("JSON", "{\"a\":[1,2,{\"b\":null}]}"),
                Bad.of("wildcard", "*"),
                Bad.of("negative number", "-1"),
                Bad.of("huge number", "99999999999999999999999999"),
                Bad.of("not a number", "NaN"),
                new Bad("percent sign alone", "%", "%"));
    }

    @BeforeAll
    static void importRealms(TestKeycloak server) {
        keycloak = server;
        keycloak.importRealm("realms/impersonation-it.json");
        keycloak.importRealm("realms/email-otp-it.json");
        logOffset = keycloak.log().text().length();
    }

    @AfterAll
    static void report() {
        System.out.println("BadInputIT: " + TRIED.get() + " bad inputs tried");
        String log = keycloak.log().text().substring(logOffset);
        String uncaught = log.lines().filter(l -> l.contains("Uncaught server error"))
                .filter(l -> !l.contains("IllegalArgumentException: Failed to decode URL % to UTF-8"))
                .collect(java.util.stream.Collectors.joining("\n"));
        assertThat(uncaught).as("uncaught errors in the server log during the sweep, but Keycloak's form parser's").isEmpty();
        assertThat(log).as("the server log during the sweep").doesNotContain("\tat dev.vigil");
    }

    // ---- token endpoint: Vigil's impersonation exchange ------------------------------------------------

    @Test
    void theTokenExchangeAnswersEveryBadInputWithAnOAuthError() throws Exception {
        String agentToken = new OidcClient(keycloak.realmUrl(IMP_REALM), "support-ui")
                .login(new FormLogin(), "agent", "agent-Password-1").getAccessToken().getValue();
        String base = "grant_type=" + enc("urn:ietf:params:oauth:grant-type:token-exchange")
                + "&subject_token_type=" + enc("urn:ietf:params:oauth:token-type:access_token");
        for (Bad bad : badValues()) {
            String v = bad.form();
            oauthError("requested_subject " + bad.name(), bad,
                    tokenRequest(base + "&subject_token=" + agentToken + "&requested_subject=" + v + "&reason=SWEEP-1"));
            oauthError("reason " + bad.name(), bad,
                    tokenRequest(base + "&subject_token=" + agentToken + "&requested_subject=customer&reason=" + v));
            oauthError("subject_token " + bad.name(), bad,
                    tokenRequest(base + "&subject_token=" + v + "&requested_subject=customer&reason=SWEEP-1"));
        }
        oauthError("requested_subject twice", tokenRequest(base + "&subject_token=" + agentToken
                + "&requested_subject=customer&requested_subject=customer2&reason=SWEEP-1"));
        oauthError("reason twice", tokenRequest(base + "&subject_token=" + agentToken
                + "&requested_subject=customer&reason=SWEEP-1&reason=SWEEP-2"));
        oauthError("subject_token twice", tokenRequest(base + "&subject_token=" + agentToken + "&subject_token=" + agentToken
                + "&requested_subject=customer&reason=SWEEP-1"));
        oauthError("requested_subject missing", tokenRequest(base + "&subject_token=" + agentToken + "&reason=SWEEP-1"));
        oauthError("raw non-UTF-8 body", HTTP.send(tokenEndpoint()
                .POST(HttpRequest.BodyPublishers.ofByteArray(concat((base + "&subject_token=" + agentToken
                        + "&requested_subject=").getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xff, (byte) 0xfe},
                        "&reason=SWEEP-1".getBytes(StandardCharsets.US_ASCII)))).build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static HttpRequest.Builder tokenEndpoint() {
        return HttpRequest.newBuilder(URI.create(keycloak.realmUrl(IMP_REALM) + "/protocol/openid-connect/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (CONSOLE + ":" + CONSOLE_SECRET).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded");
    }

    private static HttpResponse<String> tokenRequest(String form) throws Exception {
        return HTTP.send(tokenEndpoint().POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON answer: an OAuth error object, or (for a value that is merely odd but valid) a token response. */
    private static void oauthError(String input, HttpResponse<String> response) throws Exception {
        oauthError(input, null, response);
    }

    private static void oauthError(String input, Bad bad, HttpResponse<String> response) throws Exception {
        TRIED.incrementAndGet();
        if (answeredByKeycloakItself(input, bad, response,
                () -> tokenRequest("grant_type=client_credentials&scope=%").statusCode())) {
            return;
        }
        assertThat(response.statusCode()).as("%s: %s", input, response.body()).isLessThan(500).isNotEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).as(input).startsWith("application/json");
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() >= 400) {
            assertThat(body.path("error").asText()).as("%s: an OAuth error code", input).matches("[a-z_]+");
        } else {
            assertThat(body.path("access_token").asText()).as("%s: a token response", input).isNotEmpty();
        }
        noStackTrace(input, response.body());
    }

    // ---- the email code forms: address, code, resend, and the trusted-device cookie ------------------

    @Test
    void theEmailCodeFormsAnswerEveryBadInputWithALoginPage() throws Exception {
        int n = 0;
        for (Bad bad : badValues()) {
            FormLogin a1 = new FormLogin();
            loginPage("email " + bad.name(), bad, postRaw(a1, addressPage(a1), "vigil-email-otp-email-form",
                    "vigil-action=send&email=" + bad.form()));
            FormLogin a2 = new FormLogin();
            loginPage("vigil-action on the address form " + bad.name(), bad, postRaw(a2, addressPage(a2),
                    "vigil-email-otp-email-form", "vigil-action=" + bad.form() + "&email=" + enc("x@example.org")));
            FormLogin a3 = new FormLogin();
            loginPage("code " + bad.name(), bad, postRaw(a3, codePage(a3, n++), "vigil-email-otp-code-form", "code=" + bad.form()));
            FormLogin a4 = new FormLogin();
            loginPage("vigil-action on the code page " + bad.name(), bad, postRaw(a4, codePage(a4, n++),
                    "vigil-email-otp-code-form", "vigil-action=" + bad.form() + "&code=123456"));
        }
        for (String cookie : List.of("", "garbage", "a.b.c", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.", "x".repeat(4000),
                "%FF%FE", "..%2F..%2F")) {
            FormLogin agent = new FormLogin();
            agent.cookies().put("VIGIL_TRUSTED_DEVICE", cookie);
            FormLogin.Step codePage = agent.submit(addressPage(agent), "vigil-email-otp-email-form",
                    Map.of("email", "sweep-" + (n++) + "@example.org"));
            TRIED.incrementAndGet();
            assertThat(codePage.status()).as("trusted-device cookie %s", cookie.length() > 40 ? "of 4000 chars" : cookie)
                    .isLessThan(500);
            assertThat(codePage.page().getElementById("vigil-email-otp-code-form")).as("still the code page").isNotNull();
        }
        FormLogin twice = new FormLogin();
        loginPage("code twice", postRaw(twice, codePage(twice, n++), "vigil-email-otp-code-form", "code=111111&code=222222"));
        FormLogin nothing = new FormLogin();
        loginPage("no fields at all", postRaw(nothing, codePage(nothing, n++), "vigil-email-otp-code-form", ""));
    }

    /** The code page after an (unknown) address was given on the address page. */
    private static org.jsoup.nodes.Document codePage(FormLogin agent, int n) {
        FormLogin.Step step = agent.submit(addressPage(agent), "vigil-email-otp-email-form",
                Map.of("email", "sweep-" + n + "@example.org"));
        assertThat(step.page().getElementById("vigil-email-otp-code-form")).as("the code page").isNotNull();
        return step.page();
    }

    /** The first-factor address page of the email-code realm. */
    private static org.jsoup.nodes.Document addressPage(FormLogin agent) {
        FormLogin.Step step = agent.open((new OidcClient(keycloak.realmUrl(OTP_REALM), "otp-first-app")
                .authorization().uri));
        assertThat(step.page().getElementById("vigil-email-otp-email-form")).as("the address page").isNotNull();
        return step.page();
    }

    /** Posts {@code body} as it is to the form's action, with the agent's cookies (its login session). */
    private static HttpResponse<String> postRaw(FormLogin agent, org.jsoup.nodes.Document page, String formId, String body)
            throws Exception {
        String action = page.getElementById(formId).absUrl("action");
        return HTTP.send(HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", agent.cookies().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                        .collect(java.util.stream.Collectors.joining("; ")))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void loginPage(String input, HttpResponse<String> response) throws Exception {
        loginPage(input, null, response);
    }

    private static void loginPage(String input, Bad bad, HttpResponse<String> response) throws Exception {
        TRIED.incrementAndGet();
        if (answeredByKeycloakItself(input, bad, response, () -> keycloakPasswordFormAnswer("username=%&password=x"))) {
            return;
        }
        assertThat(response.statusCode()).as("%s: %s", input, abbreviate(response.body())).isLessThan(500);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).as(input).startsWith("text/html");
        assertThat(response.body()).as(input).containsIgnoringCase("<html");
        noStackTrace(input, response.body());
    }

    interface StatusProbe {
        int status() throws Exception;
    }

    /**
     * Whether Keycloak answered before any provider ran, as it does on its own endpoints: its body limit (413)
     * for an oversized body, its form parser for a malformed escape (the same status as {@code ownEndpoint}).
     */
    private static boolean answeredByKeycloakItself(String input, Bad bad, HttpResponse<String> response,
                                                    StatusProbe ownEndpoint) throws Exception {
        if (bad != null && bad.oversized() && response.statusCode() == 413) {
            return true;
        }
        if (bad != null && bad.malformedEscape()) {
            assertThat(response.statusCode()).as("%s: as Keycloak's own endpoint answers the same bytes", input)
                    .isEqualTo(ownEndpoint.status());
            return true;
        }
        return false;
    }

    /** Keycloak's own answer to {@code body} on its username/password form (the admin console's login). */
    private static int keycloakPasswordFormAnswer(String body) throws Exception {
        FormLogin agent = new FormLogin();
        FormLogin.Step login = agent.open(new OidcClient(keycloak.realmUrl(IMP_REALM), "support-ui").authorization().uri);
        return postRaw(agent, login.page(), "kc-form-login", body).statusCode();
    }

    // ---- the admin resource ---------------------------------------------------------------------------

    @Test
    void theImpersonationsAdminResourceAnswersEveryBadInputWithAJsonError() throws Exception {
        String list = adminGet("/vigil-impersonations").body();
        for (Bad bad : badValues()) {
            String v = bad.url();
            adminAnswer("GET ?actor " + bad.name(), adminGet("/vigil-impersonations?actor=" + v + "&first=" + v + "&max=" + v));
            adminAnswer("DELETE /{id} " + bad.name(), admin("DELETE", "/vigil-impersonations/" + pathSegment(bad.url()),
                    null));
            adminAnswer("DELETE ?actor " + bad.name(), admin("DELETE", "/vigil-impersonations?actor=" + v, null));
        }
        assertThat(adminGet("/vigil-impersonations").body()).as("the live list after the sweep").isEqualTo(list);
    }

    private static String pathSegment(String urlValue) {
        return urlValue.isEmpty() ? "%20" : urlValue.replace("+", "%20").replace("/", "%2F");
    }

    private static void adminAnswer(String input, HttpResponse<String> response) {
        TRIED.incrementAndGet();
        assertThat(response.statusCode()).as("%s: %s", input, abbreviate(response.body())).isLessThan(500);
        noStackTrace(input, response.body());
        if (response.statusCode() >= 400 && !response.body().isEmpty()
                && response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            try {
                JSON.readTree(response.body());
            } catch (Exception e) {
                throw new AssertionError(input + ": a JSON content type with a body that is not JSON: " + response.body());
            }
        }
    }

    // ---- executor configs (validated on save) and authenticator configs (fail closed at use) ----------

    @Test
    void anExecutorConfigWithABadValueIsRefusedOnSaveAndNothingStoredChanges() throws Exception {
        String stored = adminGet("/client-policies/profiles").body();
        JsonNode profiles = JSON.readTree(stored);
        int refused = 0;
        for (Bad bad : badValues()) {
            String value = bad.text();
            ObjectNode executorConfig = (ObjectNode) profiles.path("profiles").get(0).path("executors").get(0).path("configuration");
            for (String key : iterable(executorConfig.fieldNames())) {
                ObjectNode changed = profiles.deepCopy();
                ((ObjectNode) changed.path("profiles").get(0).path("executors").get(0).path("configuration")).put(key, value);
                changed.remove("globalProfiles");
                HttpResponse<String> response = admin("PUT", "/client-policies/profiles", JSON.writeValueAsString(changed));
                TRIED.incrementAndGet();
                assertThat(response.statusCode()).as("%s = %s: %s", key, bad.name(), abbreviate(response.body())).isLessThan(500);
                noStackTrace(key, response.body());
                if (response.statusCode() >= 400) {
                    refused++;
                    assertThat(adminGet("/client-policies/profiles").body()).as("%s = %s refused: nothing stored changes",
                            key, bad.name()).isEqualTo(stored);
                } else {
                    // Accepted (a value that is valid for that key): put the original back for the next input.
                    assertThat(admin("PUT", "/client-policies/profiles", withoutGlobal(stored)).statusCode()).isLessThan(300);
                }
            }
        }
        assertThat(refused).as("bad executor values refused on save").isGreaterThan(0);
        assertThat(adminGet("/client-policies/profiles").body()).isEqualTo(stored);
    }

    @Test
    void anAuthenticatorConfigWithNonsenseFailsClosedAtUseWithALoginPage() throws Exception {
        var realm = keycloak.admin().realm(OTP_REALM);
        AuthenticatorConfigRepresentation config = realm.flows().getAuthenticatorConfig(configId("vigil-otp-first-config"));
        Map<String, String> original = new LinkedHashMap<>(config.getConfig());
        try {
            for (String key : List.copyOf(original.keySet())) {
                for (String nonsense : List.of("", "abc", "-5", "99999999999999999999", "1e3", "\u0000")) {
                    Map<String, String> changed = new LinkedHashMap<>(original);
                    changed.put(key, nonsense);
                    config.setConfig(changed);
                    realm.flows().updateAuthenticatorConfig(config.getId(), config);
                    FormLogin agent = new FormLogin();
                    FormLogin.Step step = agent.open((new OidcClient(keycloak.realmUrl(OTP_REALM), "otp-first-app")
                            .authorization().uri));
                    TRIED.incrementAndGet();
                    assertThat(step.status()).as("%s = '%s'", key, nonsense).isLessThan(500);
                    assertThat(step.redirected()).as("%s = '%s' never signs anyone in", key, nonsense).isFalse();
                    noStackTrace(key, step.page().outerHtml());
                    if (step.page().getElementById("vigil-email-otp-email-form") != null) {
                        FormLogin.Step sent = agent.submit(step.page(), "vigil-email-otp-email-form",
                                Map.of("email", "alice@example.com"));
                        assertThat(sent.status()).as("%s = '%s', address sent", key, nonsense).isLessThan(500);
                        assertThat(sent.redirected()).as("%s = '%s' never signs anyone in", key, nonsense).isFalse();
                        noStackTrace(key, sent.page().outerHtml());
                    }
                }
            }
        } finally {
            config.setConfig(original);
            realm.flows().updateAuthenticatorConfig(config.getId(), config);
        }
    }

    /**
     * A misspelt or renamed key (the old camelCase style, another separator, another case) never falls back to
     * a default: the save is refused, nothing stored changes, and the server log says which key and which are allowed.
     */
    @Test
    void anExecutorConfigWithAnUnknownKeyIsRefusedOnSaveNamingIt() throws Exception {
        String stored = adminGet("/client-policies/profiles").body();
        JsonNode profiles = JSON.readTree(stored);
        for (String unknown : List.of("lifetimeSeconds", "lifetime_seconds", "Lifetime-Seconds", "max-lifetime-second")) {
            ObjectNode changed = profiles.deepCopy();
            ((ObjectNode) changed.path("profiles").get(0).path("executors").get(0).path("configuration")).put(unknown, "300");
            changed.remove("globalProfiles");
            int offset = keycloak.log().text().length();
            HttpResponse<String> response = admin("PUT", "/client-policies/profiles", JSON.writeValueAsString(changed));
            TRIED.incrementAndGet();
            assertThat(response.statusCode()).as("%s: %s", unknown, abbreviate(response.body())).isEqualTo(400);
            noStackTrace(unknown, response.body());
            assertThat(adminGet("/client-policies/profiles").body()).as("%s refused: nothing stored changes", unknown)
                    .isEqualTo(stored);
            String expected = "vigil-impersonation: client-policy executor configuration refused: unknown option " + unknown
                    + " (allowed: actor-groups-only, allowed-audiences, allowed-scopes, impersonator-role, lifetime-seconds, ";
            Deadline.awaitTrue("the WARN line naming " + unknown, Duration.ofSeconds(10),
                    () -> keycloak.log().text().substring(offset).contains(expected));
        }
    }

    /**
     * An unknown key in the email code step's config (here the step's option before the rename to kebab-case)
     * fails the step closed at use with Keycloak's error page, and one ERROR line per refused login names the
     * key and the allowed keys.
     */
    @Test
    void anAuthenticatorConfigWithAnUnknownKeyFailsClosedAtUseNamingIt() throws Exception {
        var realm = keycloak.admin().realm(OTP_REALM);
        AuthenticatorConfigRepresentation config = realm.flows().getAuthenticatorConfig(configId("vigil-otp-first-config"));
        Map<String, String> original = new LinkedHashMap<>(config.getConfig());
        try {
            Map<String, String> changed = new LinkedHashMap<>(original);
            changed.put("codeLength", "8");
            config.setConfig(changed);
            realm.flows().updateAuthenticatorConfig(config.getId(), config);
            int offset = keycloak.log().text().length();
            FormLogin.Step step = new FormLogin().open(new OidcClient(keycloak.realmUrl(OTP_REALM), "otp-first-app")
                    .authorization().uri);
            TRIED.incrementAndGet();
            assertThat(step.status()).isEqualTo(400);
            assertThat(step.redirected()).isFalse();
            assertThat(step.page().getElementById("vigil-email-otp-email-form")).as("no address form").isNull();
            assertThat(step.page().text()).contains("This sign-in step is not configured correctly");
            noStackTrace("codeLength", step.page().outerHtml());
            String allowed = "unknown option codeLength (allowed: address-window-minutes, code-length, default.reference.maxAge, "
                    + "default.reference.value, ip-window-minutes, lifetime-seconds, mails-per-address, mails-per-ip, "
                    + "max-attempts, notify-unknown-addresses, resend-cooldown-seconds, trust-device-days)";
            Deadline.awaitTrue("the ERROR line", Duration.ofSeconds(10),
                    () -> keycloak.log().text().substring(offset).contains(allowed));
            List<String> errors = keycloak.log().text().substring(offset).lines()
                    .filter(l -> l.contains("ERROR") && l.contains("vigil-email-otp")).toList();
            assertThat(errors).as("one ERROR line for the refused login").hasSize(1);
            assertThat(errors.get(0)).contains(allowed).contains(OTP_REALM);
        } finally {
            config.setConfig(original);
            realm.flows().updateAuthenticatorConfig(config.getId(), config);
        }
    }

    private static String configId(String alias) {
        return keycloak.admin().realm(OTP_REALM).flows().getFlows().stream()
                .flatMap(f -> keycloak.admin().realm(OTP_REALM).flows().getExecutions(f.getAlias()).stream())
                .filter(e -> e.getAuthenticationConfig() != null)
                .map(e -> keycloak.admin().realm(OTP_REALM).flows().getAuthenticatorConfig(e.getAuthenticationConfig()))
                .filter(c -> alias.equals(c.getAlias()))
                .findFirst().orElseThrow(() -> new AssertionError("no authenticator config " + alias)).getId();
    }

    // ---- helpers --------------------------------------------------------------------------------------

    private static String withoutGlobal(String profilesJson) throws Exception {
        ObjectNode node = (ObjectNode) JSON.readTree(profilesJson);
        node.remove("globalProfiles");
        return JSON.writeValueAsString(node);
    }

    private static HttpResponse<String> adminGet(String path) throws Exception {
        return admin("GET", path, null);
    }

    private static HttpResponse<String> admin(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(keycloak.baseUrl() + "/admin/realms/" + IMP_REALM + path))
                .header("Authorization", "Bearer " + keycloak.admin().tokenManager().getAccessTokenString());
        if (json != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void noStackTrace(String input, String body) {
        assertThat(body).as("%s: no stack trace in the answer", input)
                .doesNotContain("\tat ").doesNotContain("Exception:").doesNotContain("dev.vigil.");
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> it) {
        List<T> list = new ArrayList<>();
        it.forEachRemaining(list::add);
        return list;
    }
}
