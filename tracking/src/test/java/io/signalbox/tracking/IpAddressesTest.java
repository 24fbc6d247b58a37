package io.signalbox.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IpAddressesTest {

    @Test
    void shouldTakeTheFirstAddressOfTheFirstForwardedForHeader() {
        List<String> headers = List.of(
                "Host: c.example.net",
                "X-Forwarded-For: 203.0.113.9, 10.0.0.1",
                "x-forwarded-for: 198.51.100.1",
                "Forwarded: for=192.0.2.60");

        assertThat(IpAddresses.clientAddress(headers, "10.0.0.2")).isEqualTo("203.0.113.9");
    }

    @Test
    void shouldUseTheForwardedHeaderWhenThereIsNoForwardedFor() {
        assertThat(IpAddresses.clientAddress(List.of("Forwarded: for=192.0.2.60;proto=http;by=203.0.113.43"), "x"))
                .isEqualTo("192.0.2.60");
        assertThat(IpAddresses.clientAddress(List.of("Forwarded: For=\"[2001:db8:cafe::17]:4711\""), "x"))
                .isEqualTo("2001:db8:cafe::17");
        assertThat(IpAddresses.clientAddress(List.of("Forwarded: for=192.0.2.43:47011, for=198.51.100.17"), "x"))
                .isEqualTo("192.0.2.43");
    }

    @Test
    void shouldFallBackToTheCollectorAddressWhenNoHeaderNamesTheClient() {
        assertThat(IpAddresses.clientAddress(List.of("Host: c.example.net"), "198.51.100.7"))
                .isEqualTo("198.51.100.7");
    }

    @Test
    void shouldTakeTheFirstTokenOfTheIpParameter() {
        assertThat(IpAddresses.fromParameter("1.2.3.4, 5.6.7.8")).isEqualTo("1.2.3.4");
        assertThat(IpAddresses.fromParameter("1.2.3.4|5.6.7.8")).isEqualTo("1.2.3.4");
        assertThat(IpAddresses.fromParameter("1.2.3.4 5.6.7.8")).isEqualTo("1.2.3.4");
        assertThat(IpAddresses.fromParameter("2001:db8::1")).isEqualTo("2001:db8::1");
    }

    @Test
    void shouldMaskTheLastOctetsOfAnIpv4Address() {
        assertThat(IpAddresses.anonymise("92.231.54.8", 1, 8)).isEqualTo("92.231.54.x");
        assertThat(IpAddresses.anonymise("92.231.54.8", 2, 8)).isEqualTo("92.231.x.x");
        assertThat(IpAddresses.anonymise("92.231.54.8", 4, 8)).isEqualTo("x.x.x.x");
    }

    @Test
    void shouldExpandThenMaskTheLastGroupsOfAnIpv6Address() {
        assertThat(IpAddresses.anonymise("2001:db8::ff00:42:8329", 1, 3)).isEqualTo("2001:db8:0:0:0:x:x:x");
        assertThat(IpAddresses.anonymise("::1", 1, 1)).isEqualTo("0:0:0:0:0:0:0:x");
        assertThat(IpAddresses.anonymise("fe80:0:0:0:202:b3ff:fe1e:8329", 1, 8)).isEqualTo("x:x:x:x:x:x:x:x");
    }

    @Test
    void shouldLeaveAnythingElseUnchanged() {
        assertThat(IpAddresses.anonymise("unknown", 2, 2)).isEqualTo("unknown");
        assertThat(IpAddresses.anonymise("300.1.1.1", 2, 2)).isEqualTo("300.1.1.1");
        assertThat(IpAddresses.anonymise("1:2:3", 2, 2)).isEqualTo("1:2:3");
        assertThat(IpAddresses.anonymise(null, 2, 2)).isNull();
    }
}
