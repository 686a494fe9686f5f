package dev.vigil.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Loopback ports for servers the harness starts. */
public final class FreePorts {

    private FreePorts() {
    }

    /** Below the kernel's range for outgoing connections' local ports (Linux: 32768 and up by default). */
    static final int LOWEST = 20_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /**
     * A free loopback port below the kernel's ephemeral range: a port from that range, free when chosen, can be taken
     * by any outgoing connection before the server binds it (a CI run lost a Keycloak start that way), one below it
     * only by another listener. Never the same port twice in this JVM.
     */
    public static int next() {
        int ephemeralLow = ephemeralLow();
        if (ephemeralLow > LOWEST + 1_000) {
            for (int attempt = 0; attempt < 200; attempt++) {
                int port = ThreadLocalRandom.current().nextInt(LOWEST, ephemeralLow);
                if (HANDED_OUT.add(port) && isFree(port)) {
                    return port;
                }
            }
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The lowest port the kernel gives outgoing connections; 0 where that cannot be read (then no range is avoided). */
    static int ephemeralLow() {
        try {
            // Not Files.readString: /proc reports a size of 0, and that read stops short.
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Fails with a message naming the port and what wanted it, instead of a server that dies later. */
    public static void requireFree(int port, String purpose) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " on 127.0.0.1 (" + purpose + ") is already in use. "
                    + "Stop whatever holds it (ss -ltnp 'sport = :" + port + "') or choose another port.", e);
        }
    }
}
