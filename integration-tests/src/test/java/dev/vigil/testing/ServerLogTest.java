package dev.vigil.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit cursor reads on where it stopped and never parses half a line. */
class ServerLogTest {

    private static final String AUDIT = "2026-12-05 19:00:00,000 INFO  [vigil.audit] (executor-thread-1) ";

    @TempDir
    Path dir;

    @Test
    void theCursorReturnsOnlyRecordsWrittenSinceTheLastCallAndWaitsForWholeLines() throws IOException {
        Path file = dir.resolve("server.log");
        Files.writeString(file, "Keycloak started\n" + AUDIT + "{\"type\":\"A\"}\n", StandardCharsets.UTF_8);
        ServerLog log = new ServerLog(file);
        ServerLog.AuditCursor cursor = log.auditCursor();

        assertThat(types(cursor.next())).containsExactly("A");
        assertThat(cursor.next()).isEmpty();

        append(file, AUDIT + "{\"type\":\"B\"}\n" + AUDIT + "{\"type\":");
        assertThat(types(cursor.next())).containsExactly("B");

        append(file, "\"C\"}\nan ordinary line\n");
        assertThat(types(cursor.next())).containsExactly("C");
        assertThat(types(log.auditRecords())).containsExactly("A", "B", "C");
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static List<String> types(List<JsonNode> records) {
        return records.stream().map(r -> r.path("type").asText()).toList();
    }
}
