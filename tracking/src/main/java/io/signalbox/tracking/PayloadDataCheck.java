package io.signalbox.tracking;

import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A fast check of a {@code payload_data} array, equivalent to the JSON Schema it is read from: at least {@code
 * minItems} items, each an object whose values are all strings, with the required keys and, when the schema forbids
 * additional properties, only the listed keys.
 *
 * <p>It exists because full JSON Schema validation of every batch costs far more than this loop; the schema
 * validator runs only when this check fails, to produce the standard error report.
 */
final class PayloadDataCheck {
    private final int minItems;
    private final Set<String> allowedKeys;
    private final List<String> requiredKeys;

    private PayloadDataCheck(int minItems, Set<String> allowedKeys, List<String> requiredKeys) {
        this.minItems = minItems;
        this.allowedKeys = allowedKeys;
        this.requiredKeys = requiredKeys;
    }

    /** The check that one {@code payload_data} schema describes. */
    static PayloadDataCheck fromSchema(JsonNode schema) {
        JsonNode items = schema.path("items");
        Set<String> allowed = null;
        if (items.path("additionalProperties").isBoolean()
                && !items.path("additionalProperties").booleanValue()) {
            allowed = new HashSet<>();
            for (Map.Entry<String, JsonNode> property : items.path("properties").properties()) {
                allowed.add(property.getKey());
            }
        }
        List<String> required = items.path("required")
                .valueStream()
                .filter(JsonNode::isString)
                .map(JsonNode::stringValue)
                .toList();
        int minItems = schema.path("minItems").asInt(0);
        return new PayloadDataCheck(minItems, allowed, required);
    }

    /** Whether the data passes; when it does not, the schema validator describes why. */
    boolean accepts(JsonNode data) {
        if (!data.isArray() || data.size() < minItems) {
            return false;
        }
        for (JsonNode item : data) {
            if (!acceptsItem(item)) {
                return false;
            }
        }
        return true;
    }

    /** Whether parameter maps read by {@link PayloadDataReader} (all values strings) pass. */
    boolean acceptsMaps(List<Map<String, String>> events) {
        if (events.size() < minItems) {
            return false;
        }
        for (Map<String, String> event : events) {
            if (allowedKeys != null && !allowedKeys.containsAll(event.keySet())) {
                return false;
            }
            for (String key : requiredKeys) {
                if (!event.containsKey(key)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The keys the schema lists, or {@code null} when it allows any key. */
    Set<String> allowedKeys() {
        return allowedKeys;
    }

    private boolean acceptsItem(JsonNode item) {
        if (!item.isObject()) {
            return false;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = item.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isString() || allowedKeys != null && !allowedKeys.contains(field.getKey())) {
                return false;
            }
        }
        for (String key : requiredKeys) {
            if (!item.has(key)) {
                return false;
            }
        }
        return true;
    }
}
