package io.signalbox.api.serving;

import io.signalbox.api.ApiException;
import io.signalbox.attributes.AttributeGroupDefinition;
import io.signalbox.attributes.AttributeKeyDefinition;
import io.signalbox.attributes.DefinitionParser;
import io.signalbox.attributes.DefinitionWriter;
import io.signalbox.attributes.IsoDurations;
import io.signalbox.attributes.Property;
import io.signalbox.attributes.core.CompiledGroup;
import io.signalbox.attributes.core.ProfileState;
import io.signalbox.engine.registry.Registry;
import io.signalbox.engine.warehouse.EventQuery;
import io.signalbox.engine.warehouse.Warehouse;
import io.signalbox.events.AtomicField;
import io.signalbox.events.EnrichedEvent;
import io.signalbox.events.FieldType;
import io.signalbox.events.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/v1/testing/attribute_groups/}: computes a group that need not be published over the recent
 * warehouse history, for given identifiers or a sample of ten, and answers column-oriented as Signals does.
 *
 * <p>It runs the same compiled core as the live processor over the events of the last {@code window} (default one
 * hour), oldest first, and reads the values as of now. At most {@link #MAX_EVENTS} events are read, so a test over a
 * very busy window reflects its oldest part; the answer is for trying definitions out, not for serving.
 */
public final class AttributeGroupTesting {
    /** The most events one test reads. */
    public static final long MAX_EVENTS = 2_000_000;

    private static final int MAX_APP_IDS = 10;
    private static final int MAX_KEY_IDS = 50;
    private static final int SAMPLE_SIZE = 10;
    private static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
    private static final Duration MAX_WINDOW = Duration.ofDays(3650);
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,256}|[^@\\s]{1,128}@[^@\\s]{1,128}");

    private final Registry registry;
    private final Warehouse warehouse;
    private final InstantSource clock;

    public AttributeGroupTesting(Registry registry, Warehouse warehouse, InstantSource clock) {
        this.registry = registry;
        this.warehouse = warehouse;
        this.clock = clock;
    }

    /** Answers a request body; throws {@link ApiException} or a definition error for what the caller must fix. */
    public ObjectNode answer(JsonNode request) {
        if (!request.isObject()) {
            throw ApiException.unprocessable("the request body must be a JSON object");
        }
        JsonNode groupNode = request.get("attribute_group");
        if (groupNode == null || !groupNode.isObject()) {
            throw ApiException.unprocessable("attribute_group is required and must be an attribute group object");
        }
        AttributeGroupDefinition group = DefinitionParser.parseAttributeGroup(normalised(groupNode));
        if (group.attributes().isEmpty()) {
            throw ApiException.unprocessable(group.describe() + " has no attributes to compute");
        }
        AttributeKeyDefinition key =
                registry.attributeKey(group.attributeKey().name()).orElse(group.attributeKey());
        CompiledGroup compiled = CompiledGroup.compile(group, key);
        List<String> appIds = strings(request, "app_ids", MAX_APP_IDS, null);
        List<String> keyIds = strings(request, "attribute_key_ids", MAX_KEY_IDS, KEY_ID);
        Duration window = window(request);

        Instant now = clock.instant();
        Instant since = now.minus(window);
        AtomicField keyColumn = keyColumn(key);
        if (keyIds.isEmpty() && keyColumn != null) {
            keyIds = warehouse.sampleKeys(keyColumn, since, SAMPLE_SIZE);
        }
        EventQuery query = EventQuery.between(since, now).withLimit(MAX_EVENTS);
        if (!appIds.isEmpty()) {
            query = query.withAppIds(appIds);
        }
        if (!keyIds.isEmpty() && keyColumn != null) {
            query = query.withKeys(keyColumn, keyIds);
        }
        Map<String, ProfileState> states = compute(compiled, query, keyIds);
        return answer(compiled, key.name(), states, now);
    }

    /** The Python SDK dumps test requests without aliases, so a batch source's {@code schema} arrives as {@code schema_}. */
    private static JsonNode normalised(JsonNode group) {
        JsonNode source = group.get("batch_source");
        if (source instanceof ObjectNode object && object.has("schema_") && !object.has("schema")) {
            object.set("schema", object.remove("schema_"));
        }
        return group;
    }

    private Map<String, ProfileState> compute(CompiledGroup compiled, EventQuery query, List<String> keyIds) {
        Map<String, ProfileState> states = new LinkedHashMap<>();
        keyIds.forEach(id -> states.put(id, compiled.newState()));
        boolean open = keyIds.isEmpty();
        warehouse.forEachBatch(query, 5_000, batch -> {
            for (EnrichedEvent event : batch) {
                String id = compiled.keyOf(event);
                if (id == null) {
                    continue;
                }
                ProfileState state = states.get(id);
                if (state == null) {
                    if (!open || states.size() >= SAMPLE_SIZE) {
                        continue;
                    }
                    state = compiled.newState();
                    states.put(id, state);
                }
                compiled.apply(state, event);
            }
        });
        return states;
    }

    private static ObjectNode answer(
            CompiledGroup compiled, String keyName, Map<String, ProfileState> states, Instant now) {
        ObjectNode answer = Json.NODES.objectNode();
        ArrayNode ids = answer.putArray(keyName);
        Map<String, ArrayNode> columns = new LinkedHashMap<>();
        for (String attribute : compiled.attributeNames()) {
            columns.put(attribute, answer.putArray(attribute));
        }
        states.forEach((id, state) -> {
            ids.add(id);
            Map<String, Object> values = compiled.values(state, now);
            columns.forEach((attribute, column) -> column.add(DefinitionWriter.value(values.get(attribute))));
        });
        return answer;
    }

    /** The atomic column a key is read from, or null for keys on other properties. */
    private static AtomicField keyColumn(AttributeKeyDefinition key) {
        Property property = key.keyProperty();
        if (property instanceof Property.Atomic atomic
                && atomic.datePart() == null
                && atomic.field().type() == FieldType.STRING) {
            return atomic.field();
        }
        return null;
    }

    private static Duration window(JsonNode request) {
        JsonNode value = request.get("window");
        if (value == null || value.isNull()) {
            return DEFAULT_WINDOW;
        }
        Duration window;
        try {
            window = value.isNumber()
                    ? Duration.ofMillis((long) (value.doubleValue() * 1000))
                    : IsoDurations.parse(value.asString());
        } catch (RuntimeException e) {
            throw ApiException.unprocessable("window must be an ISO-8601 duration such as PT1H, was " + value);
        }
        if (window.isNegative() || window.isZero() || window.compareTo(MAX_WINDOW) > 0) {
            throw ApiException.unprocessable("window must be positive and at most P3650D, was " + value);
        }
        return window;
    }

    private static List<String> strings(JsonNode request, String field, int max, Pattern pattern) {
        JsonNode list = request.get(field);
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray() || list.size() > max) {
            throw ApiException.unprocessable(field + " must be a list of at most " + max + " strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : list) {
            if (!item.isString()
                    || item.stringValue().length() > 256
                    || (pattern != null && !pattern.matcher(item.stringValue()).matches())) {
                throw ApiException.unprocessable(field + " holds an invalid value: " + shorten(item));
            }
            out.add(item.stringValue());
        }
        return out;
    }

    private static String shorten(JsonNode value) {
        String text = value.toString();
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
