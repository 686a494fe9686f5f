package dev.vigil.core.ratelimit;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The network a per-client limit counts: an IPv4 address as it is, an IPv6 address by its /64 (one
 * subscriber usually holds a whole /64 and can rotate through it at will), an IPv4-mapped IPv6 address
 * as the IPv4 address it carries. Anything that is not an IP literal is counted as it was given.
 */
public final class ClientNetwork {

    /** Only literals reach {@link InetAddress#getByName}: it must never resolve a host name. */
    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+(%[0-9A-Za-z_.-]+)?");

    private ClientNetwork() {
    }

    /** {@code 203.0.113.7}, {@code 2001:db8:1:2::/64}; never null. */
    public static String of(String address) {
        if (address == null || address.isBlank()) {
            return "";
        }
        String trimmed = address.trim();
        if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1);
        }
        if (!LITERAL.matcher(trimmed).matches() || (trimmed.indexOf(':') < 0 && trimmed.indexOf('.') < 0)) {
            return trimmed.toLowerCase(Locale.ROOT);
        }
        try {
            InetAddress parsed = InetAddress.getByName(trimmed);
            if (parsed instanceof Inet4Address) {
                // Also what Java makes of ::ffff:a.b.c.d
                return parsed.getHostAddress();
            }
            if (parsed instanceof Inet6Address) {
                byte[] bytes = parsed.getAddress();
                if (isCompatibleMapped(bytes)) {
                    return (bytes[12] & 0xff) + "." + (bytes[13] & 0xff) + "." + (bytes[14] & 0xff) + "." + (bytes[15] & 0xff);
                }
                StringBuilder prefix = new StringBuilder();
                for (int i = 0; i < 8; i += 2) {
                    prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
                }
                return prefix.append(":/64").toString();
            }
        } catch (UnknownHostException | SecurityException notAnAddress) {
            // fall through: counted as given
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }

    /** {@code ::ffff:a.b.c.d} written in hex (Java maps only the dotted form to IPv4 by itself). */
    private static boolean isCompatibleMapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
    }
}
