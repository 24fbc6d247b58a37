package io.signalbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.events.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The official {@code @snowplow/browser-tracker} with activity tracking and the link-click and form-tracking
 * plugins, in headless Chromium, on a page of another origin: every event kind arrives enriched, the {@code sp}
 * cookie is set, and the network user id stays the same across requests.
 */
class BrowserTrackerCompatibilityTest {
    @TempDir
    static Path dataDir;

    @TempDir
    static Path siteDir;

    static TestNode node;
    static JsonNode browser;
    static List<JsonNode> events = new ArrayList<>();

    @BeforeAll
    static void browse() throws Exception {
        node = TestNode.start(dataDir);
        String page = Files.readString(Clients.root().resolve("clients/browser/tracking-page.html"))
                .replace("__COLLECTOR__", node.baseUrl());
        Files.writeString(siteDir.resolve("index.html"), page);
        Clients.bundle("tracking-page.js", siteDir.resolve("tracking-page.bundle.js"));
        try (StaticSite site = new StaticSite(siteDir)) {
            browser = Json.parse(Clients.node("browser-tracking.mjs", site.url("index.html")));
        }
        for (JsonNode good : node.getJson("/micro/good")) {
            events.add(good.get("event"));
        }
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void shouldReceiveEveryKindOfBrowserEventEnriched() {
        Set<String> names = new HashSet<>();
        for (JsonNode event : events) {
            names.add(event.get("event_name").asString());
            assertThat(event.get("app_id").asString()).isEqualTo("browser-test");
            assertThat(event.get("platform").asString()).isEqualTo("web");
            assertThat(event.get("v_tracker").asString()).startsWith("js-");
            assertThat(event.get("page_urlpath").asString()).isEqualTo("/index.html");
            assertThat(event.get("page_urlhost").asString()).isEqualTo("127.0.0.1");
            assertThat(event.get("domain_userid").asString())
                    .isEqualTo(browser.get("domainUserId").asString());
            assertThat(event.get("domain_sessionid").isNull()).isFalse();
            assertThat(event.get("derived_tstamp").isNull()).isFalse();
            assertThat(event.get("useragent").asString()).contains("Chrome");
            assertThat(entitySchemas(event)).contains("iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0");
        }
        assertThat(names).contains("page_view", "page_ping", "link_click", "focus_form", "change_form", "submit_form");
        assertThat(node.getJsonQuietly("/micro/all").get("bad").asInt()).isZero();
    }

    @Test
    void shouldCarryTheFormAndLinkDetails() {
        JsonNode submit = only("submit_form");
        JsonNode form = submit.get("unstruct_event").get("data").get("data");
        assertThat(form.get("formId").asString()).isEqualTo("demo-request");
        assertThat(form.get("elements").toString()).contains("ana@acme.example").contains("Acme");

        JsonNode click = only("link_click");
        assertThat(click.get("unstruct_event")
                        .get("data")
                        .get("data")
                        .get("targetUrl")
                        .asString())
                .endsWith("/index.html#docs");

        JsonNode ping = events.stream()
                .filter(event -> event.get("event_name").asString().equals("page_ping"))
                .findFirst()
                .orElseThrow();
        assertThat(ping.get("pp_yoffset_max").asInt()).isPositive();
    }

    @Test
    void shouldSetTheNetworkUserCookieAndKeepTheSameIdAcrossRequests() {
        JsonNode sp = null;
        for (JsonNode cookie : browser.get("cookies")) {
            if (cookie.get("name").asString().equals("sp")) {
                sp = cookie;
            }
        }
        assertThat(sp).as("the sp cookie in the browser").isNotNull();
        assertThat(sp.get("httpOnly").asBoolean()).isTrue();
        assertThat(sp.get("sameSite").asString()).isEqualTo("None");

        Set<String> networkUserIds = new HashSet<>();
        events.forEach(event -> networkUserIds.add(event.get("network_userid").asString()));
        assertThat(networkUserIds).containsExactly(sp.get("value").asString());
        assertThat(events.size()).isGreaterThanOrEqualTo(6);
    }

    private static JsonNode only(String eventName) {
        List<JsonNode> matching = events.stream()
                .filter(event -> event.get("event_name").asString().equals(eventName))
                .toList();
        assertThat(matching).as(eventName).hasSize(1);
        return matching.getFirst();
    }

    private static Set<String> entitySchemas(JsonNode event) {
        Set<String> schemas = new HashSet<>();
        JsonNode contexts = event.get("contexts");
        if (contexts.has("data")) {
            contexts.get("data")
                    .forEach(entity -> schemas.add(entity.get("schema").asString()));
        }
        return schemas;
    }
}
