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
 * The prospect experience end to end, as {@code signalbox run} gives it on a fresh data directory: the node prepares
 * a model at start (a simulated month of history, then the default training), a scripted visitor in headless
 * Chromium browses home, pricing, case studies and the product tour while the page logs its live attributes and
 * score; the score rises, the hot prospect's engagement appears, the demo form is submitted and tracked, and the
 * dashboard lists the visitor with its score. Screenshots go to {@code app/target/screenshots}.
 */
class SiteJourneyTest {
    @TempDir
    Path dataDir;

    @Test
    void shouldScoreAVisitorLiveAndActOnIt() throws Exception {
        Path screenshots = Clients.root().resolve("app/target/screenshots");
        try (TestNode node = TestNode.start(NodeSettings.local(dataDir, TestNode.API_KEY)
                .withDefinitionDirs(List.of(Clients.root().resolve("definitions")))
                .withPrepareModel(true))) {
            assertThat(node.getJson("/predict/model").path("kind").asString()).isEqualTo("xgboost");

            JsonNode journey = Json.parse(Clients.node("site-journey.mjs", node.baseUrl(), screenshots.toString()));

            String visitor = journey.path("domainUserId").asString();
            List<Double> scores = new ArrayList<>();
            journey.path("scores").forEach(score -> scores.add(score.asDouble()));
            List<String> attributes = new ArrayList<>();
            journey.path("console").forEach(line -> {
                if (line.asString().startsWith("Attributes: ")) {
                    attributes.add(line.asString());
                }
            });
            System.out.printf(
                    "site journey: %s scored %s; engagements %s%n", visitor, scores, journey.path("engagements"));

            assertThat(visitor).matches("[0-9a-f-]{36}");
            assertThat(attributes.stream().distinct().count())
                    .as("distinct attribute logs")
                    .isGreaterThan(3);
            assertThat(scores).hasSizeGreaterThan(5);
            assertThat(scores.getLast()).as("the last score against the first").isGreaterThan(scores.getFirst() * 2);
            assertThat(journey.path("console").toString()).contains("Prospect is likely to convert!");
            assertThat(journey.path("engagements").toString()).contains("expert_offer");
            assertThat(journey.path("console").toString())
                    .as("the published rule intervention, pushed to the page through the Signals plugin")
                    .contains("Intervention received: tour_after_pricing");
            assertThat(journey.path("engagementVisible").asBoolean()).isTrue();
            assertThat(journey.path("engagementText").asString()).contains("Talk to an expert now");
            assertThat(journey.path("formSubmitted").asBoolean()).isTrue();
            assertThat(journey.path("dashboardRow").asString()).contains(visitor.substring(0, 8));
            assertThat(journey.path("dashboardTrendPoints").asInt())
                    .as("points of the visitor's score trend on the dashboard")
                    .isGreaterThan(5);

            JsonNode submits = node.getJson("/micro/good");
            assertThat(events(submits, visitor, "submit_form"))
                    .as("submit_form events of the visitor")
                    .isEqualTo(1);
            assertThat(events(submits, visitor, "engagement"))
                    .as("tracked engagements")
                    .isPositive();
            for (String shot : List.of("site-home.png", "site-engagement.png", "dashboard.png")) {
                assertThat(Files.size(screenshots.resolve(shot))).as(shot).isGreaterThan(10_000);
            }
        }
    }

    /**
     * Distinct events of a name for the visitor, by event id: the tracker delivers at least once, and sends an event
     * again from its queue when the page that tracked it unloaded before the collector's answer came.
     */
    private static long events(JsonNode good, String visitor, String name) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (JsonNode item : good) {
            JsonNode event = item.path("event");
            if (visitor.equals(event.path("domain_userid").asString())
                    && name.equals(event.path("event_name").asString())) {
                ids.add(event.path("event_id").asString());
            }
        }
        return ids.size();
    }
}
