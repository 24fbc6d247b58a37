package io.signalbox.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryStringTest {

    @Test
    void shouldDecodePlusAsSpaceAndEscapesAsUtf8() {
        assertThat(QueryString.toMap("page=Caf%C3%A9+menu&x=%2F"))
                .containsEntry("page", "Café menu")
                .containsEntry("x", "/");
    }

    @Test
    void shouldKeepTheLastValueWhenANameRepeats() {
        assertThat(QueryString.toMap("aid=one&aid=two"))
                .containsEntry("aid", "two")
                .hasSize(1);
    }

    @Test
    void shouldReadANameWithoutValueAsEmpty() {
        assertThat(QueryString.toMap("a&b=&=c&&d=1"))
                .containsEntry("a", "")
                .containsEntry("b", "")
                .containsEntry("d", "1")
                .hasSize(3);
    }

    @Test
    void shouldKeepAnInvalidEscapeAsItIs() {
        assertThat(QueryString.decode("100%+sure%2")).isEqualTo("100% sure%2");
    }

    @Test
    void shouldAcceptWhatBrowsersSendInAQuery() {
        assertThat(QueryString.isValid("e=pv&url=https%3A%2F%2Fa.com%2F&cx=eyJ-_&t=a:b@c/d?e!$'()*,;[]~"))
                .isTrue();
        assertThat(QueryString.isValid("q=café")).isTrue();
        assertThat(QueryString.isValid("")).isTrue();
    }

    @Test
    void shouldRefuseCharactersAUriQueryCannotHoldRaw() {
        assertThat(QueryString.isValid("a=b c")).isFalse();
        assertThat(QueryString.isValid("a=b|c")).isFalse();
        assertThat(QueryString.isValid("a={}")).isFalse();
        assertThat(QueryString.isValid("a=\"x\"")).isFalse();
        assertThat(QueryString.isValid("a=%zz")).isFalse();
        assertThat(QueryString.isValid("a=%4")).isFalse();
        assertThat(QueryString.isValid("a=<b>")).isFalse();
        assertThat(QueryString.isValid("a=\\")).isFalse();
    }
}
