package io.signalbox.tracking.collector;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.signalbox.tracking.CollectorPayload;
import io.signalbox.tracking.EnrichmentResult;
import io.signalbox.tracking.EventSink;
import io.signalbox.tracking.SinkOverloadedException;
import io.signalbox.tracking.http.RequestBodies;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector's HTTP endpoints: the tracker protocol over POST and GET, the pixel, webhooks, CORS preflight and
 * {@code robots.txt}.
 *
 * <p>Each tracking request is captured as a {@link CollectorPayload}, enriched inline, and handed to the {@link
 * EventSink}; the client gets its answer only once the sink has made the outcome durable, so an acknowledged event is
 * never lost. Malformed input is not an HTTP error: it becomes bad rows and the client still gets the answer a
 * Snowplow collector gives. The only refusals are 413 for bodies over the drop limit and 503 with {@code Retry-After}
 * when the node is overloaded: the sink cannot keep up or its disk is full, or the tracking requests held at once
 * would exceed {@link CollectorConfig#maxInFlightBytes()}. A request refused up front is not stored, so a client that
 * retries it does not create a duplicate (one that timed out waiting for the sink may still be), and memory stays
 * bounded whatever the input rate.
 */
public final class CollectorRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(CollectorRoutes.class);
    private static final byte[] PIXEL =
            Base64.getDecoder().decode("R0lGODlhAQABAPAAAP///wAAACH5BAUAAAAALAAAAAABAAEAAAICRAEAOw==");
    /** Separates the origins of an Origin header that lists several; compiled once, not per request. */
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private static final String NIL_UUID = "00000000-0000-0000-0000-000000000000";
    private static final String ROBOTS = "User-agent: *\nDisallow: /\n";
    private static final List<String> HEADERS_HIDDEN_WHEN_ANONYMOUS = List.of("x-forwarded-for", "x-real-ip", "cookie");
    /** What a request holds besides its body and query string (headers, the captured payload), for the bound. */
    private static final long REQUEST_OVERHEAD_BYTES = 2048;

    private static final long OVERLOAD_WARNING_INTERVAL_NANOS = 60_000_000_000L;

    private final CollectorConfig config;
    private final Function<CollectorPayload, EnrichmentResult> enrichment;
    private final EventSink sink;
    private final Consumer<EnrichmentResult> onAccepted;
    private final InstantSource clock;
    private final NetworkUserCookie cookie;
    private final AtomicLong inFlightBytes = new AtomicLong();
    private final AtomicLong refusedInFlight = new AtomicLong();
    private final AtomicLong refusedBySink = new AtomicLong();
    private final AtomicLong listenerFailures = new AtomicLong();
    private final AtomicLong lastOverloadWarningNanos =
            new AtomicLong(System.nanoTime() - OVERLOAD_WARNING_INTERVAL_NANOS);

    /**
     * @param enrichment turns a captured request into events and bad rows; must not throw
     * @param sink stores what enrichment produced
     * @param onAccepted told about every outcome once it is durable (inspection, metrics)
     * @param clock the source of {@code collector_tstamp}
     */
    public CollectorRoutes(
            CollectorConfig config,
            Function<CollectorPayload, EnrichmentResult> enrichment,
            EventSink sink,
            Consumer<EnrichmentResult> onAccepted,
            InstantSource clock) {
        this.config = config;
        this.enrichment = enrichment;
        this.sink = sink;
        this.onAccepted = onAccepted;
        this.clock = clock;
        this.cookie = new NetworkUserCookie(config.cookie());
    }

    /** Adds the tracker-protocol, pixel, redirect, alias and robots routes. */
    public void addRoutes(RoutesConfig routes) {
        addTrackingPath(routes, CollectorConfig.TP2_PATH, CollectorConfig.TP2_PATH);
        addTrackingPath(routes, CollectorConfig.REDIRECT_PATH, CollectorConfig.REDIRECT_PATH);
        addTrackingPath(routes, CollectorConfig.IGLU_PATH, CollectorConfig.IGLU_PATH);
        config.pathAliases().forEach((alias, target) -> addTrackingPath(routes, alias, target));
        for (String pixelPath : List.of("/i", "/ice.png")) {
            routes.get(pixelPath, ctx -> track(ctx, pixelPath, false));
            routes.head(pixelPath, ctx -> track(ctx, pixelPath, false));
            routes.options(pixelPath, this::preflight);
        }
        routes.get("/robots.txt", ctx -> ctx.contentType("text/plain").result(ROBOTS));
    }

    /**
     * Adds the catch-all for other two-segment vendor paths ({@code /<vendor>/<version>}, the vendor containing a
     * dot), which are stored for the enricher to judge. Add it after every other two-segment route: it matches what
     * they would.
     */
    public void addWebhookRoutes(RoutesConfig routes) {
        routes.post("/{vendor}/{version}", this::maybeWebhook);
        routes.get("/{vendor}/{version}", this::maybeWebhook);
        routes.head("/{vendor}/{version}", this::maybeWebhook);
        routes.options("/{vendor}/{version}", ctx -> {
            if (ctx.pathParam("vendor").contains(".")) {
                preflight(ctx);
            } else {
                ctx.status(404);
            }
        });
    }

    private void addTrackingPath(RoutesConfig routes, String path, String canonicalPath) {
        routes.post(path, ctx -> track(ctx, canonicalPath, true));
        routes.get(path, ctx -> track(ctx, canonicalPath, false));
        routes.head(path, ctx -> track(ctx, canonicalPath, false));
        routes.options(path, this::preflight);
    }

    private void maybeWebhook(Context ctx) throws IOException {
        if (!ctx.pathParam("vendor").contains(".")) {
            ctx.status(404).result("Not found");
            return;
        }
        track(ctx, "/" + ctx.pathParam("vendor") + "/" + ctx.pathParam("version"), ctx.method() == HandlerType.POST);
    }

    private void preflight(Context ctx) {
        addCors(ctx);
        ctx.header("Access-Control-Allow-Headers", "Content-Type, SP-Anonymous");
        ctx.header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        ctx.header("Access-Control-Max-Age", Long.toString(config.corsMaxAge().toSeconds()));
        ctx.status(200);
    }

    private void track(Context ctx, String canonicalPath, boolean post) throws IOException {
        long reserved = reservation(ctx, post);
        if (!tryHold(reserved)) {
            addCors(ctx);
            refusedInFlight.incrementAndGet();
            warnOverloaded("the requests in flight are at the bound of " + config.maxInFlightBytes() + " bytes");
            if (post) {
                RequestBodies.discard(ctx);
            }
            unavailable(ctx, 1);
            return;
        }
        try {
            trackHeld(ctx, canonicalPath, post);
        } finally {
            inFlightBytes.addAndGet(-reserved);
        }
    }

    /**
     * The bytes a request counts against the bound: its declared body (the drop limit when the length is not
     * declared), its query string and a fixed overhead.
     */
    private long reservation(Context ctx, boolean post) {
        long body = 0;
        if (post) {
            long declared = ctx.req().getContentLengthLong();
            body = declared < 0 ? config.dropPayloadBytes() : Math.min(declared, config.dropPayloadBytes());
        }
        String query = ctx.queryString();
        return body + (query == null ? 0 : query.length()) + REQUEST_OVERHEAD_BYTES;
    }

    /** Takes the bytes unless they would go past the bound; one request alone is always let in. */
    private boolean tryHold(long bytes) {
        long held = inFlightBytes.addAndGet(bytes);
        if (held > config.maxInFlightBytes() && held != bytes) {
            inFlightBytes.addAndGet(-bytes);
            return false;
        }
        return true;
    }

    /** At most one WARN a minute while refusing, with the counts so far. */
    private void warnOverloaded(String reason) {
        long now = System.nanoTime();
        long last = lastOverloadWarningNanos.get();
        if (now - last >= OVERLOAD_WARNING_INTERVAL_NANOS && lastOverloadWarningNanos.compareAndSet(last, now)) {
            LOG.warn(
                    "Collector answering 503 with Retry-After: {}; refused so far in_flight=[{}] sink=[{}]",
                    reason,
                    refusedInFlight.get(),
                    refusedBySink.get());
        }
    }

    /** Requests answered 503 because the requests in flight were at the bound. */
    public long refusedInFlightCount() {
        return refusedInFlight.get();
    }

    /** Requests answered 503 because the sink refused them or did not acknowledge in time. */
    public long refusedBySinkCount() {
        return refusedBySink.get();
    }

    private void trackHeld(Context ctx, String canonicalPath, boolean post) throws IOException {
        addCors(ctx);
        String body = null;
        if (post) {
            body = readBody(ctx);
            if (body == null) {
                ctx.status(413).contentType("text/plain").result("Payload Too Large");
                return;
            }
        }
        boolean anonymous = ctx.header("SP-Anonymous") != null;
        String networkUserId = networkUserId(ctx, anonymous);
        Instant now = clock.instant();
        CollectorPayload payload = capture(ctx, canonicalPath, body, networkUserId, anonymous, now);

        EnrichmentResult result = enrichment.apply(payload);
        if (!awaitDurable(ctx, result)) {
            return;
        }
        tellListener(result);

        setCookie(ctx, networkUserId, anonymous, now);
        if (post) {
            ctx.status(200).contentType("text/plain").result("ok");
        } else {
            ctx.header("Cache-Control", "no-cache, no-store, must-revalidate");
            ctx.status(200).contentType("image/gif").result(PIXEL);
        }
    }

    /**
     * Tells the listener about a durable outcome. The events are in the sink already, so a failing listener must not
     * turn the answer into an error: the client would send them again and they would be stored twice.
     */
    private void tellListener(EnrichmentResult result) {
        try {
            onAccepted.accept(result);
        } catch (RuntimeException e) {
            listenerFailures.incrementAndGet();
            LOG.warn(
                    "A listener of the collector failed on a stored request (the client still gets its 200): {}",
                    e.toString());
            LOG.debug("Listener failure", e);
        }
    }

    /** Stored requests whose listener (inspection, metrics, dashboard) failed; their clients got 200 anyway. */
    public long listenerFailureCount() {
        return listenerFailures.get();
    }

    private boolean awaitDurable(Context ctx, EnrichmentResult result) {
        try {
            sink.append(result)
                    .toCompletableFuture()
                    .get(config.acknowledgeTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            long retryAfter = cause instanceof SinkOverloadedException overloaded
                    ? Math.max(1, overloaded.retryAfter().toSeconds())
                    : 1;
            refusedBySink.incrementAndGet();
            if (cause instanceof SinkOverloadedException) {
                warnOverloaded(cause.getMessage());
            } else {
                LOG.warn("Sink failed to store a request: {}", cause.toString());
            }
            unavailable(ctx, retryAfter);
        } catch (TimeoutException e) {
            refusedBySink.incrementAndGet();
            LOG.warn("Sink did not acknowledge within {}", config.acknowledgeTimeout());
            unavailable(ctx, 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            unavailable(ctx, 1);
        }
        return false;
    }

    private static void unavailable(Context ctx, long retryAfterSeconds) {
        ctx.header("Retry-After", Long.toString(retryAfterSeconds));
        ctx.status(503).contentType("text/plain").result("Service Unavailable");
    }

    /** Reads the body up to the drop limit; {@code null} when it is larger. */
    private String readBody(Context ctx) throws IOException {
        byte[] bytes = RequestBodies.readUpTo(ctx, config.dropPayloadBytes());
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private String networkUserId(Context ctx, boolean anonymous) {
        if (anonymous) {
            return NIL_UUID;
        }
        String fromQuery = ctx.queryParam("nuid");
        if (fromQuery != null && !fromQuery.isBlank()) {
            return fromQuery;
        }
        String fromCookie = ctx.cookie(config.cookie().name());
        if (fromCookie != null && !fromCookie.isBlank()) {
            return fromCookie;
        }
        return UUID.randomUUID().toString();
    }

    private CollectorPayload capture(
            Context ctx, String canonicalPath, String body, String networkUserId, boolean anonymous, Instant now) {
        String[] segments = canonicalPath.substring(1).split("/", 2);
        boolean pixel = segments.length < 2;
        String contentType = ctx.req().getContentType();
        return new CollectorPayload(
                pixel ? "com.snowplowanalytics.snowplow" : segments[0],
                pixel ? "tp1" : segments[1],
                canonicalPath,
                ctx.queryString(),
                body,
                contentType == null ? null : contentType.toLowerCase(Locale.ROOT),
                hostname(ctx),
                anonymous ? "unknown" : ctx.req().getRemoteAddr(),
                now,
                ctx.header("User-Agent"),
                ctx.header("Referer"),
                networkUserId,
                headers(ctx, anonymous),
                config.name());
    }

    private static String hostname(Context ctx) {
        String host = ctx.header("Host");
        if (host == null) {
            return ctx.req().getServerName();
        }
        int colon = host.lastIndexOf(':');
        return colon > 0 && !host.endsWith("]") ? host.substring(0, colon) : host;
    }

    private static List<String> headers(Context ctx, boolean anonymous) {
        List<String> headers = new ArrayList<>();
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            if (anonymous && HEADERS_HIDDEN_WHEN_ANONYMOUS.contains(name.toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (String value : Collections.list(ctx.req().getHeaders(name))) {
                headers.add(name + ": " + value);
            }
        }
        return headers;
    }

    private void setCookie(Context ctx, String networkUserId, boolean anonymous, Instant now) {
        String origin = ctx.header("Origin");
        if (anonymous) {
            if (ctx.cookie(config.cookie().name()) != null) {
                ctx.res().addHeader("Set-Cookie", cookie.expire(origin));
            }
            return;
        }
        String value = cookie.set(networkUserId, origin, now);
        if (value != null) {
            ctx.res().addHeader("Set-Cookie", value);
        }
    }

    private static void addCors(Context ctx) {
        String origin = ctx.header("Origin");
        String allowed = "*";
        if (origin != null && !origin.isBlank() && !"null".equals(origin.trim())) {
            allowed = WHITESPACE.split(origin.trim(), 2)[0];
        }
        ctx.header("Access-Control-Allow-Origin", allowed);
        ctx.header("Access-Control-Allow-Credentials", "true");
    }
}
