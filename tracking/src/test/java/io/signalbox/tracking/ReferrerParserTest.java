package io.signalbox.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReferrerParserTest {
    private final ReferrerParser parser = ReferrerParser.standard();

    private ReferrerParser.Referrer classify(String referrer) throws Exception {
        return parser.classify(Urls.parse(referrer), "www.shop.example", List.of("checkout.shop.example"));
    }

    @Test
    void shouldFindGoogleOnCountryDomainsAndReadTheTerm() throws Exception {
        assertThat(classify("https://www.google.co.uk/search?q=blue+widgets"))
                .isEqualTo(new ReferrerParser.Referrer("search", "Google", "blue widgets"));
        assertThat(classify("https://www.google.de/")).isEqualTo(new ReferrerParser.Referrer("search", "Google", null));
        assertThat(classify("https://www.google.com.br/search?source=x&q=caf%C3%A9")
                        .term())
                .isEqualTo("café");
        assertThat(classify("https://news.google.fr/").source()).isEqualTo("Google");
    }

    @Test
    void shouldClassifyOtherSearchEnginesWithTheirTermParameters() throws Exception {
        assertThat(classify("https://www.bing.com/search?q=java"))
                .isEqualTo(new ReferrerParser.Referrer("search", "Bing", "java"));
        assertThat(classify("https://duckduckgo.com/?q=privacy").source()).isEqualTo("DuckDuckGo");
        assertThat(classify("https://search.yahoo.com/search?p=shoes").term()).isEqualTo("shoes");
        assertThat(classify("https://www.baidu.com/s?wd=%E6%89%8B%E6%9C%BA").term())
                .isEqualTo("手机");
        assertThat(classify("https://yandex.ru/search/?text=hello").term()).isEqualTo("hello");
        assertThat(classify("https://www.ecosia.org/search?q=trees").source()).isEqualTo("Ecosia");
    }

    @Test
    void shouldPreferTheMoreSpecificHostWhenTwoEntriesShareADomain() throws Exception {
        assertThat(classify("https://mail.google.com/mail/u/0/"))
                .isEqualTo(new ReferrerParser.Referrer("email", "Gmail", null));
        assertThat(classify("https://mail.yahoo.com/d/folders/1").source()).isEqualTo("Yahoo! Mail");
        assertThat(classify("https://gemini.google.com/app").medium()).isEqualTo("chatbot");
    }

    @Test
    void shouldMatchAHostWithAPathPrefix() throws Exception {
        assertThat(classify("https://www.icloud.com/mail/inbox").source()).isEqualTo("iCloud Mail");
        assertThat(classify("https://www.icloud.com/photos").medium()).isEqualTo("unknown");
    }

    @Test
    void shouldClassifySocialNetworksAndWebmail() throws Exception {
        assertThat(classify("https://l.facebook.com/l.php?u=x").source()).isEqualTo("Facebook");
        assertThat(classify("https://www.linkedin.com/feed/").source()).isEqualTo("LinkedIn");
        assertThat(classify("https://t.co/abc").source()).isEqualTo("Twitter");
        assertThat(classify("https://x.com/someone").medium()).isEqualTo("social");
        assertThat(classify("https://www.instagram.com/").source()).isEqualTo("Instagram");
        assertThat(classify("https://old.reddit.com/r/java").source()).isEqualTo("Reddit");
        assertThat(classify("https://www.youtube.com/watch?v=1").source()).isEqualTo("YouTube");
        assertThat(classify("https://outlook.live.com/mail/0/").source()).isEqualTo("Outlook.com");
        assertThat(classify("android-app://com.google.android.gm").source()).isEqualTo("Gmail");
    }

    @Test
    void shouldCallTheReferrerInternalWhenItIsThePageHostOrAConfiguredDomain() throws Exception {
        assertThat(classify("https://www.shop.example/cart").medium()).isEqualTo("internal");
        assertThat(classify("https://checkout.shop.example/pay").medium()).isEqualTo("internal");
        assertThat(classify("https://checkout.shop.example/pay").source()).isNull();
    }

    @Test
    void shouldCallAnUnlistedReferrerUnknown() throws Exception {
        assertThat(classify("https://blog.example.org/post"))
                .isEqualTo(new ReferrerParser.Referrer("unknown", null, null));
    }

    @Test
    void shouldNotClassifyReferrersOfOtherSchemes() throws Exception {
        assertThat(classify("ftp://ftp.example.org/file")).isNull();
        assertThat(classify("/relative/path")).isNull();
    }

    @Test
    void shouldHoldAtLeastSixtySources() {
        assertThat(ReferrerParser.standard().sourceCount()).isGreaterThanOrEqualTo(60);
    }

    @Test
    void shouldReadOneKeyPerHostOfALine() {
        List<String> lines =
                List.of("# comment", "[search]", "A | q, query | a.com", "[social]", "B | - | b.com b.org");

        assertThat(ReferrerParser.parse(lines))
                .hasSize(3)
                .containsEntry("a.com", new ReferrerParser.Entry("search", "A", List.of("q", "query")))
                .containsEntry("b.org", new ReferrerParser.Entry("social", "B", List.of()));
    }

    @Test
    void shouldRefuseADuplicateKeyInTheDatabase() {
        assertThatThrownBy(() -> ReferrerParser.parse(List.of("[search]", "A | q | a.com", "B | q | a.com")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate key 'a.com'");
    }
}
