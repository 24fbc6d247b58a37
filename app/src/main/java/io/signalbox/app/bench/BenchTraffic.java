package io.signalbox.app.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

/**
 * The requests the benchmarks send to a node from their own process, outside the measured load: JSON posts with the
 * benchmark's API key, and tracker-protocol page views to prepare profiles.
 */
final class BenchTraffic {
    static final String KEY = "bench-key";
    static final String TP2 = "/com.snowplowanalytics.snowplow/tp2";
    static final String ONLINE = "/api/v1/get-online-attributes";

    private final HttpClient http = HttpClient.newBuilder().build();

    /** POSTs a JSON body with the benchmark's key. */
    HttpResponse<String> post(String url, String body) throws IOException, InterruptedException {
        return post(url, body.getBytes(UTF_8));
    }

    /** POSTs a JSON body with the benchmark's key. */
    HttpResponse<String> post(String url, byte[] body) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + KEY)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A payload_data body around comma-separated tracker events. */
    static String payload(String events) {
        return "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4\",\"data\":[" + events
                + "]}";
    }

    /** A browser page view of {@code pathAndQuery} on the demo site, by {@code visitor}, now, from a search. */
    static String pageView(String visitor, String pathAndQuery) {
        return "{\"e\":\"pv\",\"tv\":\"js-4.6.8\",\"p\":\"web\",\"aid\":\"website\",\"eid\":\"" + UUID.randomUUID()
                + "\",\"duid\":\"" + visitor + "\",\"sid\":\"" + UUID.nameUUIDFromBytes(visitor.getBytes(UTF_8))
                + "\",\"vid\":\"1\",\"dtm\":\"" + System.currentTimeMillis() + "\",\"url\":\"https://www.acme.example"
                + pathAndQuery + "\",\"refr\":\"https://www.google.com/\"}";
    }
}
