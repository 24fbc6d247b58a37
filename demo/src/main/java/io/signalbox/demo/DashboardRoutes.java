package io.signalbox.demo;

import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * The live dashboard for the marketing team at {@code /dashboard}: a page that asks {@code /dashboard/data} every two
 * seconds for the prospects active in the last minutes, their key attributes and score history, the model version,
 * events per second and bad rows, and redraws itself without reloading.
 */
public final class DashboardRoutes {
    private final byte[] page;
    private final Supplier<String> data;

    /** @param data the current snapshot as JSON */
    public DashboardRoutes(Supplier<String> data) {
        this.data = data;
        try (InputStream in = DashboardRoutes.class.getResourceAsStream("/io/signalbox/demo/dashboard.html")) {
            if (in == null) {
                throw new IllegalStateException("missing resource dashboard.html");
            }
            this.page = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void addRoutes(JavalinDefaultRoutingApi routes) {
        routes.get(
                "/dashboard",
                ctx -> ctx.header("Cache-Control", "no-cache")
                        .contentType("text/html; charset=utf-8")
                        .result(page));
        routes.get(
                "/dashboard/data",
                ctx -> ctx.header("Cache-Control", "no-store")
                        .contentType("application/json")
                        .result(data.get()));
    }
}
