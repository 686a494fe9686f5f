package dev.vigil.authenticators.stepup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidrRangeTest {

    @Test
    void ipv4RangeContainsItsAddressesOnly() {
        CidrRange range = CidrRange.parse("10.0.0.0/8");
        assertThat(range.contains("10.0.0.0")).isTrue();
        assertThat(range.contains("10.1.2.3")).isTrue();
        assertThat(range.contains("10.255.255.255")).isTrue();
        assertThat(range.contains("11.0.0.0")).isFalse();
        assertThat(range.contains("9.255.255.255")).isFalse();
        assertThat(range.contains("2001:db8::1")).isFalse();
        assertThat(range.isIpv4()).isTrue();
        assertThat(range.prefixLength()).isEqualTo(8);
        assertThat(range).hasToString("10.0.0.0/8");
    }

    @Test
    void prefixesThatDoNotEndOnAByteBoundary() {
        CidrRange range = CidrRange.parse("192.168.1.128/25");
        assertThat(range.contains("192.168.1.128")).isTrue();
        assertThat(range.contains("192.168.1.255")).isTrue();
        assertThat(range.contains("192.168.1.127")).isFalse();
        CidrRange v6 = CidrRange.parse("2001:db8::/127");
        assertThat(v6.contains("2001:db8::1")).isTrue();
        assertThat(v6.contains("2001:db8::2")).isFalse();
        assertThat(CidrRange.parse("172.16.0.0/12").contains("172.31.255.255")).isTrue();
        assertThat(CidrRange.parse("172.16.0.0/12").contains("172.32.0.0")).isFalse();
    }

    @Test
    void aBareAddressOrSlash32IsOneHost() {
        CidrRange bare = CidrRange.parse("192.168.1.7");
        assertThat(bare).isEqualTo(CidrRange.parse("192.168.1.7/32")).hasToString("192.168.1.7/32");
        assertThat(bare.prefixLength()).isEqualTo(32);
        assertThat(bare.contains("192.168.1.7")).isTrue();
        assertThat(bare.contains("192.168.1.6")).isFalse();
        assertThat(bare.contains("192.168.1.8")).isFalse();
        assertThat(bare.contains("::ffff:192.168.1.7")).isTrue();
    }

    @Test
    void slash0CoversEveryAddressOfItsFamily() {
        CidrRange allV4 = CidrRange.parse("0.0.0.0/0");
        assertThat(allV4.contains("0.0.0.0")).isTrue();
        assertThat(allV4.contains("255.255.255.255")).isTrue();
        assertThat(allV4.contains("::ffff:8.8.8.8")).isTrue();
        assertThat(allV4.contains("2001:db8::1")).isFalse();
        assertThat(allV4.contains("::1")).isFalse();
        assertThat(CidrRange.parse("10.9.8.7/0")).isEqualTo(allV4);

        CidrRange all = CidrRange.parse("::/0");
        assertThat(all.contains("2001:db8::1")).isTrue();
        assertThat(all.contains("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).isTrue();
        assertThat(all.contains("8.8.8.8")).as("an IPv4 address is ::ffff:8.8.8.8 to an IPv6 range").isTrue();
        assertThat(all).hasToString("::/0");
    }

    @Test
    void ipv6RangesAndSlash128() {
        CidrRange loopback = CidrRange.parse("::1/128");
        assertThat(loopback).isEqualTo(CidrRange.parse("::1")).isEqualTo(CidrRange.parse("0:0:0:0:0:0:0:1"));
        assertThat(loopback.contains("::1")).isTrue();
        assertThat(loopback.contains("::2")).isFalse();
        assertThat(loopback.contains("::")).isFalse();
        assertThat(loopback.contains("127.0.0.1")).isFalse();
        assertThat(loopback.isIpv4()).isFalse();

        CidrRange doc = CidrRange.parse("2001:db8::/32");
        assertThat(doc.contains("2001:db8::1")).isTrue();
        assertThat(doc.contains("2001:DB8:ffff:ffff:ffff:ffff:ffff:ffff")).isTrue();
        assertThat(doc.contains("2001:0db8:0:0:0:0:0:0")).isTrue();
        assertThat(doc.contains("2001:db9::")).isFalse();
        assertThat(doc.contains("2001:db7:ffff::")).isFalse();
        assertThat(doc.contains("10.0.0.1")).isFalse();
    }

    @Test
    void ipv4MappedIpv6AddressesMatchIpv4Ranges() throws Exception {
        CidrRange range = CidrRange.parse("10.0.0.0/8");
        assertThat(range.contains("::ffff:10.1.2.3")).isTrue();
        assertThat(range.contains("::FFFF:a01:203")).as("the same address in hex").isTrue();
        assertThat(range.contains("0:0:0:0:0:ffff:10.1.2.3")).isTrue();
        assertThat(range.contains("::ffff:11.1.2.3")).isFalse();
        assertThat(range.contains("::10.1.2.3")).as("IPv4-compatible is not IPv4-mapped").isFalse();
        assertThat(range.contains("64:ff9b::10.1.2.3")).isFalse();

        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 1, 2, 3};
        Inet6Address inet6 = Inet6Address.getByAddress(null, mapped, -1);
        assertThat(range.contains(inet6)).isTrue();
        assertThat(range.contains(InetAddress.getByAddress(new byte[] {10, 1, 2, 3}))).isTrue();

        assertThat(CidrRange.parse("::ffff:0:0/96").contains("1.2.3.4")).isTrue();
        assertThat(CidrRange.parse("::ffff:0:0/96").contains("::1")).isFalse();
        assertThat(CidrRange.parse("::ffff:10.0.0.0/104")).isEqualTo(range).hasToString("10.0.0.0/8");
        assertThat(CidrRange.parse("::ffff:10.1.2.3")).hasToString("10.1.2.3/32");
        assertThat(CidrRange.parse("::ffff:0:0/95")).hasToString("::fffe:0:0/95");
    }

    @Test
    void hostBitsAreAllowedAndCleared() {
        assertThat(CidrRange.parse("10.1.2.3/8")).isEqualTo(CidrRange.parse("10.0.0.0/8")).hasToString("10.0.0.0/8");
        assertThat(CidrRange.parse("192.168.1.200/25")).hasToString("192.168.1.128/25");
        assertThat(CidrRange.parse("2001:db8:1:2::1/32")).hasToString("2001:db8::/32");
        assertThat(CidrRange.parse(" 10.1.2.3/8 ").network().getHostAddress()).isEqualTo("10.0.0.0");
        assertThat(CidrRange.parse("10.1.2.3/8").hashCode()).isEqualTo(CidrRange.parse("10.0.0.0/8").hashCode());
        assertThat(CidrRange.parse("10.0.0.0/8")).isNotEqualTo(CidrRange.parse("10.0.0.0/9"));
    }

    @Test
    void ipv6IsShownInItsShortForm() {
        assertThat(CidrRange.parse("2001:0DB8:0000:0000:0000:0000:0000:0001")).hasToString("2001:db8::1/128");
        assertThat(CidrRange.parse("1:0:0:1:0:0:0:1")).hasToString("1:0:0:1::1/128");
        assertThat(CidrRange.parse("1:0:1:1:1:1:1:1")).as("a single zero group stays").hasToString("1:0:1:1:1:1:1:1/128");
        assertThat(CidrRange.parse("fe80::/10")).hasToString("fe80::/10");
        assertThat(CidrRange.parse("::")).hasToString("::/128");
    }

    @Test
    void containsIsFalseForAnythingThatIsNotAnAddressLiteral() {
        CidrRange all = CidrRange.parse("::/0");
        assertThat(all.contains((String) null)).isFalse();
        assertThat(all.contains((InetAddress) null)).isFalse();
        assertThat(all.contains("")).isFalse();
        assertThat(all.contains("localhost")).isFalse();
        assertThat(all.contains("example.com")).isFalse();
        assertThat(all.contains("beef.cafe")).as("hex letters and dots only, still no lookup").isFalse();
        assertThat(all.contains("10.0.0.1.5")).isFalse();
        assertThat(all.contains("fe80::1%eth0")).isFalse();
        assertThat(all.contains("10.0.0.0/8")).isFalse();
    }

    @Test
    void parseAddressReadsLiteralsWithoutLookups() {
        assertThat(CidrRange.parseAddress("::ffff:10.1.2.3")).isInstanceOf(Inet4Address.class)
                .extracting(InetAddress::getHostAddress).isEqualTo("10.1.2.3");
        assertThat(CidrRange.parseAddress(" 2001:db8::1 ")).isInstanceOf(Inet6Address.class);
        assertThatThrownBy(() -> CidrRange.parseAddress("localhost")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'localhost' is not an IP address: unexpected character 'l' (host names are not accepted)");
        assertThatThrownBy(() -> CidrRange.parseAddress("dead.beef.ca.fe"))
                .hasMessage("'dead.beef.ca.fe' is not an IP address: 'dead' is not a number from 0 to 255");
        assertThatThrownBy(() -> CidrRange.parseAddress(null)).hasMessage("'null' is not an IP address: it is empty");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "\"\"| it is empty",
            "10.0.0.0/33| prefix /33 is longer than the 32 bits of an IPv4 address",
            "::/129| prefix /129 is longer than the 128 bits of an IPv6 address",
            "10.0.0.0/| the prefix length after '/' is missing",
            "10.0.0.0/-1| prefix '/-1' is not a whole number from 0 to 32",
            "10.0.0.0/8a| prefix '/8a' is not a whole number from 0 to 32",
            "10.0.0.0/8/8| it has more than one '/'",
            "/8| the address is missing",
            "10.0.0| an IPv4 address has four numbers separated by dots",
            "10.0.0.0.0| an IPv4 address has four numbers separated by dots",
            "256.0.0.0| 256 is more than 255",
            "10..0.0| '' is not a number from 0 to 255",
            "010.0.0.0/8| '010' has a leading zero, which is ambiguous",
            "1:2:3:4:5:6:7| it is not a valid IPv6 address",
            "1:2:3:4:5:6:7:8:9| it is not a valid IPv6 address",
            "1:2:3:4:5:6:7::8| it is not a valid IPv6 address",
            "1::2::3| it is not a valid IPv6 address",
            ":::| it is not a valid IPv6 address",
            ":1::| it is not a valid IPv6 address",
            "1::2:| it is not a valid IPv6 address",
            "12345::| it is not a valid IPv6 address",
            "1.2.3.4::| an embedded IPv4 address may only come last",
            "::1.2.3.4:5| an embedded IPv4 address may only come last",
            "::ffff:1.2.3| an IPv4 address has four numbers separated by dots",
            "::ffff:010.0.0.1| '010' has a leading zero, which is ambiguous",
            "::ffff:1.2.3.256| 256 is more than 255",
            "[::1]| unexpected character '[' (host names are not accepted)",
            "beef:cafe| it is not a valid IPv6 address",
            "fe80::1%eth0| zone ids ('%...') are not supported",
            "example.com/8| unexpected character 'x' (host names are not accepted)",
            "10.0.0.0 /8| unexpected character ' ' (host names are not accepted)",
            "１０.0.0.0| unexpected character '１' (host names are not accepted)",
    })
    void malformedRangesAreRefusedNamingTextAndReason(String text, String reason) {
        assertThatThrownBy(() -> CidrRange.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not an IP address or CIDR range: " + reason);
    }

    @Test
    void messagesNeitherBreakLinesNorGrowWithoutBound() {
        assertThatThrownBy(() -> CidrRange.parse("10.0.0.0\n/8"))
                .hasMessage("'10.0.0.0?/8' is not an IP address or CIDR range: unexpected character '?' (host names are not accepted)");
        assertThatThrownBy(() -> CidrRange.parse(null)).hasMessage("'null' is not an IP address or CIDR range: it is empty");
        String longText = "1".repeat(100);
        assertThatThrownBy(() -> CidrRange.parse(longText))
                .hasMessage("'" + "1".repeat(64) + "...' is not an IP address or CIDR range: it is longer than 64 characters");
    }
}
