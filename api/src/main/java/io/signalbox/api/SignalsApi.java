package io.signalbox.api;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.List;

/**
 * The Signals-compatible HTTP API under {@code /api/v1}: the registry, online attributes, testing and interventions,
 * with bearer-key auth and CORS. Snowplow's Signals SDKs in sandbox mode call it unchanged.
 *
 * <p>Every route but the intervention stream needs a key. The stream ({@code GET /api/v1/interventions}) is open, as
 * in Signals: browsers cannot attach headers to an EventSource, and the subscriber's UUID-shaped ids are the only
 * credential.
 */
public final class SignalsApi {
    /** The path prefix of every route. */
    public static final String PREFIX = "/api/v1";

    private final ApiKeys keys;
    private final List<String> corsOrigins;
    private final List<ApiRoutes> parts;

    /**
     * @param keys the accepted bearer keys
     * @param corsOrigins origins allowed to call the authenticated routes from a browser ({@code *} for any); the
     *     intervention stream allows every origin
     * @param parts the route groups
     */
    public SignalsApi(ApiKeys keys, List<String> corsOrigins, List<ApiRoutes> parts) {
        this.keys = keys;
        this.corsOrigins = List.copyOf(corsOrigins);
        this.parts = List.copyOf(parts);
    }

    /** Adds the auth and CORS filters, the error mapper and every part's routes. */
    public void addRoutes(JavalinDefaultRoutingApi routes) {
        ApiErrors.register(routes);
        routes.before(PREFIX + "/*", this::filter);
        routes.options(PREFIX + "/*", ctx -> ctx.status(204));
        for (ApiRoutes part : parts) {
            part.addRoutes(routes);
        }
    }

    private void filter(Context ctx) {
        boolean stream = isInterventionStream(ctx);
        allowOrigin(ctx, stream);
        if (ctx.method() == HandlerType.OPTIONS || stream || OpenApiRoutes.isOpen(ctx.path())) {
            return;
        }
        keys.require(ctx);
    }

    private static boolean isInterventionStream(Context ctx) {
        String path = ctx.path();
        return (ctx.method() == HandlerType.GET || ctx.method() == HandlerType.OPTIONS)
                && (path.equals(PREFIX + "/interventions") || path.equals(PREFIX + "/interventions/"));
    }

    private void allowOrigin(Context ctx, boolean stream) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return;
        }
        if (stream || corsOrigins.contains("*") || corsOrigins.contains(origin)) {
            ctx.header("Access-Control-Allow-Origin", origin);
            ctx.header("Access-Control-Allow-Credentials", "true");
            ctx.header("Vary", "Origin");
            if (ctx.method() == HandlerType.OPTIONS) {
                ctx.header("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
                ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type, X-Signals-Sdk-Name, Accept");
                ctx.header("Access-Control-Max-Age", "3600");
            }
        }
    }
}
