package dev.vigil.authenticators.emailotp;

import java.util.HashMap;
import java.util.Map;

/**
 * What a code was issued for, kept in the cluster-wide store under the code's id (not in the
 * authentication session): the account it can sign in, the account's guessing budget and pool.
 * For a first factor it is written after the response, off the request path, so that the request
 * does the same work whatever the address names.
 *
 * @param userId    the account the code signs in; empty when it can sign in nobody (unknown address,
 *                  disabled or locked user, a request refused by a rate limit)
 * @param accountId the account the typed value names, usable or not (for the audit trail); empty when none
 * @param budgetKey the keyed hash that names the account's budget (the user's id for an account,
 *                  the typed address otherwise); never the address itself
 * @param pool      the budget pool the code's guesses are counted in first
 */
public record Resolution(String userId, String accountId, String budgetKey, GuessBudget.Pool pool) {

    private static final String USER = "u";
    private static final String ACCOUNT = "a";
    private static final String BUDGET = "b";
    private static final String POOL = "p";

    public boolean hasAccount() {
        return userId != null && !userId.isEmpty();
    }

    public Map<String, String> toNotes() {
        Map<String, String> notes = new HashMap<>();
        notes.put(USER, userId == null ? "" : userId);
        notes.put(ACCOUNT, accountId == null ? "" : accountId);
        notes.put(BUDGET, budgetKey);
        notes.put(POOL, pool.id());
        return notes;
    }

    /** The resolution in {@code notes}, or null when there is none or it is damaged. */
    public static Resolution fromNotes(Map<String, String> notes) {
        if (notes == null || notes.get(BUDGET) == null || GuessBudget.Pool.fromId(notes.get(POOL)) == null) {
            return null;
        }
        return new Resolution(notes.getOrDefault(USER, ""), notes.getOrDefault(ACCOUNT, ""), notes.get(BUDGET), GuessBudget.Pool.fromId(notes.get(POOL)));
    }
}
