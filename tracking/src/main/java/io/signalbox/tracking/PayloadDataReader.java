package io.signalbox.tracking;

import io.signalbox.events.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads the common shape of a tracker POST body, {@code {"schema": "…", "data": [{"name": "value", …}, …]}}, straight
 * into parameter maps with the streaming parser, skipping the JSON tree that the general path builds.
 *
 * <p>It gives up (returns {@code null}) on anything else: other envelope keys, non-string values, nesting, trailing
 * content or a parse error. The adapter then takes the general path, which reports the problem precisely, so both
 * paths accept exactly the same bodies.
 */
final class PayloadDataReader {
    private PayloadDataReader() {}

    /**
     * A body of the plain shape.
     *
     * @param schema the envelope's schema text, not yet checked
     * @param events one parameter map per array item, in order
     */
    record Plain(String schema, List<Map<String, String>> events) {}

    /** The body as plain payload data, or {@code null} when it is not of that shape. */
    static Plain read(String body) {
        try (JsonParser parser = Json.MAPPER.createParser(body)) {
            Plain plain = envelope(parser);
            return plain != null && parser.nextToken() == null ? plain : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static Plain envelope(JsonParser parser) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        String schema = null;
        List<Map<String, String>> events = null;
        String name;
        while ((name = parser.nextName()) != null) {
            if (name.equals("schema") && schema == null) {
                schema = parser.nextStringValue();
                if (schema == null) {
                    return null;
                }
            } else if (name.equals("data") && events == null) {
                events = items(parser);
                if (events == null) {
                    return null;
                }
            } else {
                return null;
            }
        }
        return schema != null && events != null && parser.currentToken() == JsonToken.END_OBJECT
                ? new Plain(schema, events)
                : null;
    }

    private static List<Map<String, String>> items(JsonParser parser) {
        if (parser.nextToken() != JsonToken.START_ARRAY) {
            return null;
        }
        List<Map<String, String>> events = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.START_OBJECT) {
            Map<String, String> event = item(parser);
            if (event == null) {
                return null;
            }
            events.add(event);
        }
        return token == JsonToken.END_ARRAY ? events : null;
    }

    private static Map<String, String> item(JsonParser parser) {
        Map<String, String> event = new LinkedHashMap<>(48);
        String name;
        while ((name = parser.nextName()) != null) {
            String value = parser.nextStringValue();
            if (value == null) {
                return null;
            }
            event.put(name, value);
        }
        return parser.currentToken() == JsonToken.END_OBJECT ? event : null;
    }
}
