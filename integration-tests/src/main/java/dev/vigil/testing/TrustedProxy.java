package dev.vigil.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;

/**
 * A reverse proxy on loopback as Keycloak sees one behind {@code proxy-headers}: it listens on 127.0.0.1
 * and connects to Keycloak <em>from {@value #ADDRESS}</em>, the only address the shared test server trusts
 * for forwarded headers. It relays bytes unchanged; the test sets {@code X-Forwarded-For} (and
 * {@code X-Forwarded-Host}, so URLs and token issuers stay those of the server) as a proxy would.
 */
public final class TrustedProxy implements AutoCloseable {

    /** The proxy's own address towards Keycloak ({@code proxy-trusted-addresses} of the shared server). */
    public static final String ADDRESS = "127.0.0.2";

    private final ServerSocket listener;
    private final URI target;

    private TrustedProxy(URI target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "trusted-proxy-" + listener.getLocalPort());
        accept.setDaemon(true);
        accept.start();
    }

    /** Starts a proxy in front of the server at {@code baseUrl} (http only). */
    public static TrustedProxy start(String baseUrl) {
        try {
            return new TrustedProxy(URI.create(baseUrl));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the loopback proxy", e);
        }
    }

    /** Where clients send requests: the proxy. */
    public String baseUrl() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    /** The value of {@code X-Forwarded-Host} that keeps the server's own URLs. */
    public String forwardedHost() {
        return target.getRawAuthority();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket upstream = new Socket();
                upstream.bind(new InetSocketAddress(InetAddress.getByName(ADDRESS), 0));
                upstream.connect(new InetSocketAddress(target.getHost(), target.getPort()), 5000);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    System.err.println("trusted proxy: " + e);
                }
            }
        }
    }

    /** Copies one direction; when it ends, passes the end on, and closes both sockets once both directions ended. */
    private static void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                in.transferTo(out);
            } catch (IOException closed) {
                // the other side ended the connection
            }
            synchronized (TrustedProxy.class) {
                try {
                    to.shutdownOutput();
                } catch (IOException ignored) {
                    // already closed
                }
                if (from.isOutputShutdown() || from.isClosed()) {
                    closeQuietly(from);
                    closeQuietly(to);
                }
            }
        }, "trusted-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
