package io.signalbox.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.events.AtomicField;
import io.signalbox.events.EnrichedEvent;
import io.signalbox.events.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class BadRowsTest {
    private final BadRows badRows = BadRows.of(EnricherConfig.defaults(), Requests.CLOCK);
    private final CollectorPayload payload = EnricherTest.workedExample();

    private RawEvent raw() {
        return new RawEvent(
                Map.of("e", "pv", "co", "x".repeat(2000), "eid", "2ec13853-ef9e-414a-8976-e64a4693b134"), payload);
    }

    private static EnrichedEvent partial() {
        EnrichedEvent event = new EnrichedEvent();
        event.set(AtomicField.EVENT, "page_view");
        event.set(AtomicField.COLLECTOR_TSTAMP, Requests.RECEIVED);
        event.set(AtomicField.DOMAIN_SESSIONIDX, 3);
        event.set(AtomicField.BR_COOKIES, Boolean.TRUE);
        event.set(
                AtomicField.CONTEXTS,
                "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/contexts/jsonschema/1-0-1\",\"data\":[]}");
        return event;
    }

    @Test
    void shouldBuildAValidSizeViolationCutToATenthOfTheLimit() {
        BadRow row = badRows.sizeViolation(payload, 1000, 5000, "body too large");

        BadRowSchemas.assertValid(row);
        JsonNode data = row.json().get("data");
        assertThat(data.get("processor").get("artifact").asString()).isEqualTo("signalbox");
        assertThat(data.get("processor").get("version").asString()).isEqualTo("0.1.0");
        assertThat(data.get("failure").get("timestamp").asString()).isEqualTo("2024-03-01T09:15:05Z");
        assertThat(data.get("failure").get("maximumAllowedSizeBytes").asLong()).isEqualTo(1000);
        assertThat(data.get("failure").get("actualSizeBytes").asLong()).isEqualTo(5000);
        assertThat(data.get("failure").get("expectation").asString())
                .isEqualTo("oversized collector payload: body too large");
        assertThat(data.get("payload").asString()).hasSize(100).startsWith("{\"vendor\":");
    }

    @Test
    void shouldBuildAValidFormatViolationCarryingThePayloadInBase64() {
        BadRow row = badRows.collectorPayloadFormatViolation(
                payload, Messages.payloadField("querystring", "a b", "a valid URI query string"));

        BadRowSchemas.assertValid(row);
        String decoded = new String(
                Base64.getDecoder().decode(row.json().get("data").get("payload").asString()), StandardCharsets.UTF_8);
        assertThat(Json.parse(decoded).get("body").asString()).isEqualTo(payload.body());
        assertThat(row.json().get("data").get("failure").get("loader").asString())
                .isEqualTo("thrift");
    }

    @Test
    void shouldBuildValidAdapterAndTrackerProtocolRowsWithTheCollectorPayload() {
        BadRow adapter = badRows.adapterFailures(
                payload, List.of(Messages.fieldExpectation("querystring", null, "empty querystring")));
        BadRow protocol = badRows.trackerProtocolViolations(
                payload, List.of(Messages.fieldExpectation("contentType", "text/plain", "expected JSON")));

        BadRowSchemas.assertValid(adapter);
        BadRowSchemas.assertValid(protocol);
        JsonNode collectorPayload = protocol.json().get("data").get("payload");
        assertThat(collectorPayload.get("vendor").asString()).isEqualTo("com.snowplowanalytics.snowplow");
        assertThat(collectorPayload.get("version").asString()).isEqualTo("tp2");
        assertThat(collectorPayload.get("collector").asString()).isEqualTo(Requests.COLLECTOR);
        assertThat(collectorPayload.get("encoding").asString()).isEqualTo("UTF-8");
        assertThat(collectorPayload.get("timestamp").asString()).isEqualTo("2024-03-01T09:15:03Z");
        assertThat(collectorPayload.get("networkUserId").asString()).isEqualTo(Requests.NETWORK_USER_ID);
        assertThat(collectorPayload.get("headers").get(2).asString()).isEqualTo("Origin: https://www.shop.example");
    }

    @Test
    void shouldBuildValidEventRowsWithTheEnrichedAndRawPayload() {
        BadRow schema = badRows.schemaViolations(raw(), partial(), List.of(Messages.fieldError("vp", "abc", "bad")));
        BadRow enrichment = badRows.enrichmentFailures(
                raw(), partial(), List.of(Messages.enrichmentFailure(Messages.error("it broke"))));

        BadRowSchemas.assertValid(schema);
        BadRowSchemas.assertValid(enrichment);
        JsonNode eventPayload = schema.json().get("data").get("payload");
        assertThat(eventPayload.get("enriched").get("collector_tstamp").asString())
                .isEqualTo("2024-03-01 09:15:03.000");
        assertThat(eventPayload.get("enriched").get("domain_sessionidx").asInt())
                .isEqualTo(3);
        assertThat(eventPayload.get("enriched").get("contexts").isString()).isTrue();
        assertThat(eventPayload.get("enriched").size()).isEqualTo(131);
        assertThat(eventPayload.get("raw").get("loaderName").asString()).isEqualTo(Requests.COLLECTOR);
        assertThat(eventPayload.get("raw").get("userId").asString()).isEqualTo(Requests.NETWORK_USER_ID);
    }

    @Test
    void shouldCutParameterValuesToTheSchemaLimitSoTheRowStaysValid() {
        BadRow row = badRows.schemaViolations(raw(), partial(), List.of(Messages.fieldError("vp", "abc", "bad")));

        JsonNode parameters = row.json().get("data").get("payload").get("raw").get("parameters");
        for (JsonNode parameter : parameters) {
            assertThat(parameter.get("value").asString().length()).isLessThanOrEqualTo(512);
        }
    }

    @Test
    void shouldCutTheCollectorNameSoTheRowStaysValid() {
        CollectorPayload longName = new CollectorPayload(
                "com.snowplowanalytics.snowplow",
                "tp2",
                "/x",
                null,
                null,
                null,
                null,
                null,
                Instant.EPOCH,
                null,
                null,
                null,
                List.of(),
                "a-collector-name-much-longer-than-thirty-two-characters");

        BadRowSchemas.assertValid(
                badRows.adapterFailures(longName, List.of(Messages.fieldExpectation("querystring", null, "x"))));
    }

    @Test
    void shouldDetectARowThatBreaksItsSchema() {
        BadRow row = badRows.sizeViolation(payload, 1000, 5000, "body too large");
        ((ObjectNode) row.json().get("data").get("failure")).put("unexpected", true);

        assertThat(BadRowSchemas.errors(row)).isPresent();
    }
}
