package io.signalbox.attributes;

import io.signalbox.events.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes definitions back to JSON in the shapes of the Signals API: absent values are left out (as the SDK's {@code
 * exclude_none}), durations are written as Pydantic writes them ({@link IsoDurations#format}). What {@link
 * DefinitionParser} reads from this output equals what was written.
 */
public final class DefinitionWriter {
    private static final JsonNodeFactory NODES = Json.NODES;

    private DefinitionWriter() {}

    /** A definition document with the four arrays. */
    public static ObjectNode document(Definitions definitions) {
        ObjectNode node = NODES.objectNode();
        ArrayNode keys = node.putArray("attribute_keys");
        definitions.attributeKeys().forEach(key -> keys.add(attributeKey(key)));
        ArrayNode groups = node.putArray("attribute_groups");
        definitions.attributeGroups().forEach(group -> groups.add(attributeGroup(group)));
        ArrayNode services = node.putArray("services");
        definitions.services().forEach(service -> services.add(service(service)));
        ArrayNode interventions = node.putArray("interventions");
        definitions.interventions().forEach(intervention -> interventions.add(intervention(intervention)));
        return node;
    }

    public static ObjectNode attributeGroup(AttributeGroupDefinition group) {
        ObjectNode node = NODES.objectNode();
        node.put("name", group.name());
        node.put("version", group.version());
        putIfPresent(node, "description", group.description());
        putIfPresent(node, "owner", group.owner());
        node.set("attribute_key", attributeKey(group.attributeKey()));
        if (!group.attributes().isEmpty() || group.fields() == null) {
            ArrayNode attributes = node.putArray("attributes");
            group.attributes().forEach(attribute -> attributes.add(attribute(attribute)));
        }
        putIfPresent(node, "ttl", group.ttl());
        node.put("online", group.online());
        node.put("offline", group.offline());
        node.put("is_published", group.isPublished());
        putIfPresent(node, "backfill_since_tstamp", group.backfillSinceTstamp());
        if (group.fields() != null) {
            node.set("fields", group.fields().deepCopy());
        }
        if (group.batchSource() != null) {
            node.set("batch_source", group.batchSource().deepCopy());
        }
        return node;
    }

    public static ObjectNode attribute(AttributeDefinition attribute) {
        ObjectNode node = NODES.objectNode();
        node.put("name", attribute.name());
        putIfPresent(node, "description", attribute.description());
        node.put("type", attribute.type().wireName());
        node.put("aggregation", attribute.aggregation().wireName());
        ArrayNode events = node.putArray("events");
        attribute.events().forEach(selector -> events.add(selector(selector)));
        if (attribute.property() != null) {
            node.set("property", property(attribute.property()));
        }
        if (attribute.criteria() != null && !attribute.criteria().isEmpty()) {
            node.set("criteria", criteria(attribute.criteria()));
        }
        putIfPresent(node, "period", attribute.period());
        if (attribute.defaultValue() != null) {
            node.set("default_value", value(attribute.defaultValue()));
        }
        putIfPresent(node, "ttl", attribute.ttl());
        if (attribute.timeUnit() != null) {
            node.put("time_unit", attribute.timeUnit().wireName());
        }
        return node;
    }

    public static ObjectNode selector(EventSelector selector) {
        ObjectNode node = NODES.objectNode();
        putIfPresent(node, "vendor", selector.vendor());
        putIfPresent(node, "name", selector.name());
        putIfPresent(node, "version", selector.version());
        return node;
    }

    public static ObjectNode property(Property property) {
        ObjectNode node = NODES.objectNode();
        switch (property) {
            case Property.Atomic atomic -> {
                node.put("type", "atomic");
                node.put("name", atomic.field().columnName());
            }
            case Property.Event event -> {
                node.put("type", "event");
                node.put("vendor", event.vendor());
                node.put("name", event.name());
                node.put("major_version", event.majorVersion());
                node.put("path", event.path().text());
            }
            case Property.Entity entity -> {
                node.put("type", "entity");
                node.put("vendor", entity.vendor());
                node.put("name", entity.name());
                node.put("major_version", entity.majorVersion());
                node.put("path", entity.path().text());
                node.put("index", entity.index());
            }
        }
        if (property.datePart() != null) {
            node.put("date_part", property.datePart().wireName());
        }
        return node;
    }

    public static ObjectNode criteria(Criteria criteria) {
        ObjectNode node = NODES.objectNode();
        if (!criteria.all().isEmpty()) {
            ArrayNode all = node.putArray("all");
            criteria.all().forEach(criterion -> all.add(criterion(criterion)));
        }
        if (!criteria.any().isEmpty()) {
            ArrayNode any = node.putArray("any");
            criteria.any().forEach(criterion -> any.add(criterion(criterion)));
        }
        return node;
    }

    public static ObjectNode criterion(Criterion criterion) {
        ObjectNode node = NODES.objectNode();
        node.set("property", property(criterion.property()));
        node.put("operator", criterion.operator().text());
        if (criterion.value() != null) {
            node.set("value", value(criterion.value()));
        }
        return node;
    }

    public static ObjectNode attributeKey(AttributeKeyDefinition key) {
        ObjectNode node = NODES.objectNode();
        node.put("name", key.name());
        putIfPresent(node, "description", key.description());
        putIfPresent(node, "owner", key.owner());
        putIfPresent(node, "key", key.key());
        if (key.property() != null) {
            node.set("property", property(key.property()));
        }
        putIfPresent(node, "external_column", key.externalColumn());
        putIfPresent(node, "ttl", key.ttl());
        node.put("is_published", key.isPublished());
        return node;
    }

    public static ObjectNode service(ServiceDefinition service) {
        ObjectNode node = NODES.objectNode();
        node.put("name", service.name());
        putIfPresent(node, "description", service.description());
        putIfPresent(node, "owner", service.owner());
        node.set("attribute_groups", groupRefs(service.attributeGroups()));
        node.put("is_published", service.isPublished());
        return node;
    }

    public static ObjectNode intervention(InterventionDefinition intervention) {
        ObjectNode node = NODES.objectNode();
        node.put("name", intervention.name());
        node.put("version", intervention.version());
        putIfPresent(node, "description", intervention.description());
        putIfPresent(node, "owner", intervention.owner());
        node.set("criteria", interventionCriteria(intervention.criteria()));
        if (!intervention.targetAttributeKeys().isEmpty()) {
            ArrayNode targets = node.putArray("target_attribute_keys");
            intervention.targetAttributeKeys().forEach(key -> targets.add(attributeKey(key)));
        }
        if (!intervention.payloadAttributeGroups().isEmpty()) {
            node.set("payload_attribute_groups", groupRefs(intervention.payloadAttributeGroups()));
        }
        node.put("is_published", intervention.isPublished());
        return node;
    }

    public static ObjectNode interventionCriteria(InterventionCriteria criteria) {
        ObjectNode node = NODES.objectNode();
        switch (criteria) {
            case InterventionCriteria.Leaf leaf -> {
                node.put("attribute", leaf.attribute());
                node.put("operator", leaf.operator().text());
                if (leaf.value() != null) {
                    node.set("value", value(leaf.value()));
                }
            }
            case InterventionCriteria.All all -> node.set("all", members(all.members()));
            case InterventionCriteria.Any any -> node.set("any", members(any.members()));
            case InterventionCriteria.None none -> node.set("none", members(none.members()));
        }
        return node;
    }

    private static ArrayNode members(List<InterventionCriteria> members) {
        ArrayNode array = NODES.arrayNode();
        members.forEach(member -> array.add(interventionCriteria(member)));
        return array;
    }

    private static ArrayNode groupRefs(List<GroupRef> refs) {
        ArrayNode array = NODES.arrayNode();
        for (GroupRef ref : refs) {
            array.add(NODES.objectNode().put("name", ref.name()).put("version", ref.version()));
        }
        return array;
    }

    /** A value of the definition model ({@link String}, {@link Long}, {@link Double}, {@link Boolean}, lists, maps). */
    public static JsonNode value(Object value) {
        return switch (value) {
            case null -> NODES.nullNode();
            case String text -> NODES.stringNode(text);
            case Long number -> NODES.numberNode(number);
            case Integer number -> NODES.numberNode(number);
            case Double number -> NODES.numberNode(number);
            case Boolean flag -> NODES.booleanNode(flag);
            case List<?> list -> {
                ArrayNode array = NODES.arrayNode();
                list.forEach(item -> array.add(value(item)));
                yield array;
            }
            case Map<?, ?> map -> {
                ObjectNode object = NODES.objectNode();
                map.forEach((k, v) -> object.set(String.valueOf(k), value(v)));
                yield object;
            }
            default ->
                throw new IllegalArgumentException(
                        "not a definition value: " + value.getClass().getName());
        };
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void putIfPresent(ObjectNode node, String field, Duration value) {
        if (value != null) {
            node.put(field, IsoDurations.format(value));
        }
    }

    private static void putIfPresent(ObjectNode node, String field, Instant value) {
        if (value != null) {
            node.put(field, value.toString());
        }
    }
}
