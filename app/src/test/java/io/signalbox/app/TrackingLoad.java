package io.signalbox.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Clients that POST batches of page views with fresh event ids as fast as the collector answers, the way a crowd of
 * trackers would: a batch answered 503 is sent again after a short pause, with the same ids, until it gets 200 or the
 * load stops. It records every status, whether each 503 carried {@code Retry-After}, and the ids acknowledged.
 */
final class TrackingLoad {
    static final int EVENTS_PER_BATCH = 10;
    private static final String PATH = "/com.snowplowanalytics.snowplow/tp2";

    private final String baseUrl;
    private final Duration retryPause;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicLong withoutRetryAfter = new AtomicLong();
    private final AtomicLong transportErrors = new AtomicLong();
    private final Set<String> transportErrorKinds = ConcurrentHashMap.newKeySet();

    private TrackingLoad(String baseUrl, Duration retryPause) {
        this.baseUrl = baseUrl;
        this.retryPause = retryPause;
    }

    /** Starts {@code clientCount} clients against the collector at {@code baseUrl}. */
    static TrackingLoad start(String baseUrl, int clientCount, Duration retryPause) {
        TrackingLoad load = new TrackingLoad(baseUrl, retryPause);
        for (int i = 0; i < clientCount; i++) {
            load.clients.submit(load::sendUntilStopped);
        }
        return load;
    }

    private Void sendUntilStopped() {
        List<String> ids = newIds();
        while (running.get()) {
            try {
                int status = send(http, baseUrl, ids, this);
                if (status == 200) {
                    ids = newIds();
                } else {
                    Thread.sleep(retryPause);
                }
            } catch (IOException e) {
                transportErrors.incrementAndGet();
                transportErrorKinds.add(e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    /**
     * Sends one batch of the given ids and records the answer in {@code load} (when not null); the ids count as
     * acknowledged when the answer is 200.
     */
    static int send(HttpClient http, String baseUrl, List<String> ids, TrackingLoad load)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + PATH))
                        .header("Content-Type", "application/json; charset=UTF-8")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body(ids)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (load != null) {
            load.statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
            if (status == 503 && !hasRetryAfter(response)) {
                load.withoutRetryAfter.incrementAndGet();
            }
            if (status == 200) {
                load.acknowledged.addAll(ids);
            }
        }
        return status;
    }

    private static boolean hasRetryAfter(HttpResponse<String> response) {
        return response.headers()
                .firstValue("Retry-After")
                .filter(value -> value.matches("[1-9][0-9]*"))
                .isPresent();
    }

    static List<String> newIds() {
        List<String> ids = new ArrayList<>(EVENTS_PER_BATCH);
        for (int i = 0; i < EVENTS_PER_BATCH; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        return ids;
    }

    private static String body(List<String> ids) {
        StringBuilder data = new StringBuilder();
        for (String id : ids) {
            data.append(data.isEmpty() ? "" : ",")
                    .append("{\"e\":\"pv\",\"p\":\"web\",\"tv\":\"js-4.6.8\",\"aid\":\"overload\",\"eid\":\"")
                    .append(id)
                    .append("\",\"url\":\"https://www.acme.example/pricing\",\"duid\":\"")
                    .append(id)
                    .append("\",\"dtm\":\"1764000000000\",\"stm\":\"1764000000100\"}");
        }
        return "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4\",\"data\":[" + data
                + "]}";
    }

    /** The answers so far by status code. */
    Map<Integer, Long> statuses() {
        Map<Integer, Long> copy = new TreeMap<>();
        statuses.forEach((status, count) -> copy.put(status, count.get()));
        return copy;
    }

    long count(int status) {
        AtomicLong count = statuses.get(status);
        return count == null ? 0 : count.get();
    }

    Set<String> acknowledged() {
        return acknowledged;
    }

    long withoutRetryAfter() {
        return withoutRetryAfter.get();
    }

    long transportErrors() {
        return transportErrors.get();
    }

    /** The distinct exceptions of requests that got no answer. */
    Set<String> transportErrorKinds() {
        return transportErrorKinds;
    }

    /** Stops the clients after their request in flight. */
    void stop() throws InterruptedException {
        running.set(false);
        clients.shutdown();
        if (!clients.awaitTermination(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the load's clients did not stop within 60 s");
        }
    }
}
