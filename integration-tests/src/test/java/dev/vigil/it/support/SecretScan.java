package dev.vigil.it.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds secrets, or any piece of them, in a text: every 12-character window of every secret is
 * looked for, so a truncated or partly masked token is caught too. JWT headers are skipped, as
 * they are the same for every token of a realm and carry nothing secret.
 */
public final class SecretScan {

    public static final int WINDOW = 12;

    private final Map<String, String> windows = new HashMap<>();

    public SecretScan add(String label, String secret) {
        String scanned = secret;
        if (secret.startsWith("eyJ") && secret.indexOf('.') > 0) {
            scanned = secret.substring(secret.indexOf('.') + 1);
        }
        if (scanned.length() <= WINDOW) {
            windows.put(scanned, label);
        } else {
            for (int i = 0; i + WINDOW <= scanned.length(); i++) {
                String w = scanned.substring(i, i + WINDOW);
                if (w.indexOf('.') < 0) {
                    windows.put(w, label);
                }
            }
        }
        return this;
    }

    /** Labels of the secrets found in {@code text}, with the line they were found on. */
    public List<String> findIn(String text) {
        List<String> found = new ArrayList<>();
        for (String line : text.split("\n")) {
            for (Map.Entry<String, String> w : windows.entrySet()) {
                if (line.contains(w.getKey())) {
                    found.add(w.getValue() + " in: " + line);
                    break;
                }
            }
        }
        return found;
    }
}
