package io.signalbox.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A self-describing JSON: data together with the Iglu schema it claims to follow.
 *
 * @param schema the schema of the data
 * @param data the payload, usually an object
 */
public record SelfDescribingData(SchemaKey schema, JsonNode data) {
    /** The wrapper schema of an entity list, as the enricher writes it. */
    public static final SchemaKey CONTEXTS = SchemaKey.of("com.snowplowanalytics.snowplow", "contexts", "1-0-1");

    /** The wrapper schema of a self-describing event. */
    public static final SchemaKey UNSTRUCT_EVENT =
            SchemaKey.of("com.snowplowanalytics.snowplow", "unstruct_event", "1-0-0");

    public SelfDescribingData {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(data, "data");
    }

    /**
     * Reads {@code {"schema": "iglu:…", "data": …}}.
     *
     * @throws IllegalArgumentException when the node is not a self-describing JSON
     */
    public static SelfDescribingData fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a self-describing JSON must be an object");
        }
        JsonNode schema = node.get("schema");
        JsonNode data = node.get("data");
        if (schema == null || !schema.isString()) {
            throw new IllegalArgumentException("a self-describing JSON needs a string 'schema'");
        }
        if (data == null) {
            throw new IllegalArgumentException("a self-describing JSON needs 'data'");
        }
        return new SelfDescribingData(SchemaKey.parse(schema.stringValue()), data);
    }

    /** Writes {@code {"schema": "iglu:…", "data": …}}. */
    public ObjectNode toJson() {
        ObjectNode node = Json.NODES.objectNode();
        node.put("schema", schema.toUri());
        node.set("data", data);
        return node;
    }

    /** Wraps entities in the {@code contexts} 1-0-1 envelope the enriched event uses. */
    public static ObjectNode wrapContexts(List<SelfDescribingData> entities) {
        return wrapContexts(entities, CONTEXTS);
    }

    /** Wraps entities in a {@code contexts} envelope of the given wrapper schema. */
    public static ObjectNode wrapContexts(List<SelfDescribingData> entities, SchemaKey wrapper) {
        ArrayNode array = Json.NODES.arrayNode();
        for (SelfDescribingData entity : entities) {
            array.add(entity.toJson());
        }
        ObjectNode node = Json.NODES.objectNode();
        node.put("schema", wrapper.toUri());
        node.set("data", array);
        return node;
    }

    /** Wraps an event in the {@code unstruct_event} 1-0-0 envelope. */
    public ObjectNode wrapAsUnstructEvent() {
        ObjectNode node = Json.NODES.objectNode();
        node.put("schema", UNSTRUCT_EVENT.toUri());
        node.set("data", toJson());
        return node;
    }

    /**
     * Reads a {@code contexts} envelope (any 1-0-x) into its entities.
     *
     * @throws IllegalArgumentException when the node is not such an envelope
     */
    public static List<SelfDescribingData> unwrapContexts(JsonNode envelope) {
        SelfDescribingData wrapper = fromJson(envelope);
        if (!wrapper.schema().sameModelAs("com.snowplowanalytics.snowplow", "contexts", 1)) {
            throw new IllegalArgumentException("expected a contexts envelope, was " + wrapper.schema());
        }
        if (!wrapper.data().isArray()) {
            throw new IllegalArgumentException("the data of a contexts envelope must be an array");
        }
        List<SelfDescribingData> entities = new ArrayList<>(wrapper.data().size());
        for (JsonNode item : wrapper.data()) {
            entities.add(fromJson(item));
        }
        return List.copyOf(entities);
    }

    /**
     * Reads an {@code unstruct_event} envelope (any 1-0-x) into the inner event.
     *
     * @throws IllegalArgumentException when the node is not such an envelope
     */
    public static SelfDescribingData unwrapUnstructEvent(JsonNode envelope) {
        SelfDescribingData wrapper = fromJson(envelope);
        if (!wrapper.schema().sameModelAs("com.snowplowanalytics.snowplow", "unstruct_event", 1)) {
            throw new IllegalArgumentException("expected an unstruct_event envelope, was " + wrapper.schema());
        }
        return fromJson(wrapper.data());
    }
}
