package io.signalbox.api.metrics;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The node's Prometheus metrics at {@code /metrics}: every HTTP request by method, route template and status with
 * its latency, and the gauges and counters the parts of the node register (events processed, processing lag, bad
 * rows, subscribers).
 */
public final class ApiMetrics {
    private static final String START_NANOS = "signalbox.start-nanos";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Micrometer holds a function counter's source weakly: these keep the suppliers alive as long as the metrics. */
    private final List<Supplier<Number>> counterSources = new CopyOnWriteArrayList<>();

    /** The registry parts of the node add their meters to. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** A gauge read when scraped. */
    public <T> void gauge(String name, String description, T source, ToDoubleFunction<T> value) {
        Gauge.builder(name, source, value).description(description).register(registry);
    }

    /** A monotonically increasing count read when scraped, exposed as a Prometheus counter. */
    public void counter(String name, String description, Supplier<Number> value) {
        counterSources.add(value);
        io.micrometer.core.instrument.FunctionCounter.builder(
                        name, value, v -> v.get().doubleValue())
                .description(description)
                .register(registry);
    }

    /** Adds the timing filters and the {@code /metrics} route. */
    public void addRoutes(JavalinDefaultRoutingApi routes) {
        routes.before(ctx -> ctx.attribute(START_NANOS, System.nanoTime()));
        routes.after(this::record);
        routes.get(
                "/metrics",
                ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                        .result(registry.scrape()));
    }

    private void record(Context ctx) {
        Long start = ctx.attribute(START_NANOS);
        if (start == null) {
            return;
        }
        Timer.builder("http_server_requests")
                .description("HTTP requests by method, route and status")
                .tag("method", ctx.method().name())
                .tag("route", route(ctx))
                .tag("status", Integer.toString(ctx.statusCode()))
                .publishPercentileHistogram(false)
                .register(registry)
                .record(Duration.ofNanos(System.nanoTime() - start));
    }

    /** The route template, never the raw path, so identifiers in paths do not become label values. */
    private static String route(Context ctx) {
        try {
            Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
            return endpoint == null ? "unmatched" : endpoint.path;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }
}
