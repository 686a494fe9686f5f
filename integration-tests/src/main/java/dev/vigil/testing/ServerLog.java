package dev.vigil.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Reads a server's console log: the whole text, and the {@code vigil.audit} records in it. */
public final class ServerLog {

    public static final String AUDIT_CATEGORY = "[vigil.audit]";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    ServerLog(Path file) {
        this.file = file;
    }

    public String text() {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads the audit records a growing log gains: each {@link AuditCursor#next()} parses only what was written since
     * the call before (whole lines), where {@link #auditRecords()} reads the whole file every time.
     */
    public AuditCursor auditCursor() {
        return new AuditCursor();
    }

    /** The audit records after a position in the log; for polling in a loop. */
    public final class AuditCursor {

        private long offset;

        private AuditCursor() {
        }

        /** The audit records written since the last call (the first call: since the start of the log). */
        public List<JsonNode> next() {
            byte[] fresh;
            try (java.io.RandomAccessFile log = new java.io.RandomAccessFile(file.toFile(), "r")) {
                long length = log.length();
                if (length <= offset) {
                    return List.of();
                }
                fresh = new byte[(int) (length - offset)];
                log.seek(offset);
                log.readFully(fresh);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            int end = fresh.length;
            while (end > 0 && fresh[end - 1] != '\n') {
                end--;
            }
            offset += end;
            return records(new String(fresh, 0, end, StandardCharsets.UTF_8));
        }
    }

    /** Every audit record written so far, in order. */
    public List<JsonNode> auditRecords() {
        return records(text());
    }

    private static List<JsonNode> records(String text) {
        List<JsonNode> records = new ArrayList<>();
        for (String line : text.split("\n")) {
            int category = line.indexOf(AUDIT_CATEGORY);
            if (category < 0) {
                continue;
            }
            int start = line.indexOf('{', category);
            try {
                records.add(JSON.readTree(line.substring(start)));
            } catch (IOException | RuntimeException e) {
                throw new AssertionError("an audit line is not one JSON object: " + line, e);
            }
        }
        return records;
    }

    /** Waits for a record matching {@code match}; records are written when the request's transaction commits. */
    public JsonNode awaitAudit(String what, Predicate<JsonNode> match) {
        return Deadline.await("audit record: " + what, Duration.ofSeconds(15),
                () -> auditRecords().stream().filter(match).findFirst().orElse(null));
    }

    public static Predicate<JsonNode> type(String realm, String type) {
        return r -> realm.equals(r.path("realm").asText()) && type.equals(r.path("type").asText());
    }
}
