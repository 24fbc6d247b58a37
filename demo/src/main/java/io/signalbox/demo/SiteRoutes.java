package io.signalbox.demo;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo marketing site: a small B2B product site whose pages are tracked with the official Snowplow browser
 * tracker, poll {@code /predict} for their visitor and show personalised engagements. Pages are rendered once at start
 * from a layout and per-page fragments on the classpath; the script is the bundle the build makes from {@code
 * demo/src/main/js/site.js}.
 *
 * <p>The form of {@code /demo} posts to {@code /demo/thanks}, which answers the thank-you page and keeps nothing:
 * what the site learns comes from the tracked events only.
 */
public final class SiteRoutes {
    private static final String BASE = "/io/signalbox/demo/site/";
    private static final Pattern HEADER =
            Pattern.compile("<!-- path: (\\S+) \\| title: (.+?) \\| section: (\\S+) -->\\R");
    private static final List<String> PAGES = List.of(
            "home",
            "product",
            "tour",
            "solutions-marketing",
            "solutions-sales",
            "solutions-data-teams",
            "customers",
            "case-globex",
            "case-initech",
            "case-umbrella",
            "pricing",
            "blog",
            "blog-real-time-personalisation",
            "blog-first-party-data",
            "blog-attribution-models",
            "blog-churn-signals",
            "docs",
            "docs-getting-started",
            "docs-api",
            "demo",
            "thanks");

    private final Map<String, byte[]> pages = new LinkedHashMap<>();
    private final byte[] css = resource("site.css");
    private final byte[] script;

    /**
     * @param pollSeconds how often pages ask {@code /predict} for their visitor's score
     */
    public SiteRoutes(int pollSeconds) {
        if (pollSeconds <= 0) {
            throw new IllegalArgumentException("pollSeconds must be positive, was " + pollSeconds);
        }
        this.script = resource("site.js");
        String layout = new String(resource("layout.html"), UTF_8);
        String config = "{\"pollSeconds\":" + pollSeconds + "}";
        for (String name : PAGES) {
            String fragment = new String(resource("pages/" + name + ".html"), UTF_8);
            Matcher header = HEADER.matcher(fragment);
            if (!header.lookingAt()) {
                throw new IllegalStateException("page " + name + " lacks its path/title/section header");
            }
            String html = layout.replace("{{title}}", header.group(2))
                    .replace("{{section}}", header.group(3))
                    .replace("{{config}}", config)
                    .replace("{{content}}", fragment.substring(header.end()));
            pages.put(header.group(1), html.getBytes(UTF_8));
        }
    }

    /** The site's paths, for tests and the dashboard. */
    public List<String> paths() {
        return List.copyOf(pages.keySet());
    }

    /** Adds the pages and assets; add before any catch-all route. */
    public void addRoutes(JavalinDefaultRoutingApi routes) {
        pages.forEach((path, html) -> {
            if (!path.equals("/demo/thanks")) {
                routes.get(path, ctx -> html(ctx, html));
            }
        });
        byte[] thanks = pages.get("/demo/thanks");
        routes.post("/demo/thanks", ctx -> html(ctx, thanks));
        routes.get("/demo/thanks", ctx -> html(ctx, thanks));
        routes.get("/assets/site.css", ctx -> asset(ctx, "text/css; charset=utf-8", css));
        routes.get("/assets/site.js", ctx -> asset(ctx, "text/javascript; charset=utf-8", script));
    }

    private static void html(Context ctx, byte[] html) {
        ctx.header("Cache-Control", "no-cache")
                .contentType("text/html; charset=utf-8")
                .result(html);
    }

    private static void asset(Context ctx, String type, byte[] bytes) {
        ctx.header("Cache-Control", "public, max-age=300").contentType(type).result(bytes);
    }

    private static byte[] resource(String name) {
        try (InputStream in = SiteRoutes.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("missing site resource " + name
                        + (name.endsWith(".js")
                                ? " (the build bundles it with esbuild: run 'npm ci' in clients/)"
                                : ""));
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
