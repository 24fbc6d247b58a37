package io.signalbox.tracking;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * A fast validity check for the common shape of entity and event schemas: an object whose properties are scalars
 * constrained by {@code type}, {@code maxLength}, {@code minLength}, {@code pattern}, {@code enum}, {@code minimum},
 * {@code maximum} and {@code format: uuid}, with {@code required} and {@code additionalProperties}.
 *
 * <p>It only ever answers "certainly valid" or "not sure": when {@link #passes} is false the full JSON Schema
 * validator decides and describes the problems. Schemas using anything else get no fast check at all ({@link
 * #compile} returns empty). Every rule errs on the side of "not sure" (for example string lengths are compared in
 * UTF-16 units, which are never fewer than the code points JSON Schema counts).
 */
final class SimpleSchemaCheck {
    private static final Set<String> ROOT_KEYWORDS =
            Set.of("$schema", "self", "description", "type", "properties", "required", "additionalProperties");
    private static final Set<String> PROPERTY_KEYWORDS =
            Set.of("description", "type", "maxLength", "minLength", "pattern", "enum", "minimum", "maximum", "format");
    private static final Set<String> TYPES = Set.of("string", "integer", "number", "boolean", "null");

    private final Map<String, Property> properties;
    private final List<String> required;
    private final boolean closed;

    private SimpleSchemaCheck(Map<String, Property> properties, List<String> required, boolean closed) {
        this.properties = properties;
        this.required = required;
        this.closed = closed;
    }

    /** The fast check for a schema, or empty when the schema uses anything this check does not understand. */
    static Optional<SimpleSchemaCheck> compile(JsonNode schema) {
        try {
            return Optional.ofNullable(compileOrNull(schema));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static SimpleSchemaCheck compileOrNull(JsonNode schema) {
        if (!schema.isObject() || !"object".equals(schema.path("type").asString(null))) {
            return null;
        }
        for (String keyword : schema.propertyNames()) {
            if (!ROOT_KEYWORDS.contains(keyword)) {
                return null;
            }
        }
        JsonNode additional = schema.path("additionalProperties");
        if (!additional.isMissingNode() && !additional.isBoolean()) {
            return null;
        }
        Map<String, Property> properties = new HashMap<>();
        for (Map.Entry<String, JsonNode> entry : schema.path("properties").properties()) {
            Property property = Property.compile(entry.getValue());
            if (property == null) {
                return null;
            }
            properties.put(entry.getKey(), property);
        }
        List<String> required = schema.path("required")
                .valueStream()
                .map(node -> node.asString(null))
                .toList();
        if (required.contains(null)) {
            return null;
        }
        return new SimpleSchemaCheck(
                Map.copyOf(properties), required, additional.isBoolean() && !additional.booleanValue());
    }

    /** Whether the data is certainly valid; {@code false} means the full validator must decide. */
    boolean passes(JsonNode data) {
        if (!data.isObject()) {
            return false;
        }
        for (String name : required) {
            if (!data.has(name)) {
                return false;
            }
        }
        for (Map.Entry<String, JsonNode> field : data.properties()) {
            Property property = properties.get(field.getKey());
            if (property == null ? closed : !property.passes(field.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** The constraints on one scalar property. */
    private record Property(
            Set<String> types,
            int maxLength,
            int minLength,
            Pattern pattern,
            Set<JsonNode> allowed,
            Double minimum,
            Double maximum,
            boolean uuid) {

        static Property compile(JsonNode schema) {
            if (!schema.isObject()) {
                return null;
            }
            for (String keyword : schema.propertyNames()) {
                if (!PROPERTY_KEYWORDS.contains(keyword)) {
                    return null;
                }
            }
            Set<String> types = types(schema.get("type"));
            JsonNode format = schema.get("format");
            if (types == null || format != null && !"uuid".equals(format.asString(null))) {
                return null;
            }
            JsonNode pattern = schema.get("pattern");
            JsonNode allowed = schema.get("enum");
            if (pattern != null && !pattern.isString() || allowed != null && !allowed.isArray()) {
                return null;
            }
            Set<JsonNode> values = null;
            if (allowed != null) {
                values = new HashSet<>();
                allowed.forEach(values::add);
            }
            return new Property(
                    types,
                    schema.path("maxLength").asInt(Integer.MAX_VALUE),
                    schema.path("minLength").asInt(0),
                    pattern == null ? null : Pattern.compile(pattern.stringValue()),
                    values,
                    schema.has("minimum") ? schema.get("minimum").asDouble() : null,
                    schema.has("maximum") ? schema.get("maximum").asDouble() : null,
                    format != null);
        }

        private static Set<String> types(JsonNode type) {
            if (type == null) {
                return TYPES;
            }
            Set<String> types = new HashSet<>();
            if (type.isString()) {
                types.add(type.stringValue());
            } else if (type.isArray()) {
                type.forEach(item -> types.add(item.asString("?")));
            }
            return !types.isEmpty() && TYPES.containsAll(types) ? Set.copyOf(types) : null;
        }

        boolean passes(JsonNode value) {
            if (allowed != null && !allowed.contains(value)) {
                return false;
            }
            if (value.isString()) {
                return types.contains("string") && passesString(value.stringValue());
            }
            if (value.isIntegralNumber() && !value.isBigInteger()) {
                return (types.contains("integer") || types.contains("number")) && passesNumber(value.asDouble());
            }
            if (value.isNumber() && !value.isBigDecimal() && !value.isBigInteger()) {
                return types.contains("number") && passesNumber(value.asDouble());
            }
            if (value.isBoolean()) {
                return types.contains("boolean");
            }
            return value.isNull() && types.contains("null");
        }

        private boolean passesString(String text) {
            return text.length() <= maxLength
                    && (minLength == 0 || text.codePointCount(0, text.length()) >= minLength)
                    && (pattern == null || pattern.matcher(text).find())
                    && (!uuid || Uuids.isUuid(text));
        }

        private boolean passesNumber(double number) {
            return (minimum == null || number >= minimum) && (maximum == null || number <= maximum);
        }
    }
}
