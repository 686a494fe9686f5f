package dev.vigil.testing.client;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A user agent without a browser: fetches Keycloak's login pages, submits their forms and keeps
 * the cookies, stopping at the redirect back to the client. For flows where a real browser adds
 * nothing; the browser tests use Chromium.
 */
public final class FormLogin {

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** The outcome of a step: either a redirect back to the client, or a page. */
    public record Step(int status, URI redirect, Document page) {
        public boolean redirected() {
            return redirect != null;
        }
    }

    public Step open(URI uri) {
        return follow(send(HttpRequest.newBuilder(uri).GET().build()), uri);
    }

    /** A raw response, for comparing answers header by header ({@code headers}: lower-case names, every value). */
    public record Response(int status, java.util.Set<String> headerNames, String body,
                           Map<String, java.util.List<String>> headers) {
    }

    /** Submits a form and returns the response as it came, without following redirects. */
    public Response submitRaw(Document page, String formId, Map<String, String> values) {
        HttpResponse<String> response = send(formRequest(page, formId, values));
        java.util.Set<String> names = new java.util.TreeSet<>();
        Map<String, java.util.List<String>> headers = new java.util.TreeMap<>();
        response.headers().map().forEach((n, v) -> {
            names.add(n.toLowerCase());
            headers.computeIfAbsent(n.toLowerCase(), k -> new java.util.ArrayList<>()).addAll(v);
        });
        return new Response(response.statusCode(), names, response.body(), headers);
    }

    /** Fills the named form on {@code page} with {@code values} (hidden inputs kept) and submits it. */
    public Step submit(Document page, String formId, Map<String, String> values) {
        HttpRequest request = formRequest(page, formId, values);
        return follow(send(request), request.uri());
    }

    private HttpRequest formRequest(Document page, String formId, Map<String, String> values) {
        Element form = page.getElementById(formId);
        if (form == null) {
            throw new AssertionError("no form #" + formId + " on the page: " + page.title() + "\n" + page.body().text());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        form.select("input[name]").forEach(i -> {
            if (!"submit".equals(i.attr("type"))) {
                fields.put(i.attr("name"), i.val());
            }
        });
        fields.putAll(values);
        URI action = URI.create(form.absUrl("action"));
        String body = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(action)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    public Step login(URI authorizationRequest, String username, String password) {
        Step page = open(authorizationRequest);
        if (page.redirected()) {
            return page;
        }
        return submit(page.page(), "kc-form-login", Map.of("username", username, "password", password));
    }

    private Step follow(HttpResponse<String> response, URI base) {
        URI current = base;
        int hops = 0;
        while (response.statusCode() / 100 == 3) {
            URI location = current.resolve(response.headers().firstValue("Location").orElseThrow());
            if (!location.getPath().contains("/realms/")) {
                return new Step(response.statusCode(), location, null);
            }
            if (++hops > 10) {
                throw new AssertionError("redirect loop at " + location);
            }
            current = location;
            response = send(HttpRequest.newBuilder(location).GET().build());
        }
        return new Step(response.statusCode(), null, Jsoup.parse(response.body(), current.toString()));
    }

    private URI node;

    /**
     * Sends every following request to the Keycloak node at {@code baseUrl}, whatever host the pages
     * name (cluster nodes share one public hostname). Null sends requests where the pages say.
     */
    public FormLogin routeTo(String baseUrl) {
        this.node = baseUrl == null ? null : URI.create(baseUrl);
        return this;
    }

    private URI route(URI uri) {
        if (node == null) {
            return uri;
        }
        return URI.create(node.getScheme() + "://" + node.getRawAuthority() + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    private final Map<String, String> extraHeaders = new LinkedHashMap<>();

    /** Sends {@code name: value} with every following request, e.g. a forged {@code X-Forwarded-For}. */
    public FormLogin header(String name, String value) {
        extraHeaders.put(name, value);
        return this;
    }

    /** The cookies Keycloak set, sent back on every request (one host, so no domain or path matching). */
    private final Map<String, String> cookies = new LinkedHashMap<>();

    public Map<String, String> cookies() {
        return cookies;
    }

    /** The last Set-Cookie header for each cookie name, attributes included. */
    private final Map<String, String> setCookieHeaders = new LinkedHashMap<>();

    /** The last Set-Cookie header Keycloak sent for {@code name} (e.g. to check HttpOnly), or null. */
    public String setCookieHeader(String name) {
        return setCookieHeaders.get(name);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            HttpRequest.Builder withCookies = HttpRequest.newBuilder(request, (n, v) -> true).uri(route(request.uri()));
            extraHeaders.forEach(withCookies::header);
            if (!cookies.isEmpty()) {
                withCookies.header("Cookie", cookies.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
            }
            HttpResponse<String> response = http.send(withCookies.build(), HttpResponse.BodyHandlers.ofString());
            for (String header : response.headers().allValues("Set-Cookie")) {
                String pair = header.split(";", 2)[0];
                int eq = pair.indexOf('=');
                String name = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                setCookieHeaders.put(name, header);
                if (value.isEmpty() || header.toLowerCase().contains("max-age=0")) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            return response;
        } catch (IOException e) {
            throw new AssertionError("request failed: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
