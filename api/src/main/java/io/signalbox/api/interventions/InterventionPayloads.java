package io.signalbox.api.interventions;

import io.signalbox.attributes.DefinitionWriter;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Intervention attributes as the clients need them: the Python SDK's model is a map of strings and a number, boolean
 * or null there ends its subscription, so every value is written as text and nulls are left out.
 */
final class InterventionPayloads {
    private InterventionPayloads() {}

    /** A JSON value as the text a client reads: strings as they are, anything else as JSON. */
    static String text(JsonNode value) {
        return value.isString() ? value.stringValue() : value.toString();
    }

    /** Puts each non-null value as text. */
    static void putAll(ObjectNode attributes, Map<String, Object> values) {
        values.forEach((name, value) -> {
            if (value != null) {
                attributes.put(name, text(DefinitionWriter.value(value)));
            }
        });
    }
}
