package io.signalbox.api.serving;

import static io.signalbox.api.SignalsApi.PREFIX;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.signalbox.api.ApiRequests;
import io.signalbox.api.ApiRoutes;
import io.signalbox.events.Json;
import tools.jackson.databind.JsonNode;

/** The serving routes: {@code get-online-attributes} and {@code testing/attribute_groups}. */
public final class ServingRoutes implements ApiRoutes {
    private final OnlineAttributes online;
    private final AttributeGroupTesting testing;

    public ServingRoutes(OnlineAttributes online, AttributeGroupTesting testing) {
        this.online = online;
        this.testing = testing;
    }

    @Override
    public void addRoutes(JavalinDefaultRoutingApi routes) {
        // Javalin ignores trailing slashes: the SDKs' "testing/attribute_groups/" matches too.
        routes.post(PREFIX + "/get-online-attributes", ctx -> json(ctx, online.answer(ApiRequests.jsonBody(ctx))));
        routes.post(PREFIX + "/testing/attribute_groups", ctx -> json(ctx, testing.answer(ApiRequests.jsonBody(ctx))));
    }

    private static void json(Context ctx, JsonNode body) {
        ctx.contentType("application/json").result(Json.write(body));
    }
}
