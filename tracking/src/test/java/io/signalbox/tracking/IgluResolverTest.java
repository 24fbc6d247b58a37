package io.signalbox.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.signalbox.events.Json;
import io.signalbox.events.SchemaKey;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

class IgluResolverTest {
    private static final SchemaKey WEB_PAGE = SchemaKey.of("com.snowplowanalytics.snowplow", "web_page", "1-0-0");
    private static final SchemaKey ACME = SchemaKey.of("com.acme", "checkout", "1-0-0");
    private static final String ACME_SCHEMA = "{\"$schema\":\"http://iglucentral.com/schemas/com.snowplowanalytics"
            + ".self-desc/schema/jsonschema/1-0-0#\",\"self\":{\"vendor\":\"com.acme\",\"name\":\"checkout\",\"format\":"
            + "\"jsonschema\",\"version\":\"1-0-0\"},\"type\":\"object\",\"properties\":{\"step\":{\"type\":\"integer\"}},"
            + "\"required\":[\"step\"],\"additionalProperties\":false}";

    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static IgluResolver resolver(EnricherConfig.Iglu settings) {
        return IgluResolver.create(settings, Requests.CLOCK);
    }

    @Test
    void shouldServeABuiltInSchemaByteForByte() throws IOException {
        String expected;
        try (InputStream in = getClass().getResourceAsStream("/iglu/schemas/" + WEB_PAGE.toPath())) {
            expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(resolver(EnricherConfig.Iglu.defaults()).rawSchema(WEB_PAGE)).contains(expected);
    }

    @Test
    void shouldReportEveryRepositoryTriedWhenASchemaIsMissing(@TempDir Path directory) {
        IgluResolver resolver = resolver(EnricherConfig.Iglu.defaults().withLocalRepositories(List.of(directory)));

        ObjectNode error = resolver.resolutionError(ACME).orElseThrow();

        assertThat(Json.write(error))
                .isEqualTo("{\"error\":\"ResolutionError\",\"lookupHistory\":[{\"repository\":\"Signalbox built-in\","
                        + "\"errors\":[{\"error\":\"NotFound\"}],\"attempts\":1,\"lastAttempt\":\"2024-03-01T09:15:05Z\"},"
                        + "{\"repository\":\"local " + directory
                        + "\",\"errors\":[{\"error\":\"NotFound\"}],\"attempts\":1,"
                        + "\"lastAttempt\":\"2024-03-01T09:15:05Z\"}]}");
        assertThat(resolver.rawSchema(ACME)).isEmpty();
    }

    @Test
    void shouldResolveFromALocalDirectoryInEitherLayout(@TempDir Path directory) throws IOException {
        Path withSchemasLevel = directory.resolve("repo-a/schemas/" + ACME.toPath());
        Files.createDirectories(withSchemasLevel.getParent());
        Files.writeString(withSchemasLevel, ACME_SCHEMA);
        SchemaKey other = SchemaKey.of("com.acme", "checkout", "1-0-1");
        Path flat = directory.resolve("repo-b/" + other.toPath());
        Files.createDirectories(flat.getParent());
        Files.writeString(flat, ACME_SCHEMA);

        IgluResolver resolver = resolver(EnricherConfig.Iglu.defaults()
                .withLocalRepositories(List.of(directory.resolve("repo-a"), directory.resolve("repo-b"))));

        assertThat(resolver.rawSchema(ACME)).contains(ACME_SCHEMA);
        assertThat(resolver.rawSchema(other)).contains(ACME_SCHEMA);
    }

    @Test
    void shouldDescribeInvalidDataWithDataReports() {
        IgluResolver resolver = resolver(EnricherConfig.Iglu.defaults());

        ObjectNode error = resolver.validate(WEB_PAGE, Json.parse("{\"id\":\"nope\",\"x\":1}"))
                .orElseThrow();

        assertThat(error.get("error").asString()).isEqualTo("ValidationError");
        assertThat(error.get("dataReports")).hasSize(2);
        assertThat(Json.write(error.get("dataReports").get(0)))
                .isEqualTo(
                        "{\"message\":\"$.id: does not match the regex pattern ^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-"
                                + "[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$\",\"path\":\"$.id\",\"keyword\":\"pattern\","
                                + "\"targets\":[\"^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$\"]}");
        assertThat(resolver.validate(WEB_PAGE, Json.parse("{\"id\":\"0edd614e-975d-4f3a-9cd9-af123ac35068\"}")))
                .isEmpty();
    }

    @Test
    void shouldReportTheTypesWhenAValueHasTheWrongType(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("schemas/" + ACME.toPath());
        Files.createDirectories(file.getParent());
        Files.writeString(file, ACME_SCHEMA);
        IgluResolver resolver = resolver(EnricherConfig.Iglu.defaults().withLocalRepositories(List.of(directory)));

        ObjectNode error =
                resolver.validate(ACME, Json.parse("{\"step\":\"2\"}")).orElseThrow();

        assertThat(Json.write(error.get("dataReports")))
                .isEqualTo("[{\"message\":\"$.step: string found, integer expected\",\"path\":\"$.step\","
                        + "\"keyword\":\"type\",\"targets\":[\"string\",\"integer\"]}]");
    }

    @Test
    void shouldReportSchemaIssuesWhenTheSchemaItselfIsBroken(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("schemas/" + ACME.toPath());
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"type\":\"object\",\"properties\":{\"step\":{\"pattern\":\"([a-\"}}}");
        IgluResolver resolver = resolver(EnricherConfig.Iglu.defaults().withLocalRepositories(List.of(directory)));

        ObjectNode error =
                resolver.validate(ACME, Json.parse("{\"step\":\"x\"}")).orElseThrow();

        assertThat(error.get("error").asString()).isEqualTo("ValidationError");
        assertThat(error.has("schemaIssues")).isTrue();
    }

    @Test
    void shouldRefuseKeysThatWouldLeaveTheRepository(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("secret"), "{}");
        IgluResolver resolver =
                resolver(EnricherConfig.Iglu.defaults().withLocalRepositories(List.of(directory.resolve("repo"))));

        assertThat(resolver.rawSchema(SchemaKey.parse("iglu:../x/jsonschema/1-0-0")))
                .isEmpty();
    }

    @Test
    void shouldFetchFromARemoteRepositoryAndCacheTheResult() throws IOException {
        URI base = startServer(ACME_SCHEMA, 200, Duration.ZERO);
        IgluResolver resolver = resolver(EnricherConfig.Iglu.defaults().withRemoteRepositories(List.of(base)));

        assertThat(resolver.rawSchema(ACME)).contains(ACME_SCHEMA);
        assertThat(resolver.validate(ACME, Json.parse("{\"step\":1}"))).isEmpty();
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void shouldRememberAMissingRemoteSchemaForAWhile() throws IOException {
        URI base = startServer("not here", 404, Duration.ZERO);
        IgluResolver resolver = resolver(EnricherConfig.Iglu.defaults().withRemoteRepositories(List.of(base)));

        ObjectNode error = resolver.resolutionError(ACME).orElseThrow();
        resolver.resolutionError(ACME);

        assertThat(error.get("lookupHistory")
                        .get(1)
                        .get("errors")
                        .get(0)
                        .get("error")
                        .asString())
                .isEqualTo("NotFound");
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void shouldReportARepoFailureWhenTheRemoteErrs() throws IOException {
        URI base = startServer("boom", 500, Duration.ZERO);
        IgluResolver resolver = resolver(EnricherConfig.Iglu.defaults().withRemoteRepositories(List.of(base)));

        ObjectNode failure = (ObjectNode) resolver.resolutionError(ACME)
                .orElseThrow()
                .get("lookupHistory")
                .get(1);

        assertThat(failure.get("repository").asString()).isEqualTo(base.toString());
        assertThat(failure.get("errors").get(0).get("error").asString()).isEqualTo("RepoFailure");
        assertThat(failure.get("errors").get(0).get("message").asString()).contains("HTTP status 500");
    }

    @Test
    void shouldGiveUpOnASlowRemoteAfterTheTimeout() throws IOException {
        URI base = startServer(ACME_SCHEMA, 200, Duration.ofSeconds(1));
        EnricherConfig.Iglu settings = new EnricherConfig.Iglu(
                List.of(), List.of(base), 10, Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofMillis(200));
        IgluResolver resolver = resolver(settings);

        long started = System.nanoTime();
        ObjectNode error = resolver.resolutionError(ACME).orElseThrow();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(900));
        assertThat(error.get("lookupHistory")
                        .get(1)
                        .get("errors")
                        .get(0)
                        .get("message")
                        .asString())
                .contains("timed out");
    }

    private URI startServer(String body, int status, Duration delay) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            boolean match = exchange.getRequestURI().getPath().equals("/iglu/schemas/" + ACME.toPath());
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(match ? status : 404, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/iglu/");
    }
}
