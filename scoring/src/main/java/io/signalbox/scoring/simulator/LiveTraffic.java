package io.signalbox.scoring.simulator;

import io.signalbox.events.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Drives a simulation through a collector over HTTP with the tracker protocol, as the prospects' browsers would: each
 * event is posted when it is due, re-timed to the present and optionally sped up, with the browser's user agent, its
 * {@code sp} cookie and its address in {@code X-Forwarded-For}. Sends run concurrently, at most 64 at a time; a
 * failed send is counted and not retried.
 */
public final class LiveTraffic implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveTraffic.class);
    private static final String PATH = "/com.snowplowanalytics.snowplow/tp2";
    private static final int MAX_IN_FLIGHT = 64;

    private final URI collector;
    private final ProspectSimulator simulator;
    private final double speed;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final LongAdder sent = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Thread thread;

    private LiveTraffic(URI collector, ProspectSimulator simulator, double speed) {
        this.collector = collector;
        this.simulator = simulator;
        this.speed = speed;
        this.thread = Thread.ofPlatform().name("live-traffic").daemon().start(this::run);
    }

    /**
     * Starts sending.
     *
     * @param collector the collector's base URL, such as {@code http://127.0.0.1:8080}
     * @param speed how many times faster than simulated time to send (1 for real time)
     */
    public static LiveTraffic start(URI collector, ProspectSimulator simulator, double speed) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("speed must be positive, was " + speed);
        }
        return new LiveTraffic(collector, simulator, speed);
    }

    /** Events the collector acknowledged. */
    public long sent() {
        return sent.sum();
    }

    /** Events that could not be sent or were refused. */
    public long failed() {
        return failed.sum();
    }

    /** Whether every event has been sent (or the traffic was stopped). */
    public boolean finished() {
        return !thread.isAlive();
    }

    private void run() {
        Instant simulatedStart = simulator.settings().start();
        long realStartNanos = System.nanoTime();
        Instant realStart = Instant.now();
        Iterator<TrackerRequest> events = simulator.iterator();
        try {
            while (running.get() && events.hasNext()) {
                TrackerRequest event = events.next();
                long offsetNanos =
                        (long) (Duration.between(simulatedStart, event.at()).toNanos() / speed);
                long waitNanos = realStartNanos + offsetNanos - System.nanoTime();
                if (waitNanos > 0) {
                    Thread.sleep(Duration.ofNanos(waitNanos));
                }
                inFlight.acquire();
                send(event, realStart.plusNanos(offsetNanos));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Live traffic done sent=[{}] failed=[{}]", sent(), failed());
    }

    private void send(TrackerRequest event, Instant at) {
        ObjectNode item = event.payloadItem();
        item.put("dtm", Long.toString(at.toEpochMilli()));
        item.put("stm", Long.toString(System.currentTimeMillis()));
        ObjectNode body = Json.NODES
                .objectNode()
                .put("schema", "iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4");
        body.putArray("data").add(item);
        HttpRequest request = HttpRequest.newBuilder(collector.resolve(PATH))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json; charset=UTF-8")
                .header("User-Agent", event.userAgent())
                .header("X-Forwarded-For", event.ipAddress())
                .header("Cookie", "sp=" + event.networkUserId())
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            inFlight.release();
            if (error == null && response.statusCode() == 200) {
                sent.increment();
            } else {
                failed.increment();
            }
        });
    }

    /** Stops sending; events in flight complete. */
    @Override
    public void close() {
        running.set(false);
        thread.interrupt();
    }
}
