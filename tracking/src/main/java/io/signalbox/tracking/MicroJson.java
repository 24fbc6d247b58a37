package io.signalbox.tracking;

import io.signalbox.events.AtomicField;
import io.signalbox.events.EnrichedEvent;
import io.signalbox.events.EnrichedJson;
import io.signalbox.events.Json;
import io.signalbox.events.SelfDescribingData;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON shapes of the Snowplow Micro API ({@code /micro/good}, {@code /micro/bad}, {@code /micro/iglu}), so that
 * Micro-based test suites work against Signalbox. Pure builders; the collector serves them.
 */
public final class MicroJson {
    /** The first line of a bad event's {@code errors}. */
    public static final String ERROR_SUMMARY = "Error while validating the event.";

    private MicroJson() {}

    /**
     * A GoodEvent: {@code {rawEvent, eventType, schema, contexts, event, incomplete}}, where {@code contexts} lists
     * the schemas of the entities the tracker sent and {@code event} is the non-lossy analytics-SDK JSON.
     */
    public static ObjectNode goodEvent(GoodEvent good) {
        EnrichedEvent event = good.event();
        ObjectNode node = Json.NODES.objectNode();
        node.set("rawEvent", rawEvent(good.raw()));
        node.put("eventType", event.event());
        node.put("schema", eventSchema(event));
        ArrayNode contexts = node.putArray("contexts");
        for (SelfDescribingData entity : event.contexts()) {
            contexts.add(entity.schema().toUri());
        }
        node.set("event", EnrichedJson.toSdkJson(event));
        node.put("incomplete", false);
        return node;
    }

    /**
     * A BadEvent: {@code {collectorPayload, rawEvent, errors}}, {@code rawEvent} being {@code null} when the request
     * failed before it was split into events, and {@code errors} the summary line followed by the bad row as a JSON
     * string.
     */
    public static ObjectNode badEvent(BadEvent bad) {
        ObjectNode node = Json.NODES.objectNode();
        node.set("collectorPayload", collectorPayload(bad.payload()));
        node.set("rawEvent", bad.raw() == null ? Json.NODES.nullNode() : rawEvent(bad.raw()));
        ArrayNode errors = node.putArray("errors");
        errors.add(ERROR_SUMMARY);
        errors.add(bad.row().toJsonString());
        return node;
    }

    /**
     * The body of a {@code /micro/iglu} 404: {@code {"value": {"<repository>": {errors, attempts, lastAttempt}}}}
     * built from an Iglu {@code ResolutionError} (see {@link IgluResolver#resolutionError}).
     */
    public static ObjectNode schemaNotFound(ObjectNode resolutionError) {
        ObjectNode repositories = Json.NODES.objectNode();
        for (JsonNode lookup : resolutionError.path("lookupHistory")) {
            ObjectNode entry = Json.NODES.objectNode();
            entry.set("errors", lookup.path("errors").deepCopy());
            entry.set("attempts", lookup.path("attempts").deepCopy());
            entry.set("lastAttempt", lookup.path("lastAttempt").deepCopy());
            repositories.set(lookup.path("repository").asString(), entry);
        }
        ObjectNode node = Json.NODES.objectNode();
        node.set("value", repositories);
        return node;
    }

    private static String eventSchema(EnrichedEvent event) {
        String vendor = event.eventVendor();
        String name = event.eventName();
        String format = event.getString(AtomicField.EVENT_FORMAT);
        String version = event.eventVersion();
        if (vendor == null || name == null || format == null || version == null) {
            return null;
        }
        return "iglu:" + vendor + "/" + name + "/" + format + "/" + version;
    }

    private static ObjectNode rawEvent(RawEvent raw) {
        CollectorPayload source = raw.source();
        ObjectNode node = Json.NODES.objectNode();
        node.set("api", api(source));
        ObjectNode parameters = node.putObject("parameters");
        for (Map.Entry<String, String> parameter : raw.parameters().entrySet()) {
            parameters.put(parameter.getKey(), parameter.getValue());
        }
        node.put("contentType", source.contentType());
        node.set("source", source(source));
        node.set("context", context(source));
        return node;
    }

    private static ObjectNode collectorPayload(CollectorPayload payload) {
        ObjectNode node = Json.NODES.objectNode();
        node.set("api", api(payload));
        ArrayNode querystring = node.putArray("querystring");
        for (QueryString.Pair pair : QueryString.pairs(payload.querystring())) {
            querystring.addObject().put("name", pair.name()).put("value", pair.value());
        }
        node.put("contentType", payload.contentType());
        node.put("body", payload.body());
        node.set("source", source(payload));
        node.set("context", context(payload));
        return node;
    }

    private static ObjectNode api(CollectorPayload payload) {
        return Json.NODES.objectNode().put("vendor", payload.vendor()).put("version", payload.version());
    }

    private static ObjectNode source(CollectorPayload payload) {
        return Json.NODES
                .objectNode()
                .put("name", payload.collector())
                .put("encoding", "UTF-8")
                .put("hostname", payload.hostname());
    }

    private static ObjectNode context(CollectorPayload payload) {
        ObjectNode node = Json.NODES.objectNode();
        node.put("timestamp", BadRows.iso(payload.timestamp()));
        node.put("ipAddress", payload.ipAddress());
        node.put("useragent", payload.userAgent());
        node.put("refererUri", payload.refererUri());
        ArrayNode headers = node.putArray("headers");
        payload.headers().forEach(headers::add);
        node.put("userId", payload.networkUserId());
        return node;
    }
}
