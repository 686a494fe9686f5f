package dev.vigil.authenticators.emailotp;

/**
 * What the code mail says about the requester, who controls it: the User-Agent header shortened and
 * stripped of control and formatting characters (line breaks, bidirectional overrides), so that it
 * cannot add lines to the mail or disguise itself.
 */
final class RequesterText {

    static final int MAX_USER_AGENT = 160;

    private RequesterText() {
    }

    static String userAgent(String header) {
        if (header == null) {
            return "";
        }
        StringBuilder clean = new StringBuilder(Math.min(header.length(), MAX_USER_AGENT + 1));
        boolean space = false;
        for (int i = 0; i < header.length() && clean.length() <= MAX_USER_AGENT; ) {
            int cp = header.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.FORMAT || type == Character.SURROGATE || type == Character.PRIVATE_USE
                    || type == Character.UNASSIGNED) {
                // invisible: bidirectional overrides, zero-width characters, broken or private code points
                continue;
            }
            if (type == Character.CONTROL || Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                // line breaks, tabs, other controls and runs of spaces become one space
                space = clean.length() > 0;
                continue;
            }
            if (space) {
                clean.append(' ');
                space = false;
            }
            clean.appendCodePoint(cp);
        }
        if (clean.length() > MAX_USER_AGENT) {
            int end = MAX_USER_AGENT - 1;
            if (Character.isHighSurrogate(clean.charAt(end - 1))) {
                end--;
            }
            return clean.substring(0, end) + "\u2026";
        }
        return clean.toString();
    }
}
