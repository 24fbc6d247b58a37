package io.signalbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.events.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A rule that fires on a page view reaches the page that sent the view, through the official {@code
 * @snowplow/signals-browser-plugin} in headless Chromium. On a site of many pages each page load opens a new
 * intervention stream, and the view that makes a rule's criteria true may be sent before that stream is open: on a
 * visitor's first page the plugin subscribes only once the tracker has its ids, and on a real network the stream's
 * request takes longer than the event's. The hub holds such an intervention for the stream, so the page receives it,
 * once. The browser holds back each stream request by {@link #STREAM_DELAY_MS}, as such a network would, so that the
 * rule fires before the page listens.
 */
class SignalsBrowserNavigationTest {
    private static final int STREAM_DELAY_MS = 800;

    @TempDir
    Path dataDir;

    @TempDir
    Path siteDir;

    @Test
    void shouldDeliverARuleFiredByTheFirstPageViewToTheLandingPage() throws Exception {
        JsonNode visit = visit("landed_on_pricing", 1, "/pricing");

        assertDeliveredOnce(visit, "landed_on_pricing", "1");
        assertThat(visit.path("deliveredFromHold").asDouble())
                .as("sent from the hold: the rule fired before the page listened")
                .isEqualTo(1.0);
    }

    @Test
    void shouldDeliverARuleFiredByALaterPageViewToThePageThatSentIt() throws Exception {
        JsonNode visit = visit("third_pricing_page", 3, "/", "/pricing", "/pricing", "/pricing");

        assertThat(visit.path("streams").size()).as("a stream per page").isGreaterThanOrEqualTo(4);
        assertDeliveredOnce(visit, "third_pricing_page", "3");
        assertThat(visit.path("deliveredFromHold").asDouble()).isEqualTo(1.0);
    }

    /** Publishes a rule on the pricing views, then has a new visitor open the pages in turn. */
    private JsonNode visit(String rule, int pricingViews, String... paths) throws Exception {
        try (TestNode node = TestNode.start(dataDir)) {
            ApiClient api = new ApiClient(node.baseUrl(), TestNode.API_KEY);
            ApiClient.Answer published = api.post("/api/v1/registry/interventions/", """
                    {"name": "%s", "version": 1, "owner": "growth@signalbox.example", "is_published": true,
                     "criteria": {"attribute": "prospect_scoring_tutorial:num_pricing_views", "operator": ">=",
                                  "value": %d}}
                    """.formatted(rule, pricingViews));
            assertThat(published.status()).as(published.text()).isEqualTo(201);

            String page = Files.readString(Clients.root().resolve("clients/browser/interventions-page.html"))
                    .replace("__SIGNALBOX__", node.baseUrl());
            Files.writeString(siteDir.resolve("index.html"), page);
            Clients.bundle("interventions-page.js", siteDir.resolve("interventions-page.bundle.js"));
            JsonNode visit;
            try (StaticSite site = new StaticSite(siteDir)) {
                List<String> args =
                        new ArrayList<>(List.of("--stream-delay-ms=" + STREAM_DELAY_MS, site.url("index.html")));
                args.addAll(List.of(paths));
                visit = Json.parse(Clients.node("browser-navigation.mjs", args.toArray(String[]::new)));
            }
            double fromHold = api.metric("signalbox_interventions_delivered_from_hold_total");
            System.out.printf(
                    "navigation %s: received %d ms after the last page opened; %.0f sent from the hold%n",
                    rule, visit.path("receivedAfterMs").asLong(), fromHold);
            return ((tools.jackson.databind.node.ObjectNode) visit).put("deliveredFromHold", fromHold);
        }
    }

    private static void assertDeliveredOnce(JsonNode visit, String rule, String pricingViews) {
        assertThat(visit.path("interventions"))
                .as("received on the last page, once")
                .hasSize(1);
        JsonNode intervention = visit.path("interventions").get(0).path("intervention");
        assertThat(intervention.path("name").asString()).isEqualTo(rule);
        assertThat(intervention.path("attributes").path("num_pricing_views").asString())
                .isEqualTo(pricingViews);
        assertThat(intervention.path("target_attribute_key").path("id").asString())
                .isIn(
                        visit.path("ids").path("domainUserId").asString(),
                        visit.path("ids").path("domainSessionId").asString());
    }
}
