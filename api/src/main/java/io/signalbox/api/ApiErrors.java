package io.signalbox.api;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.signalbox.attributes.DefinitionException;
import io.signalbox.engine.registry.RegistryException;
import io.signalbox.events.Json;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one place where failures become HTTP answers. Every answer is JSON with a message a user can act on; a
 * failure the caller did not cause is logged here with its stack trace and answered with a 500 that says nothing
 * internal.
 *
 * <p>Two body shapes, as Signals has them: the registry and testing routes answer like FastAPI, {@code {"detail":
 * "…"}} (a 422 lists each problem as {@code {"loc","msg","type"}}); the serving and intervention routes answer
 * {@code {"error": "…"}}.
 */
public final class ApiErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {}

    /** Registers the exception and not-found handlers. */
    public static void register(JavalinDefaultRoutingApi routes) {
        routes.exception(ApiException.class, (e, ctx) -> answer(ctx, e.status(), e.getMessage()));
        routes.exception(RegistryException.class, (e, ctx) -> answer(ctx, status(e.reason()), e.getMessage()));
        routes.exception(DefinitionException.class, (e, ctx) -> invalidDefinition(ctx, e));
        routes.exception(HttpResponseException.class, (e, ctx) -> answer(ctx, e.getStatus(), e.getMessage()));
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("Request {} {} failed", ctx.method(), escape(ctx.path()), e);
            answer(ctx, 500, "internal error; the server log has the details");
        });
    }

    /** Whether a path belongs to the API, whose errors are JSON. */
    public static boolean isApiPath(String path) {
        return path.startsWith("/api/");
    }

    /** Writes a JSON error answer in the shape the path's clients expect. */
    public static void answer(Context ctx, int status, String message) {
        ObjectNode body = Json.NODES.objectNode();
        body.put(usesDetail(ctx.path()) ? "detail" : "error", message);
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }

    private static void invalidDefinition(Context ctx, DefinitionException e) {
        if (!usesDetail(ctx.path())) {
            answer(ctx, 422, e.getMessage());
            return;
        }
        ObjectNode body = Json.NODES.objectNode();
        ArrayNode detail = body.putArray("detail");
        for (String problem : e.problems()) {
            ObjectNode item = detail.addObject();
            item.set("loc", Json.NODES.arrayNode().add("body"));
            item.put("msg", problem);
            item.put("type", "value_error");
        }
        ctx.status(422).contentType("application/json").result(Json.write(body));
    }

    private static boolean usesDetail(String path) {
        return List.of("/api/v1/registry", "/api/v1/testing", "/api/v1/engines").stream()
                .anyMatch(path::startsWith);
    }

    private static int status(RegistryException.Reason reason) {
        return switch (reason) {
            // The SDKs' create-or-update falls back to PUT on 400, so "already exists" must be 400, not 409.
            case ALREADY_EXISTS, PUBLISHED -> 400;
            case NOT_FOUND -> 404;
            case INVALID_REFERENCE -> 422;
        };
    }

    /** A user-supplied string made safe for one log line. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 200));
        for (int i = 0; i < text.length() && i < 200; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return out.toString();
    }
}
