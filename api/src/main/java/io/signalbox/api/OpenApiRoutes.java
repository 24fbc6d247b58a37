package io.signalbox.api;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OpenAPI description of the API at {@code /api/v1/openapi.json} and a Swagger UI page that browses it at {@code
 * /api/v1/docs}, all open without a key. The page's scripts come from the Swagger UI webjar on the classpath, so it
 * works without any outside network.
 */
public final class OpenApiRoutes implements ApiRoutes {
    private static final String DOCS = SignalsApi.PREFIX + "/docs";
    private static final String SWAGGER_UI = "/META-INF/resources/webjars/swagger-ui/5.35.0/";
    private static final Map<String, String> ASSETS = Map.of(
            "swagger-ui-bundle.js", "text/javascript",
            "swagger-ui.css", "text/css",
            "favicon-32x32.png", "image/png");

    private final byte[] openApi = resource("/io/signalbox/api/openapi.json");
    private final byte[] page = resource("/io/signalbox/api/docs.html");
    private final Map<String, byte[]> assets = new ConcurrentHashMap<>();

    /** Whether a path is one of the open documentation paths. */
    public static boolean isOpen(String path) {
        return path.equals(SignalsApi.PREFIX + "/openapi.json") || path.equals(DOCS) || path.startsWith(DOCS + "/");
    }

    @Override
    public void addRoutes(JavalinDefaultRoutingApi routes) {
        routes.get(
                SignalsApi.PREFIX + "/openapi.json",
                ctx -> ctx.contentType("application/json").result(openApi));
        routes.get(DOCS, ctx -> ctx.contentType("text/html; charset=utf-8").result(page));
        routes.get(DOCS + "/{asset}", this::asset);
    }

    private void asset(Context ctx) {
        String name = ctx.pathParam("asset");
        String type = ASSETS.get(name);
        if (type == null) {
            throw ApiException.notFound("no such documentation asset");
        }
        byte[] bytes = assets.computeIfAbsent(name, n -> resource(SWAGGER_UI + n));
        ctx.header("Cache-Control", "public, max-age=86400").contentType(type).result(bytes);
    }

    private static byte[] resource(String path) {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
