package dev.vigil.testing.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The demo's stand-in for a real application: a public OIDC client ({@code demo-app}) that signs in
 * with the authorization code flow and PKCE and shows the claims of the tokens it receives; and, under
 * {@code /support}, the support console: the confidential client {@code support-console} signs the
 * agent in, exchanges the agent's token for a user's impersonation token and shows what it sees with
 * it (the user's userinfo; the Account API refuses the token).
 */
final class DemoApp implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final String realmUrl;
    private final String appUrl;
    private final Map<String, String> verifiersByState = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final HttpClient http = HttpClient.newHttpClient();
    /** The signed-in agents' console tokens by a random cookie value (demo only: in memory, never shown to others). */
    private final Map<String, String> agentTokens = new ConcurrentHashMap<>();
    static final String CONSOLE = "support-console";
    /** The demo realm's console secret (demo only). */
    static final String CONSOLE_SECRET = "demo-support-secret";
    private static final String AGENT_COOKIE = "demo-support-agent";

    DemoApp(int port, String realmUrl) {
        this.realmUrl = realmUrl;
        this.appUrl = "http://localhost:" + port;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
        server.createContext("/support/callback", this::supportCallback);
        server.createContext("/support/impersonate", this::supportImpersonate);
        server.createContext("/support", this::supportLogin);
        server.createContext("/callback", this::callback);
        server.createContext("/login", this::login);
        server.createContext("/", this::home);
        server.start();
    }

    String url() {
        return appUrl + "/";
    }

    private void home(HttpExchange ex) throws IOException {
        page(ex, 200, "<h1>Vigil demo app</h1><ul>"
                + "<li><a href=\"/login\">Sign in with password</a> (alice / alice). Vigil's step-up rules ask for an "
                + "email code (printed on the demo's console) for admins, from outside 127.0.0.0/8, and when the last "
                + "code is more than 12 hours old, unless you ticked 'trust this browser'</li>"
                + "<li><a href=\"/login?acr=email-code\">Ask for a higher level</a> (<code>acr_values=email-code</code>): "
                + "with a live session, only the email code is asked, and the tokens carry <code>acr</code> email-code</li>"
                + "<li><a href=\"/login?client=demo-app-code\">Sign in with an email code only</a> (alice@example.com)</li>"
                + "<li><a href=\"/support\">Support console</a> (support-agent / support): act as alice for 15 minutes, "
                + "audited; the token is for the console alone</li>"
                + "</ul>");
    }

    private void login(HttpExchange ex) throws IOException {
        Map<String, String> query = query(ex.getRequestURI());
        String client = "demo-app-code".equals(query.get("client")) ? "demo-app-code" : "demo-app";
        String acr = "email-code".equals(query.get("acr")) ? "&acr_values=email-code" : "";
        String state = token(16);
        String verifier = token(32);
        verifiersByState.put(state, client + " " + verifier);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier));
        String location = realmUrl + "/protocol/openid-connect/auth?client_id=" + client + "&response_type=code&scope=openid"
                + "&redirect_uri=" + enc(appUrl + "/callback") + "&state=" + state
                + "&code_challenge=" + challenge + "&code_challenge_method=S256" + acr;
        ex.getResponseHeaders().add("Location", location);
        ex.sendResponseHeaders(302, -1);
        ex.close();
    }

    private void callback(HttpExchange ex) throws IOException {
        Map<String, String> query = query(ex.getRequestURI());
        String pending = query.get("state") == null ? null : verifiersByState.remove(query.get("state"));
        if (query.containsKey("error") || pending == null || query.get("code") == null) {
            page(ex, 400, "<h1>Sign-in failed</h1><p>" + esc(query.getOrDefault("error", "unknown or reused state"))
                    + "</p><p><a href=\"/login\">Try again</a></p>");
            return;
        }
        String client = pending.substring(0, pending.indexOf(' '));
        String verifier = pending.substring(pending.indexOf(' ') + 1);
        String form = "grant_type=authorization_code&client_id=" + client + "&code=" + enc(query.get("code"))
                + "&redirect_uri=" + enc(appUrl + "/callback") + "&code_verifier=" + enc(verifier);
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (response.statusCode() != 200) {
            page(ex, 502, "<h1>Token request failed</h1><pre>" + esc(response.body()) + "</pre>");
            return;
        }
        Map<?, ?> tokens = JSON.readValue(response.body(), Map.class);
        String idToken = String.valueOf(tokens.get("id_token"));
        StringBuilder body = new StringBuilder("<h1>Signed in</h1>");
        body.append("<h2>ID token claims</h2><pre>").append(esc(claims(idToken))).append("</pre>");
        body.append("<h2>Access token claims</h2><pre>").append(esc(claims(String.valueOf(tokens.get("access_token")))))
                .append("</pre>");
        Object refreshToken = tokens.get("refresh_token");
        if (refreshToken != null) {
            body.append("<h2>Try the refresh-token theft response</h2><p>Demo only: a real application never shows "
                    + "its refresh token. Run this twice. The first run rotates the token (new tokens come back); the "
                    + "second presents the already used token again, as a thief with a copy would: Keycloak refuses it, "
                    + "Vigil ends alice's session (see Sessions in the admin console), writes a REFRESH_TOKEN_REUSE "
                    + "audit line and mails alice (both on the demo's console).</p><pre style=\"white-space:pre-wrap;"
                    + "word-break:break-all\">")
                    .append(esc("curl -s " + realmUrl + "/protocol/openid-connect/token -d grant_type=refresh_token -d client_id="
                            + client + " -d refresh_token=" + refreshToken))
                    .append("</pre>");
        }
        body.append("<h2>Try audited impersonation</h2><p>Sign in at the <a href=\"/support\">support console</a> as "
                + "support-agent: the console exchanges its own token of the agent (tokens of this app are refused there).</p>");
        body.append("<p><a href=\"").append(esc(realmUrl + "/protocol/openid-connect/logout?client_id=" + client
                + "&post_logout_redirect_uri=" + enc(appUrl + "/") + "&id_token_hint=" + enc(idToken)))
                .append("\">Sign out</a></p>");
        page(ex, 200, body.toString());
    }

    /** Signs the agent in at the support console (confidential client, code flow with PKCE). */
    private void supportLogin(HttpExchange ex) throws IOException {
        String agentToken = agentToken(ex);
        if (agentToken != null) {
            supportPage(ex, agentToken, null);
            return;
        }
        String state = token(16);
        String verifier = token(32);
        verifiersByState.put(state, CONSOLE + " " + verifier);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(verifier));
        ex.getResponseHeaders().add("Location", realmUrl + "/protocol/openid-connect/auth?client_id=" + CONSOLE
                + "&response_type=code&scope=openid&redirect_uri=" + enc(appUrl + "/support/callback") + "&state=" + state
                + "&code_challenge=" + challenge + "&code_challenge_method=S256");
        ex.sendResponseHeaders(302, -1);
        ex.close();
    }

    private void supportCallback(HttpExchange ex) throws IOException {
        Map<String, String> query = query(ex.getRequestURI());
        String pending = query.get("state") == null ? null : verifiersByState.remove(query.get("state"));
        if (query.containsKey("error") || pending == null || !pending.startsWith(CONSOLE + " ") || query.get("code") == null) {
            page(ex, 400, "<h1>Sign-in failed</h1><p><a href=\"/support\">Try again</a></p>");
            return;
        }
        HttpResponse<String> response = consoleTokenRequest("grant_type=authorization_code&code=" + enc(query.get("code"))
                + "&redirect_uri=" + enc(appUrl + "/support/callback") + "&code_verifier="
                + enc(pending.substring(pending.indexOf(' ') + 1)));
        if (response.statusCode() != 200) {
            page(ex, 502, "<h1>Token request failed</h1><pre>" + esc(response.body()) + "</pre>");
            return;
        }
        String cookie = token(24);
        agentTokens.put(cookie, String.valueOf(JSON.readValue(response.body(), Map.class).get("access_token")));
        ex.getResponseHeaders().add("Set-Cookie", AGENT_COOKIE + "=" + cookie + "; Path=/support; HttpOnly; SameSite=Lax");
        ex.getResponseHeaders().add("Location", appUrl + "/support");
        ex.sendResponseHeaders(302, -1);
        ex.close();
    }

    /** POST: exchanges the agent's console token for the named user's, then shows what the console sees with it. */
    private void supportImpersonate(HttpExchange ex) throws IOException {
        String agentToken = agentToken(ex);
        if (!"POST".equals(ex.getRequestMethod()) || agentToken == null) {
            ex.getResponseHeaders().add("Location", appUrl + "/support");
            ex.sendResponseHeaders(303, -1);
            ex.close();
            return;
        }
        Map<String, String> form = pairs(new String(ex.getRequestBody().readNBytes(8192), StandardCharsets.UTF_8));
        HttpResponse<String> exchange = consoleTokenRequest("grant_type=" + enc("urn:ietf:params:oauth:grant-type:token-exchange")
                + "&subject_token_type=" + enc("urn:ietf:params:oauth:token-type:access_token")
                + "&subject_token=" + enc(agentToken) + "&requested_subject=" + enc(form.getOrDefault("user", ""))
                + "&reason=" + enc(form.getOrDefault("reason", "")));
        StringBuilder result = new StringBuilder();
        if (exchange.statusCode() != 200) {
            result.append("<h2>Refused (").append(exchange.statusCode()).append(")</h2><pre>").append(esc(exchange.body()))
                    .append("</pre>");
        } else {
            String token = String.valueOf(JSON.readValue(exchange.body(), Map.class).get("access_token"));
            HttpResponse<String> userinfo = bearer(realmUrl + "/protocol/openid-connect/userinfo", token);
            HttpResponse<String> account = bearer(realmUrl + "/account/", token);
            result.append("<h2>The user's data (userinfo with the impersonation token)</h2><pre>")
                    .append(esc(pretty(userinfo.body()))).append("</pre>")
                    .append("<h2>Impersonation token claims</h2><p>Audience: the console alone; no account or admin roles.</p><pre>")
                    .append(esc(claims(token))).append("</pre>")
                    .append("<p>Keycloak's Account API with the same token: HTTP ").append(account.statusCode())
                    .append(" (an impersonation cannot change the user's account).</p>");
        }
        supportPage(ex, agentToken, result.toString());
    }

    private void supportPage(HttpExchange ex, String agentToken, String result) throws IOException {
        page(ex, 200, "<h1>Support console</h1><p>Signed in as the agent of this token:</p><pre>" + esc(claims(agentToken))
                + "</pre><form method=\"post\" action=\"/support/impersonate\"><label>User <input name=\"user\" "
                + "value=\"alice\"></label> <label>Reason <input name=\"reason\" size=\"40\" "
                + "value=\"DEMO-1 alice cannot see her invoices\"></label> <button>Act as this user for 15 minutes</button></form>"
                + (result == null ? "" : result)
                + "<h2>The same exchange with curl</h2><p>Demo only: a real console never shows the agent's token.</p>"
                + "<pre style=\"white-space:pre-wrap;word-break:break-all\">"
                + esc("curl -s -u " + CONSOLE + ":" + CONSOLE_SECRET + " " + realmUrl + "/protocol/openid-connect/token"
                        + " -d grant_type=urn:ietf:params:oauth:grant-type:token-exchange"
                        + " -d subject_token_type=urn:ietf:params:oauth:token-type:access_token"
                        + " -d requested_subject=alice -d reason='DEMO-1 alice cannot see her invoices'"
                        + " -d subject_token=" + agentToken)
                + "</pre>");
    }

    private String agentToken(HttpExchange ex) {
        String cookies = ex.getRequestHeaders().getFirst("Cookie");
        if (cookies == null) {
            return null;
        }
        for (String cookie : cookies.split(";\\s*")) {
            if (cookie.startsWith(AGENT_COOKIE + "=")) {
                return agentTokens.get(cookie.substring(AGENT_COOKIE.length() + 1));
            }
        }
        return null;
    }

    private HttpResponse<String> consoleTokenRequest(String form) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((CONSOLE + ":" + CONSOLE_SECRET)
                        .getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private HttpResponse<String> bearer(String url, String token) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static String pretty(String json) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readValue(json, Object.class));
        } catch (IOException e) {
            return json;
        }
    }

    private static String claims(String jwt) throws IOException {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            return "(not a JWT)";
        }
        Object payload = JSON.readValue(Base64.getUrlDecoder().decode(parts[1]), Object.class);
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(payload);
    }

    private static void page(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = ("<!doctype html><html><head><meta charset=\"utf-8\"><title>Vigil demo app</title></head>"
                + "<body style=\"font-family:sans-serif;max-width:60em;margin:2em auto\">" + body + "</body></html>")
                .getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        ex.getResponseHeaders().add("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private static Map<String, String> query(URI uri) {
        return pairs(uri.getRawQuery());
    }

    /** {@code a=1&b=2}, URL-decoded; a malformed pair is skipped. */
    private static Map<String, String> pairs(String raw) {
        Map<String, String> map = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    try {
                        map.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                                URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                    } catch (IllegalArgumentException malformed) {
                        // skipped
                    }
                }
            }
        }
        return map;
    }

    private String token(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
