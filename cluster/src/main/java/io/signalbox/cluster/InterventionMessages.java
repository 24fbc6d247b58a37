package io.signalbox.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.signalbox.api.interventions.Target;
import io.signalbox.events.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Records of the interventions topic: {@code {"payload": {…}, "targets": [{"name": …, "id": …}], "hold": true}},
 * the instance without {@code target_attribute_key}, the targets it is for, and whether a node without a stream for
 * them holds it for one (rule interventions) or drops it (pushes; {@code hold} is then left out).
 */
final class InterventionMessages {
    private InterventionMessages() {}

    /** One decoded record. */
    record Message(ObjectNode payload, List<Target> targets, boolean hold) {}

    static byte[] encode(ObjectNode payload, List<Target> targets, boolean hold) {
        ObjectNode message = Json.NODES.objectNode();
        message.set("payload", payload);
        ArrayNode list = message.putArray("targets");
        for (Target target : targets) {
            list.addObject().put("name", target.keyName()).put("id", target.id());
        }
        if (hold) {
            message.put("hold", true);
        }
        return Json.write(message).getBytes(UTF_8);
    }

    /**
     * Reads a record.
     *
     * @throws IllegalArgumentException when it is not such a message
     */
    static Message decode(byte[] bytes) {
        JsonNode message;
        try {
            message = Json.parse(new String(bytes, UTF_8));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (!(message.get("payload") instanceof ObjectNode payload)
                || message.get("targets") == null
                || !message.get("targets").isArray()) {
            throw new IllegalArgumentException("an intervention message needs a payload object and a targets list");
        }
        List<Target> targets = new ArrayList<>();
        for (JsonNode target : message.get("targets")) {
            JsonNode name = target.get("name");
            JsonNode id = target.get("id");
            if (name == null || id == null || !name.isString() || !id.isString()) {
                throw new IllegalArgumentException("an intervention target needs a name and an id");
            }
            targets.add(new Target(name.stringValue(), id.stringValue()));
        }
        return new Message(payload, List.copyOf(targets), message.path("hold").asBoolean(false));
    }
}
