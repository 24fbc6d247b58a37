package io.signalbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.events.Json;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The official {@code @snowplow/browser-tracker} with {@code @snowplow/signals-browser-plugin} in headless Chromium,
 * on a page of another origin: a published rule intervention reaches the page's handler exactly once, when the
 * visitor's third pricing view makes its criteria true, with the rule's name and version, its attribute as a string
 * and the visitor's domain user id as the tracker knows it.
 */
class SignalsBrowserPluginTest {
    private static final String RULE_NAME = "pricing_interest";
    private static final int RULE_VERSION = 2;

    @TempDir
    static Path dataDir;

    @TempDir
    static Path siteDir;

    static TestNode node;
    static JsonNode browser;

    @BeforeAll
    static void publishTheRuleThenBrowse() throws Exception {
        node = TestNode.start(dataDir);
        ApiClient api = new ApiClient(node.baseUrl(), TestNode.API_KEY);
        ApiClient.Answer published =
                api.post("/api/v1/registry/interventions/", """
                {"name": "%s", "version": %d, "owner": "growth@signalbox.example", "is_published": true,
                 "criteria": {"attribute": "prospect_scoring_tutorial:num_pricing_views", "operator": ">=", "value": 3}}
                """.formatted(RULE_NAME, RULE_VERSION));
        assertThat(published.status()).as(published.text()).isEqualTo(201);

        String page = Files.readString(Clients.root().resolve("clients/browser/interventions-page.html"))
                .replace("__SIGNALBOX__", node.baseUrl());
        Files.writeString(siteDir.resolve("index.html"), page);
        Clients.bundle("interventions-page.js", siteDir.resolve("interventions-page.bundle.js"));
        try (StaticSite site = new StaticSite(siteDir)) {
            browser = Json.parse(Clients.node(
                    "browser-interventions.mjs", site.url("index.html"), node.baseUrl(), TestNode.API_KEY));
        }
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void shouldSubscribeFromAnotherOriginWithTheTrackerIds() {
        JsonNode subscription = browser.get("subscription");
        assertThat(subscription.get("status").asInt()).isEqualTo(200);
        assertThat(subscription.get("contentType").asString()).startsWith("text/event-stream");
        URI stream = URI.create(subscription.get("url").asString());
        assertThat(stream.getPath()).isEqualTo("/api/v1/interventions");
        assertThat(stream.getQuery())
                .contains("domain_userid=" + domainUserId())
                .contains("domain_sessionid="
                        + browser.get("ids").get("domainSessionId").asString());
        assertThat(stream.getPort()).isEqualTo(node.port());
    }

    @Test
    void shouldCountEveryPageViewOfTheVisit() {
        assertThat(browser.get("pageViewsAcknowledged").asInt()).isEqualTo(6);
        JsonNode attributes = browser.get("attributes");
        assertThat(attributes.get("domain_userid").get(0).asString()).isEqualTo(domainUserId());
        assertThat(attributes.get("num_page_views").get(0).asInt()).isEqualTo(6);
        assertThat(attributes.get("num_pricing_views").get(0).asInt()).isEqualTo(5);
    }

    @Test
    void shouldDeliverTheInterventionToTheHandlerExactlyOnce() {
        JsonNode received = browser.get("interventions");
        assertThat(received)
                .as(
                        "interventions received by the handler in the %d ms from the first one to the end",
                        browser.get("finishedAt").asLong()
                                - browser.get("firstDeliveryAt").asLong())
                .hasSize(1);
    }

    @Test
    void shouldCarryTheRuleTheAttributeAsTextAndTheVisitor() {
        JsonNode intervention = browser.get("interventions").get(0).get("intervention");
        assertThat(UUID.fromString(intervention.get("intervention_id").asString()))
                .isNotNull();
        assertThat(intervention.get("name").asString()).isEqualTo(RULE_NAME);
        assertThat(intervention.get("version").asInt()).isEqualTo(RULE_VERSION);
        assertThat(intervention.get("attributes")).isEqualTo(Json.parse("{\"num_pricing_views\": \"3\"}"));
        assertThat(intervention.get("target_attribute_key"))
                .isEqualTo(Json.NODES.objectNode().put("name", "domain_userid").put("id", domainUserId()));
    }

    @Test
    void shouldCollectThePluginsOwnEventsAboutTheDeliveryAsGoodEvents() throws Exception {
        List<JsonNode> received = awaitGoodEvents("intervention_receive");
        List<JsonNode> handled = awaitGoodEvents("intervention_handle");

        assertThat(received).hasSize(1);
        assertThat(handled).hasSize(1);
        for (JsonNode event : List.of(received.getFirst(), handled.getFirst())) {
            assertThat(event.get("event_vendor").asString()).isEqualTo("com.snowplowanalytics.signals");
            assertThat(event.get("domain_userid").asString()).isEqualTo(domainUserId());
            JsonNode entity = event.get("contexts").get("data").get(0);
            assertThat(entity.get("schema").asString())
                    .isEqualTo("iglu:com.snowplowanalytics.signals/intervention_instance/jsonschema/1-0-0");
            assertThat(entity.get("data").get("name").asString()).isEqualTo(RULE_NAME);
        }
        assertThat(node.getJson("/micro/all").get("bad").asInt()).isZero();
    }

    /** The good events of a name, once at least one has arrived (the plugin sends them after its handler ran). */
    private static List<JsonNode> awaitGoodEvents(String eventName) throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        for (; ; ) {
            List<JsonNode> found = new ArrayList<>();
            for (JsonNode good : node.getJson("/micro/good")) {
                if (good.get("event").get("event_name").asString().equals(eventName)) {
                    found.add(good.get("event"));
                }
            }
            if (!found.isEmpty() || Instant.now().isAfter(deadline)) {
                return found;
            }
            Thread.sleep(50);
        }
    }

    private static String domainUserId() {
        String id = browser.get("ids").get("domainUserId").asString();
        assertThat(UUID.fromString(id)).isNotNull();
        return id;
    }
}
