package io.signalbox.api.interventions;

import static io.signalbox.api.SignalsApi.PREFIX;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.signalbox.api.ApiException;
import io.signalbox.api.ApiRequests;
import io.signalbox.api.ApiRoutes;
import io.signalbox.engine.registry.Registry;
import io.signalbox.events.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/v1/interventions}: a server-sent-event stream of the interventions for the targets in the query
 * ({@code ?domain_userid=<uuid>&domain_sessionid=<uuid>}); open without a key, so it accepts only UUID-shaped ids,
 * which cannot be guessed. {@code POST /api/v1/interventions?domain_userid=<id>}: pushes one intervention instance to
 * the subscribers of the targets and answers {@code {"status": "success"}}, or {@code "undelivered"} when nobody
 * listens.
 */
public final class InterventionRoutes implements ApiRoutes {
    private static final Pattern UUID_SHAPE =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]{1,128}");
    private static final int MAX_TARGETS = 20;
    private static final int MAX_ID_CHARS = 512;

    private final InterventionHub hub;
    private final InterventionSink pushes;
    private final Registry registry;

    public InterventionRoutes(InterventionHub hub, Registry registry) {
        this(hub, hub, registry);
    }

    /** Routes whose pushes go to {@code pushes}: in the cluster mode, to whichever API node holds the stream. */
    public InterventionRoutes(InterventionHub hub, InterventionSink pushes, Registry registry) {
        this.hub = hub;
        this.pushes = pushes;
        this.registry = registry;
    }

    @Override
    public void addRoutes(JavalinDefaultRoutingApi routes) {
        routes.get(PREFIX + "/interventions", this::subscribe);
        routes.post(PREFIX + "/interventions", this::push);
    }

    private void subscribe(Context ctx) throws IOException, InterruptedException {
        List<Target> targets = targets(ctx, true);
        ctx.status(200);
        ctx.res().setCharacterEncoding("UTF-8");
        ctx.res().setContentType("text/event-stream");
        ctx.res().setHeader("Cache-Control", "no-cache");
        ctx.res().setHeader("X-Accel-Buffering", "no");
        ctx.res().flushBuffer();
        SseConnection connection = new SseConnection(ctx.res().getOutputStream());
        InterventionHub.Subscriber subscriber = hub.subscribe(connection, targets);
        try {
            // A first line at once: the browser's EventSource fires "open", and the plugin's connection timer stops.
            if (connection.sendComment("subscribed")) {
                while (!connection.awaitClosed(1, TimeUnit.MINUTES)) {
                    // the stream stays open until the client goes away or the node stops
                }
            }
        } finally {
            hub.unsubscribe(subscriber);
        }
    }

    private void push(Context ctx) {
        List<Target> targets = targets(ctx, false);
        ObjectNode payload = instance(ApiRequests.jsonObject(ctx));
        int reached = pushes.deliver(payload, targets);
        ctx.contentType("application/json")
                .result(Json.write(Json.NODES.objectNode().put("status", reached > 0 ? "success" : "undelivered")));
    }

    /** The targets of the query string: attribute-key names with their ids. */
    private List<Target> targets(Context ctx, boolean uuidsOnly) {
        List<Target> targets = new ArrayList<>();
        for (Map.Entry<String, List<String>> param : ctx.queryParamMap().entrySet()) {
            String keyName = param.getKey();
            if (!NAME.matcher(keyName).matches()
                    || registry.attributeKey(keyName).isEmpty()) {
                throw ApiException.badRequest("'" + shorten(keyName) + "' is not an attribute key; name targets as "
                        + "?domain_userid=<id>&domain_sessionid=<id>");
            }
            for (String id : param.getValue()) {
                if (uuidsOnly ? !UUID_SHAPE.matcher(id).matches() : id.isEmpty() || id.length() > MAX_ID_CHARS) {
                    throw ApiException.badRequest(keyName + " must be "
                            + (uuidsOnly ? "a UUID to subscribe" : "1 to " + MAX_ID_CHARS + " characters")
                            + ", was '" + shorten(id) + "'");
                }
                targets.add(new Target(keyName, id));
            }
        }
        if (targets.isEmpty() || targets.size() > MAX_TARGETS) {
            throw ApiException.badRequest(
                    "name 1 to " + MAX_TARGETS + " targets in the query string, such as " + "?domain_userid=<id>");
        }
        return targets;
    }

    /** The pushed InterventionInstance, checked, with an id and string attributes. */
    private static ObjectNode instance(JsonNode body) {
        JsonNode name = body.get("name");
        if (name == null
                || !name.isString()
                || !NAME.matcher(name.stringValue()).matches()) {
            throw ApiException.badRequest("name is required and must match ^[A-Za-z0-9_]+$, was " + shorten(name));
        }
        JsonNode version = body.get("version");
        if (version != null && !version.isNull() && (!version.isIntegralNumber() || version.asLong() < 1)) {
            throw ApiException.badRequest("version must be a positive integer, was " + version);
        }
        ObjectNode payload = Json.NODES.objectNode();
        JsonNode id = body.get("intervention_id");
        payload.put(
                "intervention_id",
                id != null && id.isString()
                        ? id.stringValue()
                        : UUID.randomUUID().toString());
        payload.put("name", name.stringValue());
        payload.put("version", version == null || version.isNull() ? 1 : version.asInt());
        ObjectNode attributes = payload.putObject("attributes");
        JsonNode given = body.get("attributes");
        if (given != null && !given.isNull()) {
            if (!given.isObject()) {
                throw ApiException.badRequest("attributes must be an object of strings, was " + shorten(given));
            }
            for (Map.Entry<String, JsonNode> entry : given.properties()) {
                if (!entry.getValue().isNull()) {
                    attributes.put(entry.getKey(), InterventionPayloads.text(entry.getValue()));
                }
            }
        }
        return payload;
    }

    private static String shorten(Object value) {
        String text = String.valueOf(value);
        return text.length() <= 64 ? text : text.substring(0, 64) + "…";
    }
}
