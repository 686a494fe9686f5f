package dev.vigil.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.keycloak.admin.client.Keycloak;

/**
 * The clock of a test server or cluster, moved through the test-only provider {@code vigil-test-time}
 * (module test-providers/, installed only into test servers): Keycloak's time offset and, while it is
 * not zero, the embedded Infinispan's clock, on every node. Offsets add up until {@link #reset()}.
 */
public final class ServerTime {

    /** Where the test-only provider listens; a master-realm admin's bearer token is required. */
    static final String PATH = "/admin/realms/master/vigil-test-time";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One node: its own URL, its admin client (logged in to the master realm) and whether it runs. */
    record Node(String url, Supplier<Keycloak> admin, java.util.function.BooleanSupplier running) {

        Node(String url, Supplier<Keycloak> admin) {
            this(url, admin, () -> true);
        }
    }

    private final List<Node> nodes;
    private long offsetSeconds;

    ServerTime(List<Node> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /** Moves the clock of every node forward by {@code by} (whole seconds; negative moves it back). */
    public synchronized void travel(Duration by) {
        if (by.getNano() != 0) {
            throw new IllegalArgumentException("Keycloak's time offset has whole seconds, not " + by);
        }
        set(Math.addExact(offsetSeconds, by.getSeconds()));
    }

    /** Puts every node back on the wall clock (offset zero); does nothing if it already is. */
    public synchronized void reset() {
        if (offsetSeconds != 0) {
            set(0);
        }
    }

    /** How far the nodes' clocks are ahead of the wall clock (negative: behind). */
    public synchronized Duration offset() {
        return Duration.ofSeconds(offsetSeconds);
    }

    /** Whether {@code key} is in the single-use store, as node {@code index} (zero-based) sees it. */
    public boolean singleUseEntryExists(int index, String key) {
        Node node = nodes.get(index);
        HttpRequest request = HttpRequest.newBuilder(URI.create(node.url() + PATH + "/single-use?key="
                        + URLEncoder.encode(key, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + node.admin().get().tokenManager().getAccessTokenString())
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        JsonNode present = JSON.nullNode();
        String body = send(node, request).body();
        try {
            present = JSON.readTree(body).path("present");
        } catch (IOException e) {
            // reported below
        }
        if (!present.isBoolean()) {
            throw new IllegalStateException("asking " + node.url() + " for a single-use entry answered: " + body);
        }
        return present.asBoolean();
    }

    private void set(long seconds) {
        for (Node node : nodes) {
            if (node.running().getAsBoolean()) {
                set(node, seconds, seconds > offsetSeconds);
            }
        }
        offsetSeconds = seconds;
    }

    /** Gives node {@code index} (zero-based), just started again, the offset the others have. */
    synchronized void resync(int index) {
        if (offsetSeconds != 0) {
            set(nodes.get(index), offsetSeconds, true);
        }
    }

    private static void set(Node node, long seconds, boolean forward) {
        Keycloak admin = node.admin().get();
        HttpRequest request = HttpRequest.newBuilder(URI.create(node.url() + PATH))
                .header("Authorization", "Bearer " + admin.tokenManager().getAccessTokenString())
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"offset\":" + seconds + "}"))
                .build();
        HttpResponse<String> response = send(node, request);
        if (response.statusCode() != 200 || readOffset(response.body()) != seconds) {
            throw new IllegalStateException("setting the time offset of " + node.url() + " to " + seconds + " s answered "
                    + response.statusCode() + ": " + response.body());
        }
        // The admin token was issued at the old time; get one that is valid at the new time. Forward: refresh
        // (cheap), or log in again (a password hash) once the move has outlived the admin's session. Back: log in
        // again, since Keycloak refuses tokens issued before their session started (a refresh would be).
        if (forward) {
            try {
                admin.tokenManager().refreshToken();
                return;
            } catch (RuntimeException sessionOver) {
                // log in again below
            }
        }
        admin.tokenManager().grantToken();
    }

    private static HttpResponse<String> send(Node node, HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling " + request.uri(), e);
        }
        if (response.statusCode() == 404) {
            throw new IllegalStateException("The test-only time provider (vigil-test-time) is not installed on "
                    + node.url() + ": only servers the harness starts for tests have it (not the demo's, not the"
                    + " benchmarks', not the testcontainers backend's).");
        }
        return response;
    }

    private static long readOffset(String body) {
        try {
            JsonNode offset = JSON.readTree(body).path("offset");
            return offset.isIntegralNumber() ? offset.asLong() : Long.MIN_VALUE;
        } catch (IOException e) {
            return Long.MIN_VALUE;
        }
    }
}
