package dev.vigil.authenticators.stepup;

import dev.vigil.core.config.Options;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A block of IPv4 or IPv6 addresses in CIDR notation: {@code 10.0.0.0/8}, {@code 192.168.1.7/32},
 * {@code ::1/128}, {@code 2001:db8::/32}. A bare address is a single host ({@code /32} or {@code /128}).
 *
 * <p><b>Host bits.</b> A range whose address has bits set beyond its prefix, such as {@code 10.1.2.3/8},
 * is accepted and normalised to its network ({@code 10.0.0.0/8}); {@link #toString()} shows the
 * normalised form, so an admin can see what was understood.
 *
 * <p><b>IPv4 inside IPv6.</b> An IPv4 address and its IPv4-mapped IPv6 form ({@code ::ffff:10.1.2.3}) are
 * the same address: a mapped address is matched against IPv4 ranges, and an IPv4 address is matched
 * against IPv6 ranges as its mapped form (so {@code ::/0} contains every address, and
 * {@code ::ffff:0:0/96} every IPv4 address). A mapped range with a prefix of 96 or more is normalised to
 * the IPv4 range it denotes ({@code ::ffff:10.0.0.0/104} is {@code 10.0.0.0/8}).
 *
 * <p><b>Literals only.</b> Only the characters of an address literal are accepted (digits, hex letters,
 * {@code :} and {@code .}), and IPv6 text is handed to the JDK's {@link InetAddress} in brackets, which
 * parses a literal or refuses it: no input can cause a DNS lookup. IPv4 parts must be plain decimal 0 to
 * 255 without leading zeros (which some parsers read as octal), also in the dotted end of an IPv6
 * address; zone ids ({@code %eth0}) are refused.
 */
public final class CidrRange {

    private static final int MAX_TEXT_LENGTH = 64;
    /** Runs of zero groups in ":"-wrapped full IPv6 text, each without its closing ':'. */
    private static final Pattern ZERO_GROUPS = Pattern.compile("(?::0)+(?=:)");

    private final byte[] network;
    private final int prefixLength;

    private CidrRange(byte[] network, int prefixLength) {
        this.network = network;
        this.prefixLength = prefixLength;
    }

    /**
     * Parses {@code address} or {@code address/prefix}.
     *
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    public static CidrRange parse(String text) {
        try {
            String t = trimmed(text);
            int slash = t.indexOf('/');
            if (slash >= 0 && t.indexOf('/', slash + 1) >= 0) {
                throw new Malformed("it has more than one '/'");
            }
            byte[] address = literal(slash < 0 ? t : t.substring(0, slash));
            int bits = address.length * 8;
            int prefix = slash < 0 ? bits : prefix(t.substring(slash + 1), bits);
            if (address.length == 16 && isMapped(address) && prefix >= 96) {
                address = Arrays.copyOfRange(address, 12, 16);
                prefix -= 96;
            }
            return new CidrRange(mask(address, prefix), prefix);
        } catch (Malformed e) {
            throw new IllegalArgumentException("'" + shown(text) + "' is not an IP address or CIDR range: " + e.getMessage());
        }
    }

    /**
     * Parses an IP address literal, without any name lookup. An IPv4-mapped IPv6 address comes back
     * as the IPv4 address it maps.
     *
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    public static InetAddress parseAddress(String literal) {
        try {
            return toInetAddress(literal(trimmed(literal)));
        } catch (Malformed e) {
            throw new IllegalArgumentException("'" + shown(literal) + "' is not an IP address: " + e.getMessage());
        }
    }

    /** Whether the address lies in this range; false for null. */
    public boolean contains(InetAddress address) {
        return address != null && containsBytes(address.getAddress());
    }

    /**
     * Whether the address literal lies in this range. Null, blank or malformed text (including host
     * names, which are never resolved) is in no range, so the answer is false.
     */
    public boolean contains(String ip) {
        byte[] address;
        try {
            address = ip == null ? null : literal(ip.trim());
        } catch (Malformed e) {
            return false;
        }
        return address != null && containsBytes(address);
    }

    public boolean isIpv4() {
        return network.length == 4;
    }

    /** The number of leading bits that are fixed: 0 to 32 for IPv4, 0 to 128 for IPv6. */
    public int prefixLength() {
        return prefixLength;
    }

    /** The first address of the range (the address with its host bits cleared). */
    public InetAddress network() {
        return toInetAddress(network);
    }

    /** The normalised range, always with its prefix: {@code 10.0.0.0/8}, {@code 2001:db8::/32}. */
    @Override
    public String toString() {
        return format(network) + "/" + prefixLength;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CidrRange that && prefixLength == that.prefixLength && Arrays.equals(network, that.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    private boolean containsBytes(byte[] raw) {
        byte[] address = raw;
        if (network.length == 4) {
            if (address.length == 16 && isMapped(address)) {
                address = Arrays.copyOfRange(address, 12, 16);
            }
            if (address.length != 4) {
                return false;
            }
        } else if (address.length == 4) {
            address = mapped(address);
        }
        if (address.length != network.length) {
            return false;
        }
        return Arrays.equals(mask(address, prefixLength), network);
    }

    // ---- parsing ----------------------------------------------------------------------------

    /** Thrown inside the parser with the reason only; the public methods add the text. */
    private static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String reason) {
            super(reason, null, false, false);
        }
    }

    private static String trimmed(String text) throws Malformed {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            throw new Malformed("it is empty");
        }
        if (t.length() > MAX_TEXT_LENGTH) {
            throw new Malformed("it is longer than " + MAX_TEXT_LENGTH + " characters");
        }
        return t;
    }

    private static byte[] literal(String s) throws Malformed {
        if (s.isEmpty()) {
            throw new Malformed("the address is missing");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                throw new Malformed("zone ids ('%...') are not supported");
            }
            if (!(c == ':' || c == '.' || Character.digit(c, 16) >= 0 && c < 128)) {
                throw new Malformed("unexpected character '" + shown(String.valueOf(c)) + "' (host names are not accepted)");
            }
        }
        int lastColon = s.lastIndexOf(':');
        if (lastColon < 0) {
            return ipv4(s);
        }
        int dot = s.indexOf('.');
        if (dot >= 0) {
            if (dot < lastColon) {
                throw new Malformed("an embedded IPv4 address may only come last");
            }
            ipv4(s.substring(lastColon + 1)); // the same strict rules as a plain IPv4 address
        }
        byte[] address;
        try {
            // In brackets the JDK reads the text as an IPv6 literal or refuses it; it never looks a name up.
            address = InetAddress.getByName("[" + s + "]").getAddress();
        } catch (UnknownHostException e) {
            throw new Malformed("it is not a valid IPv6 address");
        }
        // The JDK hands an IPv4-mapped address back as the IPv4 address; the caller needs to know it was mapped.
        return address.length == 4 ? mapped(address) : address;
    }

    /**
     * Strict dotted decimal: the JDK would also take {@code 10.1} or {@code 010.0.0.1}, which other
     * software reads differently (as {@code 10.0.0.1}, or octal), so a rule could match another host.
     */
    private static byte[] ipv4(String s) throws Malformed {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            throw new Malformed("an IPv4 address has four numbers separated by dots");
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new Malformed("'" + part + "' is not a number from 0 to 255");
            }
            if (part.length() > 1 && part.charAt(0) == '0') {
                throw new Malformed("'" + part + "' has a leading zero, which is ambiguous");
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                throw new Malformed(part + " is more than 255");
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }

    private static int prefix(String s, int bits) throws Malformed {
        if (s.isEmpty()) {
            throw new Malformed("the prefix length after '/' is missing");
        }
        if (s.length() > 3 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new Malformed("prefix '/" + shown(s) + "' is not a whole number from 0 to " + bits);
        }
        int prefix = Integer.parseInt(s);
        if (prefix > bits) {
            throw new Malformed("prefix /" + prefix + " is longer than the " + bits + " bits of an "
                    + (bits == 32 ? "IPv4" : "IPv6") + " address");
        }
        return prefix;
    }

    // ---- bytes --------------------------------------------------------------------------------

    private static byte[] mask(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - 8 * i));
            masked[i] = (byte) (masked[i] & (0xff00 >>> keep));
        }
        return masked;
    }

    private static boolean isMapped(byte[] address) {
        for (int i = 0; i < 10; i++) {
            if (address[i] != 0) {
                return false;
            }
        }
        return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
    }

    private static byte[] mapped(byte[] v4) {
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xff;
        v6[11] = (byte) 0xff;
        System.arraycopy(v4, 0, v6, 12, 4);
        return v6;
    }

    private static InetAddress toInetAddress(byte[] address) {
        try {
            return InetAddress.getByAddress(address); // no lookup: the host name is left empty
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + address.length + " bytes", e);
        }
    }

    /** IPv4 dotted, IPv6 in the RFC 5952 short form (lower case, the first longest run of two or more zero groups as '::'). */
    private static String format(byte[] address) {
        if (address.length == 4) {
            return toInetAddress(address).getHostAddress();
        }
        String wrapped;
        try {
            // Inet6Address as such (getByAddress would turn a mapped address into IPv4): "1:0:0:0:0:0:0:1".
            wrapped = ":" + Inet6Address.getByAddress(null, address, -1).getHostAddress() + ":";
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + address.length + " bytes", e);
        }
        int bestStart = -1;
        int bestEnd = -1;
        Matcher zeros = ZERO_GROUPS.matcher(wrapped);
        while (zeros.find()) {
            if (zeros.end() - zeros.start() > Math.max(bestEnd - bestStart, 2)) {
                bestStart = zeros.start();
                bestEnd = zeros.end();
            }
        }
        if (bestStart < 0) {
            return wrapped.substring(1, wrapped.length() - 1);
        }
        String head = bestStart == 0 ? "" : wrapped.substring(1, bestStart);
        String tail = bestEnd + 1 >= wrapped.length() ? "" : wrapped.substring(bestEnd + 1, wrapped.length() - 1);
        return head + "::" + tail;
    }

    /**
     * Text as it may safely appear in a message or log line: control characters replaced by '?',
     * cut after 64 characters.
     */
    static String shown(String text) {
        return Options.shown(text);
    }
}
