package io.signalbox.api.registry;

import io.signalbox.api.ApiException;
import io.signalbox.attributes.AttributeGroupDefinition;
import io.signalbox.attributes.AttributeKeyDefinition;
import io.signalbox.attributes.InterventionDefinition;
import io.signalbox.attributes.ServiceDefinition;
import io.signalbox.engine.registry.Registry;
import io.signalbox.events.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST engines/publish} and {@code engines/unpublish}: sets the published flag of the named definitions,
 * keys first and interventions last (the reverse when unpublishing), so references always resolve.
 */
final class EnginePublishing {
    private static final int MAX_REFS = 1_000;

    private final Registry registry;

    EnginePublishing(Registry registry) {
        this.registry = registry;
    }

    /** Applies the request and answers with the status the SDK's batch CLI prints. */
    ObjectNode apply(JsonNode body, boolean publish) {
        int changed = 0;
        if (publish) {
            changed += keys(body, true) + groups(body, true) + services(body, true) + interventions(body, true);
        } else {
            changed += interventions(body, false) + services(body, false) + groups(body, false) + keys(body, false);
        }
        String verb = publish ? "published" : "unpublished";
        return Json.NODES.objectNode().put("status", changed > 0 ? verb : "nothing to " + verb.replace("ed", ""));
    }

    private int keys(JsonNode body, boolean publish) {
        int changed = 0;
        for (JsonNode ref : refs(body, "attribute_keys")) {
            String name = refName(ref, "attribute_keys");
            AttributeKeyDefinition key = registry.attributeKey(name)
                    .orElseThrow(() -> ApiException.notFound("attribute key '" + name + "' does not exist"));
            if (key.isPublished() != publish) {
                registry.updateAttributeKey(new AttributeKeyDefinition(
                        key.name(),
                        key.key(),
                        key.property(),
                        key.externalColumn(),
                        key.ttl(),
                        key.description(),
                        key.owner(),
                        publish));
                changed++;
            }
        }
        return changed;
    }

    private int groups(JsonNode body, boolean publish) {
        int changed = 0;
        for (JsonNode ref : refs(body, "attribute_groups")) {
            String name = refName(ref, "attribute_groups");
            int version = refVersion(ref);
            AttributeGroupDefinition group = registry.attributeGroup(name, version)
                    .orElseThrow(() ->
                            ApiException.notFound("attribute group '" + name + "' v" + version + " does not exist"));
            if (group.isPublished() != publish) {
                registry.updateAttributeGroup(new AttributeGroupDefinition(
                        group.name(),
                        group.version(),
                        group.attributeKey(),
                        group.attributes(),
                        group.ttl(),
                        group.online(),
                        group.offline(),
                        publish,
                        group.backfillSinceTstamp(),
                        group.owner(),
                        group.description(),
                        group.fields(),
                        group.batchSource()));
                changed++;
            }
        }
        return changed;
    }

    private int services(JsonNode body, boolean publish) {
        int changed = 0;
        for (JsonNode ref : refs(body, "services")) {
            String name = refName(ref, "services");
            ServiceDefinition service = registry.service(name)
                    .orElseThrow(() -> ApiException.notFound("service '" + name + "' does not exist"));
            if (service.isPublished() != publish) {
                registry.updateService(new ServiceDefinition(
                        service.name(), service.attributeGroups(), service.description(), service.owner(), publish));
                changed++;
            }
        }
        return changed;
    }

    private int interventions(JsonNode body, boolean publish) {
        int changed = 0;
        for (JsonNode ref : refs(body, "interventions")) {
            String name = refName(ref, "interventions");
            int version = refVersion(ref);
            InterventionDefinition intervention = registry.intervention(name, version)
                    .orElseThrow(
                            () -> ApiException.notFound("intervention '" + name + "' v" + version + " does not exist"));
            if (intervention.isPublished() != publish) {
                registry.updateIntervention(new InterventionDefinition(
                        intervention.name(),
                        intervention.version(),
                        intervention.criteria(),
                        intervention.targetAttributeKeys(),
                        intervention.payloadAttributeGroups(),
                        intervention.description(),
                        intervention.owner(),
                        publish));
                changed++;
            }
        }
        return changed;
    }

    private static Iterable<JsonNode> refs(JsonNode body, String field) {
        JsonNode list = body.get(field);
        if (list == null || list.isNull()) {
            return java.util.List.of();
        }
        if (!list.isArray() || list.size() > MAX_REFS) {
            throw ApiException.unprocessable(field + " must be a list of at most " + MAX_REFS + " {name, version}");
        }
        return list;
    }

    private static String refName(JsonNode ref, String field) {
        JsonNode name = ref.get("name");
        if (name == null || !name.isString()) {
            throw ApiException.unprocessable(field + "[].name is required and must be a string");
        }
        return name.asString();
    }

    private static int refVersion(JsonNode ref) {
        JsonNode version = ref.get("version");
        if (version == null || version.isNull()) {
            return 1;
        }
        if (!version.isIntegralNumber() || version.asLong() < 1 || version.asLong() > 1_000_000) {
            throw ApiException.unprocessable("version must be an integer from 1 to 1000000, was " + version);
        }
        return version.asInt();
    }
}
