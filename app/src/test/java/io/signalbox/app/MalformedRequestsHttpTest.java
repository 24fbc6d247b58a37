package io.signalbox.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.events.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The corpus of malformed requests of the tracking module, sent over HTTP to a running node: each gets the answer
 * a Snowplow collector gives (never a 5xx), becomes the expected bad row, and the node keeps serving.
 */
class MalformedRequestsHttpTest {
    @TempDir
    static Path dataDir;

    static TestNode node;

    /**
     * Requests the HTTP layer refuses before they reach the collector, as the reference collector's HTTP layer does:
     * a request line with a raw space or a control character is not HTTP, and one over the request-line limit is
     * too long.
     */
    static final Map<String, Integer> HTTP_LAYER_REFUSALS = Map.of(
            "39-query-raw-space.json", 400,
            "44-query-control-character.json", 400,
            "47-oversized-query.json", 414);

    @BeforeAll
    static void start() {
        node = TestNode.start(dataDir);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static Stream<Path> corpus() throws IOException {
        Path directory = Clients.root().resolve("tracking/src/test/resources/malformed");
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @Test
    void shouldHoldAtLeastFiftyRequests() throws IOException {
        assertThat(corpus().count()).isGreaterThanOrEqualTo(50);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void shouldTurnAMalformedRequestIntoTheExpectedBadRowWithoutA5xx(Path file) throws Exception {
        JsonNode spec = Json.parse(Files.readString(file));
        JsonNode request = spec.get("request");
        node.post("/micro/reset", null, "");

        RawHttp.Response response = send(request);

        assertThat(response.status()).as(spec.get("description").asString()).isLessThan(500);
        if (response.status() == 200) {
            JsonNode bad = node.getJson("/micro/bad");
            assertThat(bad.size()).as("bad rows for " + file.getFileName()).isPositive();
            for (JsonNode event : bad) {
                JsonNode row = Json.parse(event.get("errors").get(1).asString());
                assertThat(row.get("schema").asString())
                        .contains("/" + spec.get("expected").asString() + "/");
            }
            assertThat(node.getJson("/micro/all").get("good").asInt()).isZero();
        } else {
            assertThat(HTTP_LAYER_REFUSALS)
                    .as("only requests that are not valid HTTP/1.1 are refused before the collector")
                    .containsEntry(file.getFileName().toString(), response.status());
        }
        assertThat(node.get("/health").statusCode()).isEqualTo(200);
    }

    private static RawHttp.Response send(JsonNode request) throws IOException {
        String method = request.get("method").asString();
        String target = request.get("path").asString();
        String query = request.path("query").isString() ? request.get("query").asString() : null;
        if (request.has("padQueryTo")) {
            query = query + "x".repeat(Math.max(0, request.get("padQueryTo").asInt() - query.length()));
        }
        if (query != null) {
            target = target + "?" + query;
        }
        String body = request.path("body").isString() ? request.get("body").asString() : null;
        if (request.has("bodyJson")) {
            body = Json.write(request.get("bodyJson"));
        }
        if (request.has("padBodyTo")) {
            body = body + " ".repeat(Math.max(0, request.get("padBodyTo").asInt() - body.length()));
        }
        String contentType = request.path("contentType").isString()
                ? request.get("contentType").asString()
                : null;
        List<String> headers = new ArrayList<>();
        request.path("headers").forEach(header -> headers.add(header.asString()));
        if (request.has("networkUserId")) {
            headers.add("Cookie: sp=" + request.get("networkUserId").asString());
        }
        byte[] bytes = "POST".equals(method) ? (body == null ? new byte[0] : body.getBytes(UTF_8)) : null;
        return RawHttp.send(node.port(), method, target, contentType, bytes, headers);
    }
}
