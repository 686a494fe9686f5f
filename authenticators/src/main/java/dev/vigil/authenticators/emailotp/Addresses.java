package dev.vigil.authenticators.emailotp;

import java.util.Locale;

/** How the step shows and counts addresses. */
final class Addresses {

    private Addresses() {
    }

    /** {@code alice@example.com} becomes {@code a***@example.com}. */
    static String mask(String email) {
        if (email == null) {
            return "";
        }
        int at = email.indexOf('@');
        if (at <= 0) {
            return "***";
        }
        return email.charAt(0) + "***" + email.substring(at);
    }

    /** The form the per-address limit counts, so that case and spaces do not multiply the limit. */
    static String normalize(String typed) {
        return typed == null ? "" : typed.trim().toLowerCase(Locale.ROOT);
    }

    static boolean looksLikeEmail(String typed) {
        return typed != null && typed.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    }
}
