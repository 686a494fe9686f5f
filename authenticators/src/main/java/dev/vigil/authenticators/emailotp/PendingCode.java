package dev.vigil.authenticators.emailotp;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The one code a login may use: only its keyed hash, bound to the authentication session. Kept in
 * the authentication session's notes; a new code replaces it, so only the newest one is valid.
 *
 * Which account the code signs in is not kept here but in the cluster-wide store ({@link Resolution}).
 *
 * @param recipient what the page shows: the typed address, or the user's masked address
 */
public record PendingCode(String codeId, String hash, String recipient, Instant issuedAt,
                          Instant expiresAt) {

    static final String NOTE_PREFIX = "vigil.email-otp.";
    private static final String ID = NOTE_PREFIX + "id";
    private static final String HASH = NOTE_PREFIX + "hash";
    private static final String RECIPIENT = NOTE_PREFIX + "recipient";
    private static final String ISSUED = NOTE_PREFIX + "issued";
    private static final String EXPIRES = NOTE_PREFIX + "expires";

    public boolean isExpired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** Seconds until a new code may be requested, 0 when it may now. */
    public long resendWaitSeconds(Instant now, java.time.Duration cooldown) {
        // Plain long arithmetic: Instant.plus throws past the year 1,000,000,000 (damaged notes).
        long wait = issuedAt.getEpochSecond() + cooldown.getSeconds() - now.getEpochSecond();
        return Math.max(0, wait);
    }

    public Map<String, String> toNotes() {
        Map<String, String> notes = new HashMap<>();
        notes.put(ID, codeId);
        notes.put(HASH, hash);
        notes.put(RECIPIENT, recipient);
        notes.put(ISSUED, String.valueOf(issuedAt.getEpochSecond()));
        notes.put(EXPIRES, String.valueOf(expiresAt.getEpochSecond()));
        return notes;
    }

    /** The pending code in {@code notes}, or null when there is none (or the notes are damaged). */
    public static PendingCode fromNotes(Map<String, String> notes) {
        String id = notes.get(ID);
        String hash = notes.get(HASH);
        if (id == null || hash == null) {
            return null;
        }
        try {
            return new PendingCode(id, hash, notes.getOrDefault(RECIPIENT, ""),
                    Instant.ofEpochSecond(Long.parseLong(notes.get(ISSUED))),
                    Instant.ofEpochSecond(Long.parseLong(notes.get(EXPIRES))));
        } catch (RuntimeException damaged) {
            return null;
        }
    }

    public static java.util.List<String> noteNames() {
        return java.util.List.of(ID, HASH, RECIPIENT, ISSUED, EXPIRES);
    }
}
