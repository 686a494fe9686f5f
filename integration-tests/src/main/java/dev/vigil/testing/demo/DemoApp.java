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
 * with the authorization code flow and PKCE and shows the claims of the tokens it receives.
 */
final class DemoApp implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final String realmUrl;
    private final String appUrl;
    private final Map<String, String> verifiersByState = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final HttpClient http = HttpClient.newHttpClient();

    DemoApp(int port, String realmUrl) {
        this.realmUrl = realmUrl;
        this.appUrl = "http://localhost:" + port;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
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
        body.append("<h2>Try audited impersonation</h2><p>Signed in as support-agent, run this to get a 15-minute "
                + "access token of alice through the support console (alice gets a mail; the console shows the "
                + "IMPERSONATION audit line). Signed in as anyone else, or naming root-admin, it is refused with the "
                + "same access_denied.</p><pre style=\"white-space:pre-wrap;word-break:break-all\">")
                .append(esc("curl -s -u support-console:demo-support-secret " + realmUrl + "/protocol/openid-connect/token"
                        + " -d grant_type=urn:ietf:params:oauth:grant-type:token-exchange"
                        + " -d subject_token_type=urn:ietf:params:oauth:token-type:access_token"
                        + " -d requested_subject=alice -d reason='DEMO-1 alice cannot see her invoices'"
                        + " -d subject_token=" + tokens.get("access_token")))
                .append("</pre>");
        body.append("<p><a href=\"").append(esc(realmUrl + "/protocol/openid-connect/logout?client_id=" + client
                + "&post_logout_redirect_uri=" + enc(appUrl + "/") + "&id_token_hint=" + enc(idToken)))
                .append("\">Sign out</a></p>");
        page(ex, 200, body.toString());
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
        Map<String, String> map = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    map.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
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
