package io.signalbox.app;

import io.signalbox.events.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** A Signalbox node started in the test's JVM on a free loopback port, with a small HTTP client. */
final class TestNode implements AutoCloseable {
    static final String API_KEY = "test-api-key";

    private final EmbeddedNode node;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestNode(EmbeddedNode node) {
        this.node = node;
    }

    static TestNode start(NodeSettings settings) {
        return new TestNode(EmbeddedNode.start(settings));
    }

    /** A node whose collector, engine and API read time from {@code clock}. */
    static TestNode start(NodeSettings settings, java.time.InstantSource clock) {
        return new TestNode(EmbeddedNode.start(settings, clock));
    }

    static TestNode start(Path dataDir) {
        return new TestNode(EmbeddedNode.start(NodeSettings.local(dataDir, API_KEY)
                .withDefinitionDirs(List.of(Clients.root().resolve("definitions")))));
    }

    int port() {
        return node.port();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + node.port();
    }

    /** Waits until the attribute processor has applied every event the collector has logged so far. */
    void awaitProcessed() throws InterruptedException {
        if (!node.processor().awaitCommitted(node.eventLogEnd(), Duration.ofSeconds(10))) {
            throw new AssertionError("the attribute processor did not catch up with the event log within 10 s");
        }
    }

    /** Waits until the warehouse loader has loaded every event the collector has logged so far. */
    void awaitLoaded() throws InterruptedException {
        if (!node.warehouseLoader().awaitLoaded(node.eventLogEnd(), Duration.ofSeconds(30))) {
            throw new AssertionError("the warehouse loader did not catch up with the event log within 30 s");
        }
    }

    io.signalbox.engine.registry.Registry registry() {
        return node.registry();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String contentType, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(baseUrl() + path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return Json.parse(response.body());
    }

    /** {@link #getJson} for use where checked exceptions are a nuisance. */
    JsonNode getJsonQuietly(String path) {
        try {
            return getJson(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        node.close();
    }
}
