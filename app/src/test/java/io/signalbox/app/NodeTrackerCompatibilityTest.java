package io.signalbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.events.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The official {@code @snowplow/node-tracker} against a running Signalbox: page views, structured and
 * self-describing events with entities, over POST with plain JSON and over GET with base64, each checked field by
 * field in {@code /micro/good}.
 */
class NodeTrackerCompatibilityTest {
    private static final String DOMAIN_USER_ID = "85094061-f702-4b62-a46d-20f7226b4741";
    private static final String SESSION_ID = "be9520e7-16a5-4d4e-afa1-8e269f99a1cf";

    @TempDir
    static Path dataDir;

    static TestNode node;
    static JsonNode sent;
    static Map<String, JsonNode> received = new HashMap<>();

    @BeforeAll
    static void sendScenario() throws Exception {
        node = TestNode.start(dataDir);
        sent = Json.parse(Clients.node("node-tracker-scenario.mjs", node.baseUrl(), DOMAIN_USER_ID, SESSION_ID));
        for (JsonNode good : node.getJson("/micro/good")) {
            received.put(good.get("event").get("event_id").asString(), good);
        }
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void shouldReceiveEveryEventSentOverBothTransports() {
        assertThat(sent.size()).isEqualTo(8);
        for (JsonNode item : sent) {
            assertThat(received).containsKey(item.get("payload").get("eid").asString());
        }
        assertThat(node.getJsonQuietly("/micro/all").get("bad").asInt()).isZero();
    }

    @Test
    void shouldEnrichTheCommonFieldsOfEveryEvent() {
        for (JsonNode item : sent) {
            JsonNode payload = item.get("payload");
            JsonNode event = received.get(payload.get("eid").asString()).get("event");

            assertThat(event.get("app_id").asString()).isEqualTo("node-scenario");
            assertThat(event.get("platform").asString()).isEqualTo("srv");
            assertThat(event.get("name_tracker").asString())
                    .isEqualTo(item.get("tracker").asString());
            assertThat(event.get("v_tracker").asString()).startsWith("node-");
            assertThat(event.get("domain_userid").asString()).isEqualTo(DOMAIN_USER_ID);
            assertThat(event.get("domain_sessionid").asString()).isEqualTo(SESSION_ID);
            assertThat(event.get("domain_sessionidx").asInt()).isEqualTo(2);
            assertThat(event.get("user_id").asString()).isEqualTo("user-42");
            assertThat(UUID.fromString(event.get("network_userid").asString())).isNotNull();
            assertThat(event.get("br_lang").asString()).isEqualTo("en-GB");
            assertThat(event.get("os_timezone").asString()).isEqualTo("Europe/London");
            assertThat(event.get("dvce_screenwidth").asInt()).isEqualTo(1920);
            assertThat(event.get("br_viewheight").asInt()).isEqualTo(800);
            assertDerivedTimestamp(payload, event);
        }
    }

    @Test
    void shouldDecomposeThePageViewUrlAndAttributeTheCampaign() {
        for (JsonNode event : eventsSentAs("pv")) {
            assertThat(event.get("event").asString()).isEqualTo("page_view");
            assertThat(event.get("page_url").asString())
                    .isEqualTo("https://www.acme.example/pricing?utm_source=news&utm_medium=email"
                            + "&utm_campaign=launch#plans");
            assertThat(event.get("page_urlscheme").asString()).isEqualTo("https");
            assertThat(event.get("page_urlhost").asString()).isEqualTo("www.acme.example");
            assertThat(event.get("page_urlport").asInt()).isEqualTo(443);
            assertThat(event.get("page_urlpath").asString()).isEqualTo("/pricing");
            assertThat(event.get("page_urlquery").asString())
                    .isEqualTo("utm_source=news&utm_medium=email&utm_campaign=launch");
            assertThat(event.get("page_urlfragment").asString()).isEqualTo("plans");
            assertThat(event.get("page_title").asString()).isEqualTo("Pricing");
            assertThat(event.get("refr_urlhost").asString()).isEqualTo("www.google.co.uk");
            assertThat(event.get("refr_medium").asString()).isEqualTo("search");
            assertThat(event.get("refr_term").asString()).isEqualTo("signalbox pricing");
            assertThat(event.get("mkt_source").asString()).isEqualTo("news");
            assertThat(event.get("mkt_medium").asString()).isEqualTo("email");
            assertThat(event.get("mkt_campaign").asString()).isEqualTo("launch");
            assertSchema(event, "com.snowplowanalytics.snowplow", "page_view", "1-0-0");
        }
    }

    @Test
    void shouldMapStructuredEvents() {
        for (JsonNode event : eventsSentAs("se")) {
            assertThat(event.get("event").asString()).isEqualTo("struct");
            assertThat(event.get("se_category").asString()).isEqualTo("cta");
            assertThat(event.get("se_action").asString()).isEqualTo("click");
            assertThat(event.get("se_label").asString()).isEqualTo("book-demo");
            assertThat(event.get("se_property").asString()).isEqualTo("hero");
            assertThat(event.get("se_value").asDouble()).isEqualTo(2.5);
            assertSchema(event, "com.google.analytics", "event", "1-0-0");
        }
    }

    @Test
    void shouldKeepSelfDescribingEventsAndEntities() {
        for (JsonNode item : sent) {
            JsonNode payload = item.get("payload");
            JsonNode good = received.get(payload.get("eid").asString());
            JsonNode event = good.get("event");
            JsonNode entities = event.get("contexts").get("data");
            assertThat(entities.size()).isEqualTo(1);
            assertThat(entities.get(0).get("schema").asString())
                    .isEqualTo("iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0");
            String expectedPageId = item.get("method").asString().equals("post")
                    ? "0edd614e-975d-4f3a-9cd9-af123ac35068"
                    : "7a1d9c2e-4b8f-4e3a-9a1b-2c3d4e5f6a7b";
            assertThat(entities.get(0).get("data").get("id").asString()).isEqualTo(expectedPageId);
            assertThat(good.get("contexts").get(0).asString())
                    .isEqualTo("iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0");
            boolean base64 = item.get("method").asString().equals("get");
            assertThat(payload.has(base64 ? "cx" : "co")).isTrue();
        }
        for (JsonNode event : eventsSentAs("ue", 4)) {
            assertThat(event.get("event").asString()).isEqualTo("unstruct");
            JsonNode inner = event.get("unstruct_event").get("data");
            String schema = inner.get("schema").asString();
            if (schema.contains("link_click")) {
                assertSchema(event, "com.snowplowanalytics.snowplow", "link_click", "1-0-1");
                assertThat(inner.get("data").get("targetUrl").asString())
                        .isEqualTo("https://www.acme.example/customers");
                assertThat(inner.get("data").get("elementId").asString()).isEqualTo("nav-customers");
            } else {
                assertSchema(event, "com.snowplowanalytics.snowplow", "submit_form", "1-0-0");
                assertThat(inner.get("data").get("formId").asString()).isEqualTo("demo-request");
                assertThat(inner.get("data").get("elements").get(0).get("value").asString())
                        .isEqualTo("ana@acme.example");
            }
        }
    }

    private static Iterable<JsonNode> eventsSentAs(String code) {
        return eventsSentAs(code, 2);
    }

    private static Iterable<JsonNode> eventsSentAs(String code, int expectedCount) {
        java.util.List<JsonNode> events = new java.util.ArrayList<>();
        for (JsonNode item : sent) {
            JsonNode payload = item.get("payload");
            if (payload.get("e").asString().equals(code)) {
                events.add(received.get(payload.get("eid").asString()).get("event"));
            }
        }
        assertThat(events).hasSize(expectedCount);
        return events;
    }

    private static void assertSchema(JsonNode event, String vendor, String name, String version) {
        assertThat(event.get("event_vendor").asString()).isEqualTo(vendor);
        assertThat(event.get("event_name").asString()).isEqualTo(name);
        assertThat(event.get("event_format").asString()).isEqualTo("jsonschema");
        assertThat(event.get("event_version").asString()).isEqualTo(version);
    }

    /**
     * The tracker stamps {@code stm} as a POST leaves (and not at all on GET by default), so the sent time is read
     * from the enriched event; without one, the derived timestamp is the collector's.
     */
    private static void assertDerivedTimestamp(JsonNode payload, JsonNode event) {
        long created = Long.parseLong(payload.get("dtm").asString());
        assertThat(Instant.parse(event.get("dvce_created_tstamp").asString()).toEpochMilli())
                .isEqualTo(created);
        Instant collector = Instant.parse(event.get("collector_tstamp").asString());
        Instant expected = collector;
        if (!event.get("dvce_sent_tstamp").isNull()) {
            long sentAt =
                    Instant.parse(event.get("dvce_sent_tstamp").asString()).toEpochMilli();
            assertThat(sentAt).isGreaterThanOrEqualTo(created);
            expected = created < sentAt ? collector.minusMillis(sentAt - created) : collector;
        }
        assertThat(Instant.parse(event.get("derived_tstamp").asString())).isEqualTo(expected);
    }
}
