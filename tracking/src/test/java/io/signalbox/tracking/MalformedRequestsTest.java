package io.signalbox.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.events.Json;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Feeds every request of {@code src/test/resources/malformed} through the enricher. Each file holds a request
 * (method, path, query, content type, body or bodyJson, headers) and the bad-row type it must produce.
 */
class MalformedRequestsTest {
    private static final Enricher ENRICHER = Requests.enricher();

    static Stream<Path> corpus() throws IOException, URISyntaxException {
        Path directory =
                Path.of(MalformedRequestsTest.class.getResource("/malformed").toURI());
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @Test
    void shouldHoldAtLeastSixtyRequests() throws IOException, URISyntaxException {
        assertThat(corpus().count()).isGreaterThanOrEqualTo(60);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void shouldProduceTheExpectedValidBadRowWhenTheRequestIsMalformed(Path file) throws IOException {
        JsonNode spec = Json.parse(Files.readString(file));

        EnrichmentResult result = ENRICHER.enrich(payload(spec.get("request")));

        assertThat(result.good()).as(spec.get("description").asString()).isEmpty();
        assertThat(result.bad()).isNotEmpty();
        for (BadEvent bad : result.bad()) {
            assertThat(bad.row().type().schemaName())
                    .isEqualTo(spec.get("expected").asString());
            BadRowSchemas.assertValid(bad.row());
            if (spec.has("contains")) {
                assertThat(bad.row().toJsonString())
                        .contains(spec.get("contains").asString());
            }
        }
    }

    static CollectorPayload payload(JsonNode request) {
        String body = request.path("body").isString() ? request.get("body").asString() : null;
        if (request.has("bodyJson")) {
            body = Json.write(request.get("bodyJson"));
        }
        if (request.has("padBodyTo")) {
            body = body + " ".repeat(Math.max(0, request.get("padBodyTo").asInt() - body.length()));
        }
        String query = request.path("query").isString() ? request.get("query").asString() : null;
        if (request.has("padQueryTo")) {
            query = query + "x".repeat(Math.max(0, request.get("padQueryTo").asInt() - query.length()));
        }
        String contentType = request.path("contentType").isString()
                ? request.get("contentType").asString()
                : null;
        List<String> headers = new ArrayList<>();
        request.path("headers").forEach(header -> headers.add(header.asString()));
        CollectorPayload payload = Requests.request(
                request.get("method").asString(), request.get("path").asString(), query, contentType, body, headers);
        if (request.has("networkUserId")) {
            payload = new CollectorPayload(
                    payload.vendor(),
                    payload.version(),
                    payload.path(),
                    payload.querystring(),
                    payload.body(),
                    payload.contentType(),
                    payload.hostname(),
                    payload.ipAddress(),
                    payload.timestamp(),
                    payload.userAgent(),
                    payload.refererUri(),
                    request.get("networkUserId").asString(),
                    payload.headers(),
                    payload.collector());
        }
        return payload;
    }
}
