package io.signalbox.app;

import io.signalbox.events.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A small client of the node's API and collector for tests: JSON requests with or without the bearer key. */
final class ApiClient {
    private static final String TP2 = "/com.snowplowanalytics.snowplow/tp2";

    private final String baseUrl;
    private final String key;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiClient(String baseUrl, String key) {
        this.baseUrl = baseUrl;
        this.key = key;
    }

    String baseUrl() {
        return baseUrl;
    }

    /** A JSON answer: the status and the parsed body (null when the body is not JSON). */
    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
        String text() {
            return raw.body();
        }
    }

    Answer get(String path) {
        return send(request(path).GET());
    }

    Answer post(String path, String json) {
        return send(request(path).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer put(String path, String json) {
        return send(request(path).PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Answer delete(String path) {
        return send(request(path).DELETE());
    }

    Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body;
            try {
                body = Json.parse(response.body());
            } catch (RuntimeException notJson) {
                body = null;
            }
            return new Answer(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return request;
    }

    /** The value of one sample of this node's {@code /metrics}, by its exact name; fails when there is none. */
    double metric(String name) {
        String prefix = name + " ";
        return get("/metrics")
                .text()
                .lines()
                .filter(line -> line.startsWith(prefix))
                .mapToDouble(line -> Double.parseDouble(line.substring(prefix.length())))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("/metrics has no " + name));
    }

    /** Sends page views of {@code url} for a browser through the collector, one request, and checks the 200. */
    void pageViews(String domainUserId, String url, int count) {
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < count; i++) {
            data.append(i == 0 ? "" : ",")
                    .append("{\"e\":\"pv\",\"tv\":\"js-4.6.8\",\"p\":\"web\",\"aid\":\"site\",\"eid\":\"")
                    .append(UUID.randomUUID())
                    .append("\",\"duid\":\"")
                    .append(domainUserId)
                    .append("\",\"sid\":\"")
                    .append(UUID.nameUUIDFromBytes(domainUserId.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .append("\",\"vid\":\"1\",\"dtm\":\"")
                    .append(System.currentTimeMillis())
                    .append("\",\"url\":\"")
                    .append(url)
                    .append("\"}");
        }
        String payload = "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4\",\"data\":["
                + data + "]}";
        Answer answer = send(HttpRequest.newBuilder(URI.create(baseUrl + TP2))
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(payload)));
        if (answer.status() != 200) {
            throw new AssertionError("the collector answered " + answer.status() + ": " + answer.text());
        }
    }
}
