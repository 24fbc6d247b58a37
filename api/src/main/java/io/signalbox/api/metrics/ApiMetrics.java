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
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/**
 * The node's Prometheus metrics at {@code /metrics}: every HTTP request by method, route template and status with
 * its latency as a histogram, the time requests waited before their handler ran, and the gauges and counters the
 * parts of the node register (events processed, processing lag, bad rows, subscribers).
 *
 * <p>A request's latency runs from the moment Jetty began reading it, not from its handler's start, so that time spent
 * waiting for a thread counts, which a timer around the handler alone would hide from an operator comparing the node's
 * figures with its clients'.
 */
public final class ApiMetrics {
    private static final String START_NANOS = "signalbox.start-nanos";

    /** Histogram buckets, from a cached read to a slow durable write and a request that timed out. */
    private static final Duration[] LATENCY_BUCKETS = Stream.of(
                    1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 10_000)
            .map(Duration::ofMillis)
            .toArray(Duration[]::new);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    /** Micrometer holds a function counter's source weakly: these keep the suppliers alive as long as the metrics. */
    private final List<Supplier<Number>> counterSources = new CopyOnWriteArrayList<>();

    private final Timer waits =
            timer("signalbox_http_request_wait", "Time from Jetty beginning to read a request to its handler starting");

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

    /** A latency histogram with the same buckets as the requests', for a step inside them. */
    public Timer timer(String name, String description) {
        return Timer.builder(name)
                .description(description)
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
    }

    /** Adds the timing filters and the {@code /metrics} route. */
    public void addRoutes(JavalinDefaultRoutingApi routes) {
        routes.before(this::start);
        routes.after(this::record);
        routes.get(
                "/metrics",
                ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                        .result(registry.scrape()));
    }

    private void start(Context ctx) {
        long now = System.nanoTime();
        long began = beganNanos(ctx, now);
        waits.record(now - began, TimeUnit.NANOSECONDS);
        ctx.attribute(START_NANOS, began);
    }

    /** When Jetty began reading the request; {@code now} when the request is not Jetty's. */
    private static long beganNanos(Context ctx, long now) {
        ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
        if (request == null) {
            return now;
        }
        long began = request.getBeginNanoTime();
        return began == 0 || now - began < 0 ? now : began;
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
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry)
                .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
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
