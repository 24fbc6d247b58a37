package io.signalbox.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.events.Json;
import io.signalbox.events.SchemaKey;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class MicroJsonTest {
    private final Enricher enricher = Requests.enricher();

    @Test
    void shouldDescribeAGoodEventAsMicroDoes() {
        GoodEvent good = enricher.enrich(EnricherTest.workedExample()).good().get(0);

        JsonNode json = MicroJson.goodEvent(good);

        assertThat(json.get("eventType").asString()).isEqualTo("page_view");
        assertThat(json.get("schema").asString())
                .isEqualTo("iglu:com.snowplowanalytics.snowplow/page_view/jsonschema/1-0-0");
        assertThat(json.get("contexts")).hasSize(1);
        assertThat(json.get("contexts").get(0).asString())
                .isEqualTo("iglu:com.snowplowanalytics.snowplow/web_page/jsonschema/1-0-0");
        assertThat(json.get("incomplete").asBoolean()).isFalse();
        assertThat(json.get("event").get("app_id").asString()).isEqualTo("shop");
        assertThat(json.get("event").size()).isEqualTo(131);
        JsonNode raw = json.get("rawEvent");
        assertThat(raw.get("api").get("version").asString()).isEqualTo("tp2");
        assertThat(raw.get("parameters").get("e").asString()).isEqualTo("pv");
        assertThat(raw.get("source").get("name").asString()).isEqualTo(Requests.COLLECTOR);
        assertThat(raw.get("context").get("userId").asString()).isEqualTo(Requests.NETWORK_USER_ID);
        assertThat(raw.get("context").get("timestamp").asString()).isEqualTo("2024-03-01T09:15:03Z");
    }

    @Test
    void shouldDescribeABadEventWithTheSummaryAndTheBadRow() {
        BadEvent bad = enricher.enrich(Requests.get("/i", "e=pv&p=desktop&tv=js"))
                .bad()
                .get(0);

        JsonNode json = MicroJson.badEvent(bad);

        assertThat(json.get("errors").get(0).asString()).isEqualTo("Error while validating the event.");
        assertThat(Json.parse(json.get("errors").get(1).asString())
                        .get("schema")
                        .asString())
                .isEqualTo("iglu:com.snowplowanalytics.snowplow.badrows/schema_violations/jsonschema/2-0-1");
        assertThat(json.get("rawEvent").get("parameters").get("p").asString()).isEqualTo("desktop");
        assertThat(json.get("collectorPayload")
                        .get("querystring")
                        .get(1)
                        .get("name")
                        .asString())
                .isEqualTo("p");
    }

    @Test
    void shouldLeaveTheRawEventNullWhenTheRequestFailedAsAWhole() {
        BadEvent bad = enricher.enrich(Requests.get("/i", "")).bad().get(0);

        assertThat(MicroJson.badEvent(bad).get("rawEvent").isNull()).isTrue();
    }

    @Test
    void shouldListTheRepositoriesTriedWhenASchemaIsMissing() {
        SchemaKey missing = SchemaKey.of("com.acme", "nothing", "1-0-0");

        JsonNode json = MicroJson.schemaNotFound(
                enricher.igluResolver().resolutionError(missing).orElseThrow());

        assertThat(Json.write(json))
                .isEqualTo("{\"value\":{\"Signalbox built-in\":{\"errors\":[{\"error\":\"NotFound\"}],\"attempts\":1,"
                        + "\"lastAttempt\":\"2024-03-01T09:15:05Z\"}}}");
    }
}
