package dev.vigil.core.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One line of the audit trail. Details pass through {@link DetailRedaction} on the way in, so a
 * record can never carry a token, code, password or secret, whoever builds it.
 */
public final class AuditRecord {

    public enum Outcome { SUCCESS, FAILURE }

    private final Instant time;
    private final String source;
    private final String type;
    private final String realm;
    private final String userId;
    private final String username;
    private final String clientId;
    private final String sessionId;
    private final String ipAddress;
    private final Outcome outcome;
    private final String error;
    private final Map<String, String> details;

    private AuditRecord(Builder b) {
        this.time = Objects.requireNonNull(b.time, "time");
        this.source = Objects.requireNonNull(b.source, "source");
        this.type = Objects.requireNonNull(b.type, "type");
        this.realm = b.realm;
        this.userId = b.userId;
        this.username = b.username;
        this.clientId = b.clientId;
        this.sessionId = b.sessionId;
        this.ipAddress = b.ipAddress;
        this.outcome = b.error == null ? b.outcome : Outcome.FAILURE;
        this.error = b.error;
        this.details = Collections.unmodifiableMap(new TreeMap<>(b.details));
    }

    public static Builder builder(String source, String type, Instant time) {
        return new Builder(source, type, time);
    }

    public Instant time() { return time; }
    /** What produced the record: {@code event}, {@code admin-event}, or a Vigil feature such as {@code email-otp}. */
    public String source() { return source; }
    public String type() { return type; }
    public String realm() { return realm; }
    public String userId() { return userId; }
    public String username() { return username; }
    public String clientId() { return clientId; }
    public String sessionId() { return sessionId; }
    public String ipAddress() { return ipAddress; }
    public Outcome outcome() { return outcome; }
    public String error() { return error; }
    public Map<String, String> details() { return details; }

    public static final class Builder {
        private final String source;
        private final String type;
        private final Instant time;
        private String realm;
        private String userId;
        private String username;
        private String clientId;
        private String sessionId;
        private String ipAddress;
        private Outcome outcome = Outcome.SUCCESS;
        private String error;
        private final Map<String, String> details = new TreeMap<>();

        private Builder(String source, String type, Instant time) {
            this.source = source;
            this.type = type;
            this.time = time;
        }

        public Builder realm(String value) { this.realm = value; return this; }
        public Builder userId(String value) { this.userId = value; return this; }
        public Builder username(String value) { this.username = value; return this; }
        public Builder clientId(String value) { this.clientId = value; return this; }
        public Builder sessionId(String value) { this.sessionId = value; return this; }
        public Builder ipAddress(String value) { this.ipAddress = value; return this; }
        public Builder outcome(Outcome value) { this.outcome = value; return this; }

        /** A failure with Keycloak's (or Vigil's) error code; a null error leaves the outcome as it is. */
        public Builder error(String value) {
            this.error = value;
            if (value != null) {
                this.outcome = Outcome.FAILURE;
            }
            return this;
        }

        /** Adds a detail; values that are or may be secrets are replaced by {@link DetailRedaction#REDACTED}. */
        public Builder detail(String key, Object value) {
            if (key != null && value != null) {
                details.put(key, DetailRedaction.redact(key, String.valueOf(value)));
            }
            return this;
        }

        public Builder details(Map<String, ?> values) {
            if (values != null) {
                values.forEach(this::detail);
            }
            return this;
        }

        public AuditRecord build() {
            return new AuditRecord(this);
        }
    }
}
