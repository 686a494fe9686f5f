package dev.vigil.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientNetworkTest {

    @Test
    void anIpv4AddressCountsAsItself() {
        assertThat(ClientNetwork.of("203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void everyAddressOfOneIpv6Slash64CountsAsOne() {
        String one = ClientNetwork.of("2001:db8:1:2::1");
        assertThat(one).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientNetwork.of("2001:0DB8:0001:0002:ffff:ffff:ffff:fffe")).isEqualTo(one);
        assertThat(ClientNetwork.of("[2001:db8:1:2:abcd::9]")).isEqualTo(one);
        assertThat(ClientNetwork.of("2001:db8:1:3::1")).as("the next /64").isNotEqualTo(one);
    }

    @Test
    void anIpv4MappedAddressCountsAsTheIpv4AddressItCarries() {
        assertThat(ClientNetwork.of("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(ClientNetwork.of("::ffff:cb00:7107")).isEqualTo("203.0.113.7");
    }

    @Test
    void somethingThatIsNotAnIpLiteralIsNeverResolvedAndCountsAsGiven() {
        assertThat(ClientNetwork.of("Example.COM")).isEqualTo("example.com");
        assertThat(ClientNetwork.of("")).isEmpty();
        assertThat(ClientNetwork.of(null)).isEmpty();
    }
}
