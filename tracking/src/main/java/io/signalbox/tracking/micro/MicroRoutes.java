package io.signalbox.tracking.micro;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.signalbox.events.Json;
import io.signalbox.events.SchemaKey;
import io.signalbox.tracking.BadEvent;
import io.signalbox.tracking.GoodEvent;
import io.signalbox.tracking.IgluResolver;
import io.signalbox.tracking.MicroJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Snowplow-Micro-compatible inspection endpoints over the {@link InspectionStore}, so tracking can be tested against
 * Signalbox as it is against Micro: {@code /micro/all}, {@code /micro/good}, {@code /micro/bad}, {@code
 * /micro/reset} and {@code /micro/iglu/{vendor}/{name}/jsonschema/{version}}.
 */
public final class MicroRoutes {
    private static final int MAX_FILTER_BYTES = 64 * 1024;
    private static final String ENDPOINTS =
            "/micro/all, /micro/good, /micro/bad, /micro/reset, /micro/iglu/{vendor}/{name}/jsonschema/{version}";

    private final InspectionStore store;
    private final IgluResolver resolver;

    public MicroRoutes(InspectionStore store, IgluResolver resolver) {
        this.store = store;
        this.resolver = resolver;
    }

    /** Adds the {@code /micro/*} routes. */
    public void addRoutes(RoutesConfig routes) {
        routes.get("/micro/all", this::all);
        routes.post("/micro/all", this::all);
        routes.get("/micro/good", ctx -> good(ctx, JsonNodeOrEmpty.EMPTY));
        routes.post("/micro/good", ctx -> good(ctx, filterBody(ctx)));
        routes.get("/micro/bad", ctx -> bad(ctx, JsonNodeOrEmpty.EMPTY));
        routes.post("/micro/bad", ctx -> bad(ctx, filterBody(ctx)));
        routes.get("/micro/reset", this::reset);
        routes.post("/micro/reset", this::reset);
        routes.get("/micro/iglu/{vendor}/{name}/{format}/{version}", this::iglu);
        routes.get("/micro/<rest>", this::unknown);
        routes.post("/micro/<rest>", this::unknown);
    }

    private void all(Context ctx) {
        long[] totals = store.totals();
        ctx.json(counts(totals[0], totals[1]));
    }

    private void reset(Context ctx) {
        store.reset();
        ctx.json(counts(0, 0));
    }

    private static ObjectNode counts(long good, long bad) {
        ObjectNode body = Json.NODES.objectNode();
        body.put("total", good + bad);
        body.put("good", good);
        body.put("bad", bad);
        return body;
    }

    private void good(Context ctx, JsonNodeOrEmpty filter) {
        if (filter == null) {
            return;
        }
        String eventType = filter.text("event_type");
        String schema = filter.text("schema");
        Set<String> contexts = filter.texts("contexts");
        Predicate<GoodEvent> matches =
                event -> (eventType == null || eventType.equals(event.event().event()))
                        && (schema == null || schema.equals(eventSchema(event)))
                        && (contexts.isEmpty() || entityUris(event).containsAll(contexts));
        ArrayNode body = Json.NODES.arrayNode();
        store.good(matches, filter.limit()).forEach(event -> body.add(MicroJson.goodEvent(event)));
        ctx.json(body);
    }

    private void bad(Context ctx, JsonNodeOrEmpty filter) {
        if (filter == null) {
            return;
        }
        String vendor = filter.text("vendor");
        String version = filter.text("version");
        Predicate<BadEvent> matches =
                event -> (vendor == null || vendor.equals(event.payload().vendor()))
                        && (version == null || version.equals(event.payload().version()));
        ArrayNode body = Json.NODES.arrayNode();
        store.bad(matches, filter.limit()).forEach(event -> body.add(MicroJson.badEvent(event)));
        ctx.json(body);
    }

    private void iglu(Context ctx) {
        String vendor = ctx.pathParam("vendor");
        String name = ctx.pathParam("name");
        String format = ctx.pathParam("format");
        String version = ctx.pathParam("version");
        SchemaKey key;
        try {
            key = SchemaKey.parse("iglu:" + vendor + "/" + name + "/" + format + "/" + version);
        } catch (IllegalArgumentException e) {
            ctx.status(404).json(error("Use /micro/iglu/{vendor}/{name}/jsonschema/{model-revision-addition}"));
            return;
        }
        Optional<String> schema = resolver.rawSchema(key);
        if (schema.isPresent()) {
            ctx.contentType("application/json").result(schema.get());
        } else {
            ctx.status(404)
                    .json(MicroJson.schemaNotFound(resolver.resolutionError(key).orElseGet(Json.NODES::objectNode)));
        }
    }

    private void unknown(Context ctx) {
        ctx.status(404).json(error("Unknown inspection endpoint; supported: " + ENDPOINTS));
    }

    private static String eventSchema(GoodEvent event) {
        String vendor = event.event().eventVendor();
        if (vendor == null) {
            return null;
        }
        return "iglu:" + vendor + "/" + event.event().eventName() + "/"
                + event.event().getString(io.signalbox.events.AtomicField.EVENT_FORMAT) + "/"
                + event.event().eventVersion();
    }

    private static Set<String> entityUris(GoodEvent event) {
        Set<String> uris = new HashSet<>();
        event.event().contexts().forEach(entity -> uris.add(entity.schema().toUri()));
        return uris;
    }

    private static ObjectNode error(String message) {
        ObjectNode body = Json.NODES.objectNode();
        body.put("error", message);
        return body;
    }

    /** Reads a filter body; answers 400 and returns {@code null} when it is not a JSON object. */
    private static JsonNodeOrEmpty filterBody(Context ctx) throws IOException {
        byte[] bytes;
        try (InputStream in = ctx.req().getInputStream()) {
            bytes = in.readNBytes(MAX_FILTER_BYTES + 1);
        }
        if (bytes.length > MAX_FILTER_BYTES) {
            ctx.status(413).json(error("A filter may have at most " + MAX_FILTER_BYTES + " bytes"));
            return null;
        }
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            return JsonNodeOrEmpty.EMPTY;
        }
        try {
            JsonNode node = Json.parse(text);
            if (!node.isObject()) {
                ctx.status(400).json(error("A filter must be a JSON object"));
                return null;
            }
            return new JsonNodeOrEmpty(node);
        } catch (JacksonException e) {
            ctx.status(400).json(error("A filter must be JSON: " + e.getOriginalMessage()));
            return null;
        }
    }

    /** A parsed filter object with lenient accessors. */
    private record JsonNodeOrEmpty(JsonNode node) {
        static final JsonNodeOrEmpty EMPTY = new JsonNodeOrEmpty(Json.NODES.objectNode());

        String text(String field) {
            JsonNode value = node.get(field);
            return value != null && value.isString() ? value.stringValue() : null;
        }

        Set<String> texts(String field) {
            JsonNode value = node.get(field);
            Set<String> texts = new HashSet<>();
            if (value != null && value.isArray()) {
                value.forEach(item -> {
                    if (item.isString()) {
                        texts.add(item.stringValue());
                    }
                });
            }
            return texts;
        }

        int limit() {
            JsonNode value = node.get("limit");
            return value != null && value.canConvertToInt() && value.intValue() >= 0
                    ? value.intValue()
                    : Integer.MAX_VALUE;
        }
    }

    static List<String> endpoints() {
        return List.of(ENDPOINTS.split(", "));
    }
}
