package dev.vigil.authenticators.stepup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vigil.core.FuzzText;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;

/**
 * Fuzzes the CIDR range and IP literal parser. Input: a range text and an address text separated by
 * 0xFF. Text is either refused with an IllegalArgumentException whose message quotes it safely for a
 * log line, or parsed into a range whose normalised form parses back to the same range and contains
 * its own network; an address matches a range the same way as text and as an InetAddress, and an
 * IPv4 address the same way as its IPv4-mapped IPv6 form.
 */
class CidrRangeFuzzTest {

    /** The quoted text (64 characters and "...") and the longest reason. */
    private static final int MAX_MESSAGE_LENGTH = 250;

    @FuzzTest(maxDuration = "2m")
    void rangesParseBackOrAreRefusedSafely(byte[] data) {
        List<String> f = FuzzText.fields(data);
        String text = f.get(0);
        String ip = f.size() > 1 ? f.get(1) : "";

        CidrRange range = parsedOrNull(text, "is not an IP address or CIDR range: ", () -> CidrRange.parse(text));
        InetAddress address = parsedOrNull(ip, "is not an IP address: ", () -> CidrRange.parseAddress(ip));

        if (range != null) {
            assertThat(range.prefixLength()).isBetween(0, range.isIpv4() ? 32 : 128);
            assertThat(CidrRange.parse(range.toString())).isEqualTo(range);
            assertThat(CidrRange.parse(range.network().getHostAddress() + "/" + range.prefixLength())).isEqualTo(range);
            assertThat(range.contains(range.network())).isTrue();
            assertThat(range.contains(range.toString().substring(0, range.toString().indexOf('/')))).isTrue();
            if (range.prefixLength() == 0) {
                assertThat(range.contains(range.isIpv4() ? "203.0.113.9" : "2001:db8::9")).isTrue();
            }
            if (range.isIpv4() && text.indexOf('/') < 0 && text.indexOf(':') < 0) {
                assertThat(range.toString()).isEqualTo(text.trim() + "/32");
            }
        }
        boolean containsText = range != null && range.contains(ip);
        if (address == null) {
            assertThat(containsText).as("an address that does not parse is in no range").isFalse();
            return;
        }
        if (range != null) {
            assertThat(range.contains(address)).as("text and InetAddress agree").isEqualTo(containsText);
            if (address instanceof Inet4Address) {
                assertThat(range.contains("::ffff:" + address.getHostAddress())).as("mapped form agrees").isEqualTo(containsText);
            }
        }
    }

    private static <T> T parsedOrNull(String text, String reason, java.util.function.Supplier<T> parse) {
        Throwable error = catchThrowable(parse::get);
        if (error == null) {
            return parse.get();
        }
        assertThat(error).isExactlyInstanceOf(IllegalArgumentException.class);
        String message = error.getMessage();
        assertThat(message).startsWith("'" + CidrRange.shown(text) + "' " + reason);
        assertThat(message.length()).isLessThanOrEqualTo(MAX_MESSAGE_LENGTH);
        assertThat(FuzzText.isSafeForALogLine(message)).as("safe for a log line: %s", message).isTrue();
        return null;
    }
}
