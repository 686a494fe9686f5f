package dev.vigil.testing.demo;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Echoes the {@code vigil.audit} lines of the demo server's log to the console as they are written. */
final class AuditTail implements AutoCloseable {

    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-audit-tail");
        t.setDaemon(true);
        return t;
    });
    private final Path log;
    private long offset;
    private final StringBuilder partial = new StringBuilder();

    AuditTail(Path log) {
        this.log = log;
        this.offset = log.toFile().length();
        poller.scheduleWithFixedDelay(this::poll, 500, 500, TimeUnit.MILLISECONDS);
    }

    private void poll() {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            if (file.length() <= offset) {
                return;
            }
            file.seek(offset);
            byte[] bytes = new byte[(int) Math.min(file.length() - offset, 1 << 20)];
            file.readFully(bytes);
            offset += bytes.length;
            partial.append(new String(bytes, StandardCharsets.UTF_8));
            int newline;
            while ((newline = partial.indexOf("\n")) >= 0) {
                String line = partial.substring(0, newline);
                partial.delete(0, newline + 1);
                if (line.contains("[vigil.audit]")) {
                    DemoLauncher.say("audit: " + line.substring(line.indexOf('{')));
                }
            }
        } catch (IOException e) {
            DemoLauncher.say("(cannot read " + log + ": " + e.getMessage() + ")");
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
