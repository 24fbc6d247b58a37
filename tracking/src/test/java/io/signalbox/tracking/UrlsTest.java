package io.signalbox.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UrlsTest {

    @Test
    void shouldLeaveThePathEmptyWhenTheUrlHasOnlyAHost() throws Exception {
        Urls.Parts parts = Urls.parse("https://a.com");

        assertThat(parts.scheme()).isEqualTo("https");
        assertThat(parts.host()).isEqualTo("a.com");
        assertThat(parts.port()).isEqualTo(443);
        assertThat(parts.path()).isNull();
        assertThat(parts.query()).isNull();
        assertThat(parts.fragment()).isNull();
        assertThat(parts.normalised()).isEqualTo("https://a.com");
    }

    @Test
    void shouldUseTheDefaultPortOfTheSchemeWhenNoneIsGiven() throws Exception {
        assertThat(Urls.parse("http://a.com/").port()).isEqualTo(80);
        assertThat(Urls.parse("https://a.com/").port()).isEqualTo(443);
        assertThat(Urls.parse("ftp://a.com/").port()).isEqualTo(80);
        assertThat(Urls.parse("android-app://com.google.android.gm").port()).isEqualTo(80);
    }

    @Test
    void shouldKeepAnExplicitPort() throws Exception {
        assertThat(Urls.parse("https://a.com:8443/x").port()).isEqualTo(8443);
        assertThat(Urls.parse("http://localhost:3000").port()).isEqualTo(3000);
    }

    @Test
    void shouldKeepComponentsRawWhenTheyArePercentEncoded() throws Exception {
        Urls.Parts parts = Urls.parse("https://a.com/caf%C3%A9/x?q=blue+widgets&r=%2F#sec%201");

        assertThat(parts.path()).isEqualTo("/caf%C3%A9/x");
        assertThat(parts.query()).isEqualTo("q=blue+widgets&r=%2F");
        assertThat(parts.fragment()).isEqualTo("sec%201");
    }

    @Test
    void shouldReplaceSpacesWhenTheUrlHoldsThem() throws Exception {
        Urls.Parts parts = Urls.parse("https://a.com/my page?q=a b");

        assertThat(parts.normalised()).isEqualTo("https://a.com/my%20page?q=a%20b");
        assertThat(parts.path()).isEqualTo("/my%20page");
    }

    @Test
    void shouldEscapeCharactersAUriCannotHoldWhenParsingLeniently() throws Exception {
        Urls.Parts parts = Urls.parse("https://a.com/p|q?x={1}&y=100%&z=é#a#b");

        assertThat(parts.host()).isEqualTo("a.com");
        assertThat(parts.path()).isEqualTo("/p%7Cq");
        assertThat(parts.query()).isEqualTo("x=%7B1%7D&y=100%25&z=%C3%A9");
        assertThat(parts.fragment()).isEqualTo("a%23b");
    }

    @Test
    void shouldReadAHostWithAnUnderscoreWhenUriRefusesIt() throws Exception {
        Urls.Parts parts = Urls.parse("http://my_host.example.com:8080/path");

        assertThat(parts.host()).isEqualTo("my_host.example.com");
        assertThat(parts.port()).isEqualTo(8080);
        assertThat(parts.path()).isEqualTo("/path");
    }

    @Test
    void shouldReadIpv6Hosts() throws Exception {
        Urls.Parts parts = Urls.parse("http://[2001:db8::1]:8080/");

        assertThat(parts.host()).isEqualTo("[2001:db8::1]");
        assertThat(parts.port()).isEqualTo(8080);
    }

    @Test
    void shouldFailWhenThePortIsNotANumber() {
        assertThatThrownBy(() -> Urls.parse("https://www.shop.example:80a/products"))
                .isInstanceOf(Urls.UnparsableUrlException.class)
                .hasMessageContaining("invalid port");
    }

    @Test
    void shouldFailWhenAnIpv6HostIsNotClosed() {
        assertThatThrownBy(() -> Urls.parse("http://[::1/")).isInstanceOf(Urls.UnparsableUrlException.class);
    }

    @Test
    void shouldAcceptARelativeUrlWithoutHostOrPort() throws Exception {
        Urls.Parts parts = Urls.parse("/just/a/path?x=1");

        assertThat(parts.host()).isNull();
        assertThat(parts.port()).isNull();
        assertThat(parts.path()).isEqualTo("/just/a/path");
    }
}
