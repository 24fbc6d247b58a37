package io.signalbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo site's pages and assets over HTTP: every page renders in the layout with its tracking script. */
class DemoSiteHttpTest {
    @TempDir
    static Path dataDir;

    static EmbeddedNode node;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        node = EmbeddedNode.start(NodeSettings.local(dataDir, "site-test-key"));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void shouldServeEveryPageOfTheSiteMapInTheLayout() throws Exception {
        for (String path : List.of(
                "/",
                "/product",
                "/product/tour",
                "/solutions/marketing",
                "/solutions/sales",
                "/solutions/data-teams",
                "/customers",
                "/customers/globex",
                "/customers/initech",
                "/customers/umbrella",
                "/pricing",
                "/blog",
                "/blog/real-time-personalisation",
                "/blog/first-party-data",
                "/blog/attribution-models",
                "/blog/churn-signals",
                "/docs",
                "/docs/getting-started",
                "/docs/api",
                "/demo")) {
            HttpResponse<String> page = get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(page.body())
                    .as(path)
                    .contains("<script src=\"/assets/site.js\" defer></script>")
                    .contains("window.SIGNALBOX = {\"pollSeconds\":10}")
                    .contains("Request a demo")
                    .doesNotContain("{{");
        }
        assertThat(get("/demo").body()).contains("<form id=\"demo-request\"");
        assertThat(get("/product/tour").body()).contains("id=\"tour-player\"");
    }

    @Test
    void shouldServeTheBundledScriptWithTheOfficialTrackerAndTheEngagementSchema() throws Exception {
        HttpResponse<String> script = get("/assets/site.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
        assertThat(script.body())
                .hasSizeGreaterThan(20_000)
                .contains("iglu:io.signalbox/engagement/jsonschema/1-0-0")
                .contains("/predict")
                .contains("Prospect is likely to convert!");
        assertThat(get("/assets/site.css").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldThankForADemoRequestWithoutKeepingIt() throws Exception {
        HttpResponse<String> thanks = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/demo/thanks"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("name=Ada&email=ada%40example.com"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(thanks.statusCode()).isEqualTo(200);
        assertThat(thanks.body()).contains("Thank you!").doesNotContain("ada@example.com");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
