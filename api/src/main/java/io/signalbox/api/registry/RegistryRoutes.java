package io.signalbox.api.registry;

import static io.signalbox.api.SignalsApi.PREFIX;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.signalbox.api.ApiException;
import io.signalbox.api.ApiRequests;
import io.signalbox.api.ApiRoutes;
import io.signalbox.attributes.AttributeGroupDefinition;
import io.signalbox.attributes.AttributeKeyDefinition;
import io.signalbox.attributes.DefinitionParser;
import io.signalbox.attributes.DefinitionWriter;
import io.signalbox.attributes.InterventionDefinition;
import io.signalbox.attributes.IsoDurations;
import io.signalbox.attributes.ServiceDefinition;
import io.signalbox.engine.registry.Registry;
import io.signalbox.events.Json;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The registry routes under {@code /api/v1/registry}: create, list, get, update and delete attribute keys, attribute
 * groups, services and interventions, as Snowplow's SDKs call them, plus {@code engines/publish} and {@code
 * engines/unpublish}.
 *
 * <p>Publishing works as in the SDKs: the {@code is_published} flag of the body is the switch, and create-or-update
 * relies on a 400 for "already exists". Collection paths answer with and without their trailing slash, and never
 * redirect. Deletes answer {@code 200 {"ok": true}}, since the Python SDK counts only 200 and 201 as success.
 */
public final class RegistryRoutes implements ApiRoutes {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]{1,128}");
    private static final int MAX_VERSION = 1_000_000;

    private final Registry registry;

    public RegistryRoutes(Registry registry) {
        this.registry = registry;
    }

    @Override
    public void addRoutes(JavalinDefaultRoutingApi routes) {
        String keys = PREFIX + "/registry/attribute_keys";
        collection(routes, keys, this::listKeys, this::createKey);
        routes.get(keys + "/{name}", ctx -> json(ctx, 200, keyResponse(requireKey(name(ctx)))));
        routes.put(keys + "/{name}", this::updateKey);
        routes.delete(keys + "/{name}", ctx -> {
            registry.deleteAttributeKey(name(ctx));
            ok(ctx);
        });

        String groups = PREFIX + "/registry/attribute_groups";
        collection(routes, groups, this::listGroups, this::createGroup);
        routes.get(groups + "/{name}", ctx -> json(ctx, 200, groupResponse(latestGroup(name(ctx)))));
        routes.get(groups + "/{name}/versions/{version}", ctx -> json(ctx, 200, groupResponse(requireGroup(ctx))));
        routes.put(groups + "/{name}/versions/{version}", this::updateGroup);
        routes.delete(groups + "/{name}/versions/{version}", ctx -> {
            registry.deleteAttributeGroup(name(ctx), version(ctx));
            ok(ctx);
        });

        String services = PREFIX + "/registry/services";
        collection(routes, services, this::listServices, this::createService);
        routes.get(services + "/{name}", ctx -> json(ctx, 200, serviceResponse(requireService(name(ctx)))));
        routes.put(services + "/{name}", this::updateService);
        routes.delete(services + "/{name}", ctx -> {
            registry.deleteService(name(ctx));
            ok(ctx);
        });

        String interventions = PREFIX + "/registry/interventions";
        collection(routes, interventions, this::listInterventions, this::createIntervention);
        routes.get(interventions + "/{name}", ctx -> json(ctx, 200, interventionResponse(latestIntervention(ctx))));
        routes.get(
                interventions + "/{name}/versions/{version}",
                ctx -> json(ctx, 200, interventionResponse(requireIntervention(ctx))));
        routes.put(interventions + "/{name}/versions/{version}", this::updateIntervention);
        routes.delete(interventions + "/{name}/versions/{version}", ctx -> {
            registry.deleteIntervention(name(ctx), version(ctx));
            ok(ctx);
        });

        EnginePublishing publishing = new EnginePublishing(registry);
        routes.post(PREFIX + "/engines/publish", ctx -> json(ctx, 200, publishing.apply(jsonBody(ctx), true)));
        routes.post(PREFIX + "/engines/unpublish", ctx -> json(ctx, 200, publishing.apply(jsonBody(ctx), false)));
    }

    private static void collection(
            JavalinDefaultRoutingApi routes,
            String path,
            io.javalin.http.Handler list,
            io.javalin.http.Handler create) {
        // Javalin ignores trailing slashes, so "/path" and "/path/" both match, and neither redirects.
        routes.get(path, list);
        routes.post(path, create);
    }

    // ---- attribute keys ----

    private void listKeys(Context ctx) {
        ArrayNode list = Json.NODES.arrayNode();
        registry.attributeKeys().forEach(key -> list.add(keyResponse(key)));
        json(ctx, 200, list);
    }

    private void createKey(Context ctx) {
        AttributeKeyDefinition key = DefinitionParser.parseAttributeKey(jsonBody(ctx));
        json(ctx, 201, keyResponse(registry.createAttributeKey(key)));
    }

    private void updateKey(Context ctx) {
        AttributeKeyDefinition key = DefinitionParser.parseAttributeKey(withName(jsonBody(ctx), name(ctx)));
        requireSame("name", name(ctx), key.name());
        json(ctx, 200, keyResponse(registry.updateAttributeKey(key)));
    }

    private AttributeKeyDefinition requireKey(String name) {
        return registry.attributeKey(name)
                .orElseThrow(() -> ApiException.notFound("attribute key '" + name + "' does not exist"));
    }

    static ObjectNode keyResponse(AttributeKeyDefinition key) {
        ObjectNode node = DefinitionWriter.attributeKey(key);
        if (!node.has("blobl_path")) {
            node.putNull("blobl_path");
        }
        return node;
    }

    // ---- attribute groups ----

    private void listGroups(Context ctx) {
        Optional<Boolean> applied = flag(ctx, "applied");
        Optional<Boolean> online = flag(ctx, "online");
        Optional<Boolean> offline = flag(ctx, "offline");
        String keyOrName = ctx.queryParam("attribute_key_or_name");
        Predicate<AttributeGroupDefinition> keep =
                group -> applied.map(v -> v == group.isPublished()).orElse(true)
                        && online.map(v -> v == group.online()).orElse(true)
                        && offline.map(v -> v == group.offline()).orElse(true)
                        && (keyOrName == null || keyOrName.equals(keyOrName(group)));
        ArrayNode list = Json.NODES.arrayNode();
        registry.attributeGroups().stream().filter(keep).forEach(group -> list.add(groupResponse(group)));
        json(ctx, 200, list);
    }

    private void createGroup(Context ctx) {
        AttributeGroupDefinition group = DefinitionParser.parseAttributeGroup(jsonBody(ctx));
        json(ctx, 201, groupResponse(registry.createAttributeGroup(group)));
    }

    private void updateGroup(Context ctx) {
        JsonNode body = jsonBody(ctx);
        if (body.isObject() && !body.has("version")) {
            ((ObjectNode) body).put("version", version(ctx));
        }
        AttributeGroupDefinition group = DefinitionParser.parseAttributeGroup(withName(body, name(ctx)));
        requireSame("name", name(ctx), group.name());
        requireSame("version", String.valueOf(version(ctx)), String.valueOf(group.version()));
        json(ctx, 200, groupResponse(registry.updateAttributeGroup(group)));
    }

    private AttributeGroupDefinition latestGroup(String name) {
        return registry.latestAttributeGroup(name)
                .orElseThrow(() -> ApiException.notFound("attribute group '" + name + "' does not exist"));
    }

    private AttributeGroupDefinition requireGroup(Context ctx) {
        String name = name(ctx);
        int version = version(ctx);
        return registry.attributeGroup(name, version)
                .orElseThrow(
                        () -> ApiException.notFound("attribute group '" + name + "' v" + version + " does not exist"));
    }

    private String keyOrName(AttributeGroupDefinition group) {
        AttributeKeyDefinition key = registry.resolveKey(group);
        return key.key() != null ? key.key() : key.name();
    }

    /** The group as the SDK's AttributeGroupResponse expects it: the definition plus the server's fields. */
    ObjectNode groupResponse(AttributeGroupDefinition group) {
        ObjectNode node = DefinitionWriter.attributeGroup(group);
        AttributeKeyDefinition key = registry.resolveKey(group);
        node.set("attribute_key", keyResponse(key));
        node.put("attribute_key_or_name", keyOrName(group));
        Duration ttl = group.ttl() != null ? group.ttl() : key.ttl();
        if (ttl == null) {
            node.putNull("attribute_group_or_attribute_key_ttl");
        } else {
            node.put("attribute_group_or_attribute_key_ttl", IsoDurations.format(ttl));
        }
        node.put("feast_name", group.fullName());
        node.put("full_name", group.fullName());
        if (group.offline()) {
            node.putNull("stream_source_name");
        } else {
            node.put("stream_source_name", group.name() + "_stream");
        }
        return node;
    }

    // ---- services ----

    private void listServices(Context ctx) {
        ArrayNode list = Json.NODES.arrayNode();
        registry.services().forEach(service -> list.add(serviceResponse(service)));
        json(ctx, 200, list);
    }

    private void createService(Context ctx) {
        ServiceDefinition service = DefinitionParser.parseService(jsonBody(ctx));
        json(ctx, 201, serviceResponse(registry.createService(service)));
    }

    private void updateService(Context ctx) {
        ServiceDefinition service = DefinitionParser.parseService(withName(jsonBody(ctx), name(ctx)));
        requireSame("name", name(ctx), service.name());
        json(ctx, 200, serviceResponse(registry.updateService(service)));
    }

    private ServiceDefinition requireService(String name) {
        return registry.service(name).orElseThrow(() -> ApiException.notFound("service '" + name + "' does not exist"));
    }

    private static ObjectNode serviceResponse(ServiceDefinition service) {
        return DefinitionWriter.service(service);
    }

    // ---- interventions ----

    private void listInterventions(Context ctx) {
        ArrayNode list = Json.NODES.arrayNode();
        registry.interventions().forEach(intervention -> list.add(interventionResponse(intervention)));
        json(ctx, 200, list);
    }

    private void createIntervention(Context ctx) {
        InterventionDefinition intervention = DefinitionParser.parseIntervention(jsonBody(ctx));
        json(ctx, 201, interventionResponse(registry.createIntervention(intervention)));
    }

    private void updateIntervention(Context ctx) {
        JsonNode body = jsonBody(ctx);
        if (body.isObject() && !body.has("version")) {
            ((ObjectNode) body).put("version", version(ctx));
        }
        InterventionDefinition intervention = DefinitionParser.parseIntervention(withName(body, name(ctx)));
        requireSame("name", name(ctx), intervention.name());
        requireSame("version", String.valueOf(version(ctx)), String.valueOf(intervention.version()));
        json(ctx, 200, interventionResponse(registry.updateIntervention(intervention)));
    }

    private InterventionDefinition latestIntervention(Context ctx) {
        String name = name(ctx);
        return registry.latestIntervention(name)
                .orElseThrow(() -> ApiException.notFound("intervention '" + name + "' does not exist"));
    }

    private InterventionDefinition requireIntervention(Context ctx) {
        String name = name(ctx);
        int version = version(ctx);
        return registry.intervention(name, version)
                .orElseThrow(
                        () -> ApiException.notFound("intervention '" + name + "' v" + version + " does not exist"));
    }

    private static ObjectNode interventionResponse(InterventionDefinition intervention) {
        return DefinitionWriter.intervention(intervention);
    }

    // ---- request and response helpers ----

    private static JsonNode jsonBody(Context ctx) {
        return ApiRequests.jsonObject(ctx);
    }

    /** PUT bodies may leave out the name the path gives. */
    private static JsonNode withName(JsonNode body, String name) {
        if (body.isObject() && !body.has("name")) {
            ((ObjectNode) body).put("name", name);
        }
        return body;
    }

    private static void requireSame(String field, String inPath, String inBody) {
        if (!inPath.equals(inBody)) {
            throw ApiException.badRequest(
                    field + " in the body ('" + inBody + "') differs from the path ('" + inPath + "')");
        }
    }

    static String name(Context ctx) {
        String name = ctx.pathParam("name");
        if (!NAME.matcher(name).matches()) {
            throw ApiException.unprocessable(
                    "name must match ^[A-Za-z0-9_]+$ with 1 to 128 characters, was '" + shorten(name) + "'");
        }
        return name;
    }

    static int version(Context ctx) {
        String text = ctx.pathParam("version");
        try {
            int version = Integer.parseInt(text);
            if (version >= 1 && version <= MAX_VERSION) {
                return version;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.unprocessable(
                "version must be an integer from 1 to " + MAX_VERSION + ", was '" + shorten(text) + "'");
    }

    private static Optional<Boolean> flag(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1" -> Optional.of(true);
            case "false", "0" -> Optional.of(false);
            default -> throw ApiException.unprocessable(name + " must be true or false, was '" + shorten(value) + "'");
        };
    }

    private static String shorten(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }

    private static void json(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }

    private static void ok(Context ctx) {
        json(ctx, 200, Json.NODES.objectNode().put("ok", true));
    }
}
