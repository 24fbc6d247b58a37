package io.signalbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.attributes.AttributeGroupDefinition;
import io.signalbox.attributes.DefinitionWriter;
import io.signalbox.attributes.core.CompiledGroup;
import io.signalbox.engine.warehouse.DuckDbWarehouse;
import io.signalbox.events.Json;
import io.signalbox.scoring.simulator.ProspectSimulator;
import io.signalbox.scoring.simulator.SimulationSettings;
import io.signalbox.scoring.simulator.TrackerRequest;
import io.signalbox.scoring.train.TrainingConfig;
import io.signalbox.scoring.training.FeatureTime;
import io.signalbox.scoring.training.TrainingRow;
import io.signalbox.scoring.training.TrainingSet;
import io.signalbox.scoring.training.TrainingSetBuilder;
import io.signalbox.scoring.training.TrainingSetSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * No training/serving skew: simulated prospects browse through the collector of a running node whose clock follows
 * their events; at every page view the test asks the live API for the prospect's attributes, just before the page
 * view is sent and just after it is processed. The training sets built afterwards from the node's warehouse, with
 * the same group and the default training configuration, hold exactly those values at those instants.
 */
class TrainingServingSkewTest {
    private static final Instant START = Instant.parse("2026-11-20T08:00:00Z");
    private static final String TP2 = "/com.snowplowanalytics.snowplow/tp2";

    @TempDir
    Path dir;

    @Test
    void shouldGiveTrainingRowsTheValuesTheLiveApiServedAtTheSameInstant() throws Exception {
        TrainingConfig config = TrainingConfig.read(Clients.root().resolve("training/prospect_scoring.yaml"));
        ManualClock clock = new ManualClock(START);
        ProspectSimulator simulator =
                new ProspectSimulator(new SimulationSettings(11, 60, START, Duration.ofDays(2), "www.acme.example"));
        Map<String, JsonNode> servedBefore = new HashMap<>();
        Map<String, JsonNode> servedAfter = new HashMap<>();
        AttributeGroupDefinition group;
        long pageViews = 0;
        try (TestNode node = TestNode.start(
                NodeSettings.local(dir, TestNode.API_KEY)
                        .withDefinitionDirs(List.of(Clients.root().resolve("definitions"))),
                clock)) {
            group = node.registry().attributeGroup("prospect_scoring", 2).orElseThrow();
            ApiClient api = new ApiClient(node.baseUrl(), TestNode.API_KEY);
            for (TrackerRequest event : simulator) {
                clock.set(event.at());
                boolean pageView = event.eventName().equals("page_view");
                String id = event.parameters().get("duid");
                String at = id + "@" + event.at();
                if (pageView) {
                    node.awaitProcessed();
                    servedBefore.put(at, served(api, group, id));
                }
                send(api, event);
                if (pageView) {
                    node.awaitProcessed();
                    servedAfter.put(at, served(api, group, id));
                    pageViews++;
                }
            }
            node.awaitLoaded();
        }

        CompiledGroup compiled = CompiledGroup.compile(group, group.attributeKey());
        long compared = 0;
        try (DuckDbWarehouse warehouse = DuckDbWarehouse.openInDataDir(dir)) {
            for (FeatureTime featuresAt : FeatureTime.values()) {
                Map<String, JsonNode> served = featuresAt == FeatureTime.AFTER_ANCHOR ? servedAfter : servedBefore;
                TrainingSet set =
                        new TrainingSetBuilder(compiled, spec(config.trainingSet(), featuresAt)).build(warehouse);
                assertThat(set.rows()).as(featuresAt.wireName() + " rows").hasSizeGreaterThan(100);
                for (TrainingRow row : set.rows()) {
                    JsonNode live = served.get(row.key() + "@" + row.anchor());
                    assertThat(live)
                            .as("a live read for " + row.key() + " at " + row.anchor())
                            .isNotNull();
                    assertThat(trainingValues(set, row))
                            .as(featuresAt.wireName() + " values of " + row.key() + " at " + row.anchor())
                            .isEqualTo(live);
                    compared++;
                }
            }
        }
        System.out.printf(
                "training/serving skew: %d page views read live, %d training rows compared value by value%n",
                pageViews, compared);
    }

    /** The default training set, with censored rows kept so every page view is a row, read before or after it. */
    private static TrainingSetSpec spec(TrainingSetSpec defaults, FeatureTime featuresAt) {
        return new TrainingSetSpec(
                defaults.attributeGroup(),
                defaults.goal(),
                defaults.horizon(),
                defaults.anchorEvents(),
                null,
                null,
                featuresAt,
                true);
    }

    private static JsonNode served(ApiClient api, AttributeGroupDefinition group, String id) {
        ObjectNode request = Json.NODES.objectNode();
        var names = request.putArray("attributes");
        group.attributes().forEach(a -> names.add(group.fullName() + ":" + a.name()));
        request.putObject("attribute_keys").putArray("domain_userid").add(id);
        ApiClient.Answer answer = api.post("/api/v1/get-online-attributes", Json.write(request));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        ObjectNode values = Json.NODES.objectNode();
        group.attributes()
                .forEach(a -> values.set(a.name(), answer.body().get(a.name()).get(0)));
        return values;
    }

    private static JsonNode trainingValues(TrainingSet set, TrainingRow row) {
        ObjectNode values = Json.NODES.objectNode();
        set.valuesOf(row).forEach((name, value) -> values.set(name, DefinitionWriter.value(value)));
        return values;
    }

    /** One event per request, sent and created at the same instant, so its derived_tstamp is the clock's. */
    private static void send(ApiClient api, TrackerRequest event) {
        ObjectNode item = event.payloadItem();
        item.put("dtm", Long.toString(event.at().toEpochMilli()));
        item.put("stm", Long.toString(event.at().toEpochMilli()));
        ObjectNode body = Json.NODES
                .objectNode()
                .put("schema", "iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4");
        body.putArray("data").add(item);
        ApiClient.Answer answer =
                api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(api.baseUrl() + TP2))
                        .header("Content-Type", "application/json; charset=UTF-8")
                        .header("User-Agent", event.userAgent())
                        .header("X-Forwarded-For", event.ipAddress())
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Json.write(body))));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    }
}
