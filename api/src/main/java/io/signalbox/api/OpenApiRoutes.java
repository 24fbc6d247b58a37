package io.signalbox.api;

import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The OpenAPI description of the API at {@code /api/v1/openapi.json} and a page to browse it at {@code
 * /api/v1/docs}, both open without a key.
 */
public final class OpenApiRoutes implements ApiRoutes {
    /** Paths under the API prefix that need no key. */
    public static final java.util.Set<String> OPEN_PATHS =
            java.util.Set.of(SignalsApi.PREFIX + "/openapi.json", SignalsApi.PREFIX + "/docs");

    private final String openApi = resource("openapi.json");
    private final String page = resource("docs.html");

    @Override
    public void addRoutes(JavalinDefaultRoutingApi routes) {
        routes.get(
                SignalsApi.PREFIX + "/openapi.json",
                ctx -> ctx.contentType("application/json").result(openApi));
        routes.get(
                SignalsApi.PREFIX + "/docs",
                ctx -> ctx.contentType("text/html; charset=utf-8").result(page));
    }

    private static String resource(String name) {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream("/io/signalbox/api/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
