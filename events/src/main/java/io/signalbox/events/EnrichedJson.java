package io.signalbox.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON shapes of an enriched event that Snowplow tooling reads.
 *
 * <ul>
 *   <li>{@link #toSdkJson}: the non-lossy analytics-SDK shape that Snowplow Micro serves (all 131 keys, the JSON
 *       columns kept self-describing).
 *   <li>{@link #toFlatJson}: the flattened shape with {@code contexts_<vendor>_<name>_<model>} and {@code
 *       unstruct_event_<vendor>_<name>_<model>} keys.
 *   <li>{@link #toBadRowJson}: the partially enriched event inside a schema-violation or enrichment-failure bad row.
 * </ul>
 */
public final class EnrichedJson {
    private static final SchemaKey CONTEXTS_1_0_0 = SchemaKey.of("com.snowplowanalytics.snowplow", "contexts", "1-0-0");
    private static final Pattern VENDOR_SEPARATORS = Pattern.compile("[.\\-]");
    private static final Pattern CAMEL_BOUNDARY = Pattern.compile("([^A-Z_])([A-Z])");

    private EnrichedJson() {}

    /** The non-lossy analytics-SDK JSON: every field present, {@code null} when missing. */
    public static ObjectNode toSdkJson(EnrichedEvent event) {
        ObjectNode out = Json.NODES.objectNode();
        for (AtomicField field : AtomicField.ALL) {
            Object value = event.get(field);
            switch (field) {
                case CONTEXTS -> out.set(field.columnName(), contextsOrEmpty(event.contexts()));
                case DERIVED_CONTEXTS -> out.set(field.columnName(), contextsOrEmpty(event.derivedContexts()));
                case UNSTRUCT_EVENT -> {
                    SelfDescribingData unstruct = event.unstructEvent();
                    out.set(
                            field.columnName(),
                            unstruct == null ? Json.NODES.nullNode() : unstruct.wrapAsUnstructEvent());
                }
                default -> putTyped(out, field, value);
            }
        }
        return out;
    }

    /** The flattened analytics-SDK JSON, with one key per entity group and one for the self-describing event. */
    public static ObjectNode toFlatJson(EnrichedEvent event) {
        ObjectNode out = Json.NODES.objectNode();
        for (AtomicField field : AtomicField.ALL) {
            if (field.type() != FieldType.JSON) {
                putTyped(out, field, event.get(field));
            }
        }
        Object latitude = event.get(AtomicField.GEO_LATITUDE);
        Object longitude = event.get(AtomicField.GEO_LONGITUDE);
        if (latitude != null && longitude != null) {
            out.put("geo_location", latitude + "," + longitude);
        }
        addEntityGroups(out, event.contexts());
        addEntityGroups(out, event.derivedContexts());
        SelfDescribingData unstruct = event.unstructEvent();
        if (unstruct != null) {
            out.set(flatKey("unstruct_event_", unstruct.schema()), unstruct.data());
        }
        return out;
    }

    /**
     * The event as a bad row's {@code enriched} object: TSV-formatted timestamps, JSON columns as strings,
     * integer-like fields as numbers, decimals and {@code txn_id} as strings.
     */
    public static ObjectNode toBadRowJson(EnrichedEvent event) {
        ObjectNode out = Json.NODES.objectNode();
        for (AtomicField field : AtomicField.ALL) {
            Object value = event.get(field);
            String name = field.columnName();
            if (value == null) {
                out.putNull(name);
                continue;
            }
            switch (field.type()) {
                case INTEGER -> {
                    if (field == AtomicField.TXN_ID) {
                        out.put(name, value.toString());
                    } else {
                        out.put(name, (Integer) value);
                    }
                }
                case BOOLEAN -> out.put(name, ((Boolean) value) ? 1 : 0);
                case COORDINATE -> out.put(name, ((Double) value).floatValue());
                default -> out.put(name, EnrichedTsv.formatValue(field, value));
            }
        }
        return out;
    }

    /**
     * The flattened key of a schema: {@code prefix + vendor + "_" + name + "_" + model}, with dots and dashes as
     * underscores and camel case split by underscores (runs of capitals kept together).
     */
    public static String flatKey(String prefix, SchemaKey schema) {
        String vendor =
                VENDOR_SEPARATORS.matcher(schema.vendor()).replaceAll("_").toLowerCase(Locale.ROOT);
        String name = CAMEL_BOUNDARY
                .matcher(VENDOR_SEPARATORS.matcher(schema.name()).replaceAll("_"))
                .replaceAll("$1_$2")
                .toLowerCase(Locale.ROOT);
        return prefix + vendor + "_" + name + "_" + schema.version().model();
    }

    private static void addEntityGroups(ObjectNode out, List<SelfDescribingData> entities) {
        for (SelfDescribingData entity : entities) {
            String key = flatKey("contexts_", entity.schema());
            JsonNode existing = out.get(key);
            ArrayNode group = existing instanceof ArrayNode array ? array : out.putArray(key);
            JsonNode data = entity.data();
            ObjectNode item = data.isObject() ? ((ObjectNode) data).deepCopy() : Json.NODES.objectNode();
            item.put("_schema_version", entity.schema().version().toString());
            group.add(item);
        }
    }

    private static JsonNode contextsOrEmpty(List<SelfDescribingData> entities) {
        return entities.isEmpty() ? Json.NODES.objectNode() : SelfDescribingData.wrapContexts(entities, CONTEXTS_1_0_0);
    }

    private static void putTyped(ObjectNode out, AtomicField field, Object value) {
        String name = field.columnName();
        switch (value) {
            case null -> out.putNull(name);
            case Instant instant -> out.put(name, instant.toString());
            case Integer number -> out.put(name, number);
            case BigDecimal number -> out.put(name, number.doubleValue());
            case Double number -> out.put(name, number);
            case Boolean flag -> out.put(name, flag);
            default -> out.put(name, value.toString());
        }
    }
}
