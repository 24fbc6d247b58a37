package io.signalbox.scoring.training;

import io.signalbox.attributes.AttributeGroupDefinition;
import io.signalbox.attributes.AttributeKeyDefinition;
import io.signalbox.attributes.DefinitionParser;
import io.signalbox.attributes.core.CompiledGroup;
import io.signalbox.attributes.core.ProfileState;
import io.signalbox.events.EnrichedEvent;
import io.signalbox.events.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Which events a training set treats as goals or anchors, written as an attribute's {@code events} and {@code
 * criteria}. It is compiled into a one-counter attribute group and matched by the engine's own code, so a goal
 * selects exactly the events an attribute with the same selectors and criteria would count.
 */
final class EventMatcher {
    private final CompiledGroup counter;
    private final ProfileState scratch;
    private final String description;

    private EventMatcher(CompiledGroup counter, String description) {
        this.counter = counter;
        this.scratch = counter.newState();
        this.description = description;
    }

    /**
     * Compiles {@code events} (a list of selectors, all events when missing) and {@code criteria} (optional) of a
     * settings object.
     *
     * @param what names the setting in error messages, such as {@code goal}
     * @throws io.signalbox.attributes.DefinitionException naming the field and the value when they are invalid
     */
    static EventMatcher compile(String what, JsonNode settings, AttributeKeyDefinition key) {
        ObjectNode attribute =
                Json.NODES.objectNode().put("name", what).put("type", "int64").put("aggregation", "counter");
        JsonNode events = settings == null ? null : settings.get("events");
        attribute.set("events", events == null || events.isNull() ? Json.NODES.arrayNode() : events);
        JsonNode criteria = settings == null ? null : settings.get("criteria");
        if (criteria != null && !criteria.isNull()) {
            attribute.set("criteria", criteria);
        }
        ObjectNode group = Json.NODES.objectNode().put("name", what).put("version", 1);
        group.putObject("attribute_key").put("name", key.name());
        ArrayNode attributes = group.putArray("attributes");
        attributes.add(attribute);
        AttributeGroupDefinition definition = DefinitionParser.parseAttributeGroup(group);
        return new EventMatcher(CompiledGroup.compile(definition, key), Json.write(attribute.get("events")));
    }

    /** The attribute-key value of a matching event, or null when the event does not match or has no key. */
    String match(EnrichedEvent event) {
        String key = counter.keyOf(event);
        if (key == null || !counter.apply(scratch, event)) {
            return null;
        }
        return key;
    }

    @Override
    public String toString() {
        return description;
    }
}
