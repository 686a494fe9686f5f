package dev.vigil.events.refresh;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The grace window for benign refresh races (two tabs, a retried request), decided from Keycloak's
 * own record of a refresh-token chain (the id of the token last presented and when it was used)
 * and Vigil's note on that chain: which token was presented, when first, and which tokens were
 * issued for it.
 * <ul>
 * <li>The token last presented, presented again within the window after its first use, is
 * answered like a normal refresh: the client raced itself.</li>
 * <li>A token issued for the token last presented, while another token issued for it is already in
 * use, is still the newest generation of the chain: it may be used once, and then its siblings are
 * stale.</li>
 * <li>Anything older is refused, window or not.</li>
 * </ul>
 */
public final class GraceWindow {

    /** Tokens issued for one presented token that Vigil remembers; more siblings than this are refused. */
    static final int MAX_SIBLINGS = 10;

    public enum Verdict {
        REFUSE,
        /** The immediately previous token again, within the window. */
        REPEAT_WITHIN_WINDOW,
        /** A sibling of the token in use: issued for the same predecessor during a race. */
        SIBLING
    }

    /**
     * Vigil's note on a chain.
     *
     * @param presentedId      the token last presented
     * @param firstUseSeconds  when it was first presented (epoch seconds)
     * @param issuedIds        the tokens issued for it, oldest first
     */
    public record Note(String presentedId, long firstUseSeconds, List<String> issuedIds) {

        public Note {
            issuedIds = List.copyOf(issuedIds);
        }

        /** The note as stored, or null if {@code stored} is absent or not a note. */
        public static Note parse(String stored) {
            if (stored == null) {
                return null;
            }
            String[] parts = stored.split(" ");
            if (parts.length != 3) {
                return null;
            }
            try {
                long firstUse = Long.parseLong(parts[1]);
                List<String> issued = Arrays.asList(parts[2].split(","));
                // A damaged note (no issued token, a first use before the epoch) is no note: no grace from it.
                if (firstUse < 0 || issued.isEmpty() || issued.stream().anyMatch(String::isEmpty)) {
                    return null;
                }
                return new Note(parts[0], firstUse, issued);
            } catch (NumberFormatException e) {
                return null;
            }
        }

        public String format() {
            return presentedId + " " + firstUseSeconds + " " + String.join(",", issuedIds);
        }
    }

    private GraceWindow() {
    }

    /**
     * Judges a token that Keycloak refused as reused.
     *
     * @param tokenId       the presented token
     * @param lastPresented the token Keycloak last saw in this chain
     */
    public static Verdict judge(String tokenId, String lastPresented, Note note, int graceSeconds, long nowSeconds) {
        if (graceSeconds <= 0 || note == null || tokenId == null || lastPresented == null
                || !lastPresented.equals(note.presentedId())) {
            return Verdict.REFUSE;
        }
        if (tokenId.equals(lastPresented)) {
            // No overflow: parse refuses a first use before the epoch.
            return nowSeconds - note.firstUseSeconds() <= graceSeconds ? Verdict.REPEAT_WITHIN_WINDOW : Verdict.REFUSE;
        }
        return note.issuedIds().contains(tokenId) ? Verdict.SIBLING : Verdict.REFUSE;
    }

    /** The note after a refresh in which {@code presentedId} got {@code issuedId}. */
    public static Note afterIssue(Note note, String presentedId, String issuedId, long nowSeconds) {
        if (note != null && note.presentedId().equals(presentedId)) {
            if (note.issuedIds().size() >= MAX_SIBLINGS) {
                return note;
            }
            List<String> issued = new ArrayList<>(note.issuedIds());
            issued.add(issuedId);
            return new Note(presentedId, note.firstUseSeconds(), issued);
        }
        return new Note(presentedId, nowSeconds, List.of(issuedId));
    }
}
