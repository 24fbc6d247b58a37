package io.signalbox.app;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The collector's HTTP behaviour with a configuration file: path aliases, the network-user cookie and its settings,
 * {@code nuid} and {@code SP-Anonymous}, CORS, the pixel, the size limits and {@code robots.txt}.
 */
class CollectorHttpTest {
    private static final String PAYLOAD = "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/"
            + "1-0-4\",\"data\":[{\"e\":\"pv\",\"p\":\"web\",\"tv\":\"js-4.6.8\",\"url\":\"https://acme.io/\"}]}";
    private static final String JSON = "application/json; charset=UTF-8";

    @TempDir
    static Path dir;

    static TestNode node;

    @BeforeAll
    static void start() throws Exception {
        Path config = dir.resolve("signalbox.yaml");
        Files.writeString(config, """
                collector:
                  cookie: {name: acme_nuid, domains: [acme.io], expiration: P30D, same_site: Lax, secure: false}
                  path_aliases: {/com.acme/track: /com.snowplowanalytics.snowplow/tp2}
                inspection: {capacity: 3}
                """);
        node = TestNode.start(NodeSettings.local(dir.resolve("data"), TestNode.API_KEY)
                .withConfig(ConfigFile.read(config, NodeSettings.collectorName())));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static RawHttp.Response post(String path, String body, List<String> headers) throws Exception {
        return RawHttp.send(node.port(), "POST", path, JSON, body.getBytes(UTF_8), headers);
    }

    private static JsonNode lastGoodEvent() throws Exception {
        JsonNode good = node.getJson("/micro/good");
        return good.get(good.size() - 1).get("event");
    }

    @Test
    void shouldAcceptEventsOnAConfiguredPathAlias() throws Exception {
        node.post("/micro/reset", null, "");
        RawHttp.Response response = post("/com.acme/track", PAYLOAD, List.of());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
        assertThat(node.getJson("/micro/all").get("good").asInt()).isEqualTo(1);
    }

    @Test
    void shouldSetTheConfiguredCookieAndEchoTheOriginForCredentialedRequests() throws Exception {
        RawHttp.Response response =
                post("/com.snowplowanalytics.snowplow/tp2", PAYLOAD, List.of("Origin: https://www.acme.io"));

        String head = response.head();
        assertThat(head)
                .containsPattern("(?i)Set-Cookie: acme_nuid=[0-9a-f-]{36}; Expires=[^;]+; Path=/; Domain=acme.io;"
                        + " SameSite=Lax; HttpOnly");
        assertThat(head).doesNotContain("Secure");
        assertThat(head).containsIgnoringCase("Access-Control-Allow-Origin: https://www.acme.io");
        assertThat(head).containsIgnoringCase("Access-Control-Allow-Credentials: true");
    }

    @Test
    void shouldTakeTheNetworkUserIdFromNuidThenTheCookie() throws Exception {
        post(
                "/com.snowplowanalytics.snowplow/tp2",
                PAYLOAD,
                List.of("Cookie: acme_nuid=11111111-1111-4111-8111-111111111111"));
        assertThat(lastGoodEvent().get("network_userid").asString()).isEqualTo("11111111-1111-4111-8111-111111111111");

        RawHttp.Response response = post(
                "/com.snowplowanalytics.snowplow/tp2?nuid=22222222-2222-4222-8222-222222222222",
                PAYLOAD,
                List.of("Cookie: acme_nuid=11111111-1111-4111-8111-111111111111"));
        assertThat(lastGoodEvent().get("network_userid").asString()).isEqualTo("22222222-2222-4222-8222-222222222222");
        assertThat(response.head()).contains("acme_nuid=22222222-2222-4222-8222-222222222222");
    }

    @Test
    void shouldAnonymiseWhenTheSpAnonymousHeaderIsPresent() throws Exception {
        RawHttp.Response response = post(
                "/com.snowplowanalytics.snowplow/tp2",
                PAYLOAD,
                List.of(
                        "SP-Anonymous: *",
                        "Cookie: acme_nuid=11111111-1111-4111-8111-111111111111",
                        "X-Forwarded-For: 203.0.113.9"));

        JsonNode event = lastGoodEvent();
        assertThat(event.get("network_userid").asString()).isEqualTo("00000000-0000-0000-0000-000000000000");
        assertThat(event.get("user_ipaddress").asString()).isEqualTo("unknown");
        assertThat(response.head()).contains("acme_nuid=; Expires=Thu, 01 Jan 1970");
    }

    @Test
    void shouldAnswerPreflightAndThePixelAsTheSnowplowCollectorDoes() throws Exception {
        RawHttp.Response preflight = RawHttp.send(
                node.port(),
                "OPTIONS",
                "/com.snowplowanalytics.snowplow/tp2",
                null,
                null,
                List.of("Origin: https://www.acme.io", "Access-Control-Request-Method: POST"));
        assertThat(preflight.status()).isEqualTo(200);
        assertThat(preflight.head()).containsIgnoringCase("Access-Control-Allow-Headers: Content-Type, SP-Anonymous");
        assertThat(preflight.head()).containsIgnoringCase("Access-Control-Max-Age: 3600");

        RawHttp.Response pixel = RawHttp.send(node.port(), "GET", "/i?e=pv&p=web&tv=js-4.6.8", null, null, List.of());
        assertThat(pixel.status()).isEqualTo(200);
        assertThat(pixel.head()).containsIgnoringCase("Content-Type: image/gif");
        assertThat(pixel.head()).containsIgnoringCase("Cache-Control: no-cache, no-store, must-revalidate");
        assertThat(pixel.head()).containsIgnoringCase("Content-Length: 43");

        RawHttp.Response robots = RawHttp.send(node.port(), "GET", "/robots.txt", null, null, List.of());
        assertThat(robots.body()).isEqualTo("User-agent: *\nDisallow: /\n");
    }

    @Test
    void shouldKeepTheConfiguredNumberOfEventsForInspectionAndCountThemAll() throws Exception {
        node.post("/micro/reset", null, "");
        String event = "{\"e\":\"pv\",\"p\":\"web\",\"tv\":\"js-4.6.8\",\"url\":\"https://acme.io/%d\"}";
        List<String> events =
                List.of(1, 2, 3, 4, 5).stream().map(i -> event.formatted(i)).toList();
        String batch = "{\"schema\":\"iglu:com.snowplowanalytics.snowplow/payload_data/jsonschema/1-0-4\",\"data\":["
                + String.join(",", events) + "]}";

        assertThat(post("/com.snowplowanalytics.snowplow/tp2", batch, List.of()).status())
                .isEqualTo(200);

        JsonNode good = node.getJson("/micro/good");
        assertThat(good.valueStream()
                        .map(kept -> kept.get("event").get("page_url").asString())
                        .toList())
                .containsExactly("https://acme.io/3", "https://acme.io/4", "https://acme.io/5");
        assertThat(node.getJson("/micro/all").get("good").asInt()).isEqualTo(5);
    }

    @Test
    void shouldRefuseBodiesOverTheDropLimitWithoutStoringThem() throws Exception {
        node.post("/micro/reset", null, "");
        String huge = PAYLOAD + " ".repeat(2 * 1024 * 1024);

        RawHttp.Response response = post("/com.snowplowanalytics.snowplow/tp2", huge, List.of());

        assertThat(response.status()).isEqualTo(413);
        assertThat(node.getJson("/micro/all").get("total").asInt()).isZero();
        assertThat(node.get("/health").statusCode()).isEqualTo(200);
    }
}
