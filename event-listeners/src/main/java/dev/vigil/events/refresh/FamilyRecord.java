package dev.vigil.events.refresh;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Vigil's memory of one refresh family (a client within a user session), bounded whatever the number of
 * refreshes: the last {@value #MAX_USED} refresh tokens presented (id, chain, uses, and where and when
 * each was first presented) and, per rotation chain (Keycloak's {@code reuse_id} claim, present where the
 * realm rotates refresh tokens), the newest token issued and when, for at most {@value #MAX_CHAINS} chains. One
 * store entry per family: {@link #toNotes()} has at most {@code 2 + 6 * MAX_USED + 2 * MAX_CHAINS} notes,
 * user agents cut at {@value #MAX_AGENT_LENGTH} characters.
 *
 * <p>A presented token is:
 * <ul>
 *   <li>a repeat when it is among the recent tokens: beyond the allowance once its uses exceed it;</li>
 *   <li>an old token when its chain is known, the realm allows one use, and it is neither the chain's
 *       newest token nor recent and was issued (its {@code iat}) in an earlier second than that newest
 *       token: it was superseded, so presenting it is reuse. A token issued in the same second or later
 *       (a concurrent refresh, a grace-window repeat, a refresh this ledger could not record) is not
 *       judged old;</li>
 *   <li>otherwise a first use: it joins the recent tokens (the oldest leaves) and the chain's newest token
 *       becomes the one just issued.</li>
 * </ul>
 * Without a chain (a realm that does not rotate, with rotation enforced per client by Vigil) only the recent
 * tokens are judged: a token older than the last {@value #MAX_USED} presented in the family is not recognised.
 */
public record FamilyRecord(List<Used> used, Map<String, String> heads) {

    public static final int MAX_USED = 8;
    public static final int MAX_CHAINS = 4;
    public static final int MAX_AGENT_LENGTH = 96;
    public static final FamilyRecord EMPTY = new FamilyRecord(List.of(), Map.of());

    /** One presented token. */
    public record Used(String tokenId, String chain, int uses, long time, String ipAddress, String userAgent) {
        public Used {
            Objects.requireNonNull(tokenId, "tokenId");
            userAgent = shorten(userAgent);
        }

        Detection.FirstUse firstUse() {
            return new Detection.FirstUse(time, ipAddress, userAgent);
        }
    }

    /** What one presentation was, the record after it, and the token's first use when it was seen before. */
    public record Outcome(ReuseVerdict verdict, FamilyRecord after, Detection.FirstUse firstUse) {
    }

    public enum ReuseVerdict {
        FIRST,
        /** A later use that the realm's reuse count allows. */
        ALLOWED_REPEAT,
        /** More uses than allowed, or a token older than its chain's newest. */
        BEYOND_ALLOWANCE
    }

    public FamilyRecord {
        List<Used> u = used == null ? List.of() : used;
        used = List.copyOf(u.subList(Math.max(0, u.size() - MAX_USED), u.size()));
        LinkedHashMap<String, String> h = new LinkedHashMap<>(heads == null ? Map.of() : heads);
        while (h.size() > MAX_CHAINS) {
            h.remove(h.keySet().iterator().next());
        }
        heads = java.util.Collections.unmodifiableMap(h);
    }

    /**
     * Judges one successful refresh.
     *
     * @param chain        the presented token's {@code reuse_id}; null when it has none
     * @param presented    the presented token's id
     * @param presentedIat the presented token's {@code iat} (epoch seconds); null if unknown
     * @param issued       the id of the token the refresh issued; null if unknown
     * @param allowedUses  the realm's max reuse + 1 (1 where rotation is enforced per client)
     * @param now          when (epoch ms), from where and with which agent it was presented
     */
    public Outcome present(String chain, String presented, Long presentedIat, String issued, int allowedUses,
                           Detection.FirstUse now) {
        List<Used> nextUsed = new ArrayList<>(used);
        LinkedHashMap<String, String> nextHeads = new LinkedHashMap<>(heads);
        for (int i = 0; i < nextUsed.size(); i++) {
            Used u = nextUsed.get(i);
            if (u.tokenId().equals(presented)) {
                int uses = u.uses() + 1;
                nextUsed.set(i, new Used(u.tokenId(), u.chain(), uses, u.time(), u.ipAddress(), u.userAgent()));
                boolean allowed = uses <= allowedUses;
                if (allowed) {
                    head(nextHeads, chain, issued, now.time());
                }
                return new Outcome(allowed ? ReuseVerdict.ALLOWED_REPEAT : ReuseVerdict.BEYOND_ALLOWANCE,
                        new FamilyRecord(nextUsed, nextHeads), u.firstUse());
            }
        }
        String newest = chain == null ? null : heads.get(chain);
        if (allowedUses == 1 && newest != null && presentedIat != null) {
            int at = newest.lastIndexOf('@');
            String newestId = at < 0 ? newest : newest.substring(0, at);
            long newestIssued = at < 0 ? Long.MIN_VALUE : Long.parseLong(newest.substring(at + 1));
            if (!newestId.equals(presented) && presentedIat < newestIssued) {
                return new Outcome(ReuseVerdict.BEYOND_ALLOWANCE, this, null);
            }
        }
        nextUsed.add(new Used(presented, chain, 1, now.time(), now.ipAddress(), now.userAgent()));
        head(nextHeads, chain, issued, now.time());
        return new Outcome(ReuseVerdict.FIRST, new FamilyRecord(nextUsed, nextHeads), null);
    }

    /** The chain's newest token, {@code id@epochSecond} (the second it was issued, as its {@code iat}). */
    private static void head(LinkedHashMap<String, String> heads, String chain, String issued, long nowMillis) {
        if (chain != null && issued != null) {
            heads.remove(chain);
            heads.put(chain, issued + "@" + Math.floorDiv(nowMillis, 1000));
        }
    }

    /** Where and when {@code tokenId} was first presented, if it is among the recent tokens. */
    public Detection.FirstUse firstUse(String tokenId) {
        return used.stream().filter(u -> u.tokenId().equals(tokenId)).map(Used::firstUse).findFirst().orElse(null);
    }

    /** The record as the notes of one store entry. */
    public Map<String, String> toNotes() {
        Map<String, String> notes = new HashMap<>();
        notes.put("v", "1");
        notes.put("n", Integer.toString(used.size()));
        for (int i = 0; i < used.size(); i++) {
            Used u = used.get(i);
            notes.put("t" + i, u.tokenId());
            putIfSet(notes, "c" + i, u.chain());
            notes.put("u" + i, Integer.toString(u.uses()));
            notes.put("w" + i, Long.toString(u.time()));
            putIfSet(notes, "i" + i, u.ipAddress());
            putIfSet(notes, "a" + i, u.userAgent());
        }
        int i = 0;
        for (Map.Entry<String, String> head : heads.entrySet()) {
            notes.put("hc" + i, head.getKey());
            notes.put("ht" + i, head.getValue());
            i++;
        }
        return notes;
    }

    /** Reads a record; what cannot be read is left out (the family then starts over). */
    public static FamilyRecord fromNotes(Map<String, String> notes) {
        if (notes == null || !"1".equals(notes.get("v"))) {
            return EMPTY;
        }
        List<Used> used = new ArrayList<>();
        try {
            int n = Math.min(MAX_USED, Integer.parseInt(notes.getOrDefault("n", "0")));
            for (int i = 0; i < n; i++) {
                if (notes.get("t" + i) != null) {
                    used.add(new Used(notes.get("t" + i), notes.get("c" + i), Integer.parseInt(notes.get("u" + i)),
                            Long.parseLong(notes.get("w" + i)), notes.get("i" + i), notes.get("a" + i)));
                }
            }
        } catch (RuntimeException unreadable) {
            return EMPTY;
        }
        LinkedHashMap<String, String> heads = new LinkedHashMap<>();
        for (int i = 0; i < MAX_CHAINS; i++) {
            String head = notes.get("ht" + i);
            if (notes.get("hc" + i) != null && head != null && head.matches(".+@-?[0-9]{1,18}")) {
                heads.put(notes.get("hc" + i), head);
            }
        }
        return new FamilyRecord(used, heads);
    }

    private static void putIfSet(Map<String, String> notes, String key, String value) {
        if (value != null) {
            notes.put(key, value);
        }
    }

    /** A user agent as kept: at most {@value #MAX_AGENT_LENGTH} characters. */
    public static String shorten(String userAgent) {
        return userAgent == null || userAgent.length() <= MAX_AGENT_LENGTH ? userAgent : userAgent.substring(0, MAX_AGENT_LENGTH);
    }
}
