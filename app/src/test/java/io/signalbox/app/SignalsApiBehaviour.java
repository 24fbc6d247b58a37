package io.signalbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.events.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The Signals-compatible API over HTTP, one suite for both modes: auth, the registry's publishing rules as the SDKs
 * use them, online attributes computed from collected events, interventions over server-sent events, error answers,
 * OpenAPI and metrics. {@link SignalsApiHttpTest} runs it against an embedded node, {@link ClusterSignalsApiHttpTest}
 * against a cluster node on a real Kafka broker and Redis.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SignalsApiBehaviour {
    static final String KEY = "api-test-key";
    static final String GROUPS = "/api/v1/registry/attribute_groups/";

    @TempDir
    static Path dataDir;

    ApiDeployment deployment;
    ApiClient api;
    ApiClient anonymous;

    /** A node serving the API with the project's definitions, accepting {@link #KEY}. */
    abstract ApiDeployment deploy(Path dataDir, String key) throws Exception;

    /** A running node under test. */
    interface ApiDeployment extends AutoCloseable {
        int port();

        /** Waits until every collected event is reflected in what the API serves. */
        void awaitProcessed() throws InterruptedException;

        /** Waits until the warehouse the testing route reads holds every collected event. */
        void awaitWarehouseLoaded() throws InterruptedException;

        @Override
        void close();
    }

    @BeforeAll
    void start() throws Exception {
        deployment = deploy(dataDir, KEY);
        api = new ApiClient("http://127.0.0.1:" + deployment.port(), KEY);
        anonymous = new ApiClient("http://127.0.0.1:" + deployment.port(), null);
    }

    @AfterAll
    void stop() {
        deployment.close();
    }

    // ---- auth and errors ----

    @Test
    void shouldRefuseRequestsWithoutAValidKey() {
        ApiClient wrongKey = new ApiClient("http://127.0.0.1:" + deployment.port(), "not-the-key");
        for (ApiClient client : List.of(anonymous, wrongKey)) {
            ApiClient.Answer registry = client.get(GROUPS);
            assertThat(registry.status()).isEqualTo(401);
            assertThat(registry.body().get("detail").asString()).contains("API key");
            assertThat(registry.raw().headers().firstValue("WWW-Authenticate")).contains("Bearer");

            ApiClient.Answer online = client.post(
                    "/api/v1/get-online-attributes",
                    "{\"service\":\"prospect_scoring_tutorial_service\","
                            + "\"attribute_keys\":{\"domain_userid\":[\"a\"]}}");
            assertThat(online.status()).isEqualTo(401);
            assertThat(online.body().get("error").asString()).contains("API key");

            assertThat(client.post("/api/v1/interventions?domain_userid=a", "{\"name\":\"x\"}")
                            .status())
                    .isEqualTo(401);
        }
    }

    @Test
    void shouldAnswerMalformedRequestsWith4xxAndAnActionableMessage() {
        String online = "/api/v1/get-online-attributes";
        assertError(api.post(online, "{not json"), 400, "not valid JSON");
        assertError(api.post(online, "[1,2]"), 400, "JSON object");
        assertError(api.post(online, ""), 400, "empty");
        assertError(
                api.post(online, "{\"service\":\"nope\",\"attribute_keys\":{\"domain_userid\":[\"a\"]}}"),
                404,
                "service 'nope' does not exist");
        assertError(api.post(online, "{\"service\":\"prospect_scoring_tutorial_service\"}"), 400, "attribute_keys");
        String tooMany = Stream.generate(() -> "\"id\"")
                .limit(101)
                .reduce((a, b) -> a + "," + b)
                .orElseThrow();
        assertError(
                api.post(
                        online,
                        "{\"service\":\"prospect_scoring_tutorial_service\",\"attribute_keys\":{\"domain_userid\":["
                                + tooMany + "]}}"),
                400,
                "1 to 100 identifiers");
        assertError(
                api.post(
                        online,
                        "{\"attributes\":[\"prospect_scoring_tutorial_v1:nope\"],"
                                + "\"attribute_keys\":{\"domain_userid\":[\"a\"]}}"),
                404,
                "has no attribute 'nope'");
        assertError(api.post(GROUPS, "{\"name\":\"" + "x".repeat(2 << 20) + "\"}"), 413, "limit");
        assertError(api.get("/api/v1/registry/attribute_groups/no_such_group"), 404, "does not exist");
        assertError(api.get("/api/v1/registry/attribute_groups/bad-name!"), 422, "name must match");
        assertError(api.get("/api/v1/registry/attribute_groups/x/versions/0"), 422, "version must be");
        assertThat(api.get("/api/v1/no/such/route").status()).isEqualTo(404);
    }

    @Test
    void shouldRejectABadDefinitionWithAMessageNamingTheField() {
        ApiClient.Answer answer = api.post(
                GROUPS,
                "{\"name\":\"bad_group\",\"version\":1,\"owner\":\"a@b.io\","
                        + "\"attribute_key\":{\"name\":\"domain_userid\"},"
                        + "\"attributes\":[{\"name\":\"views\",\"type\":\"int32\",\"aggregation\":\"countr\"}]}");
        assertThat(answer.status()).isEqualTo(422);
        JsonNode problem = answer.body().get("detail").get(0);
        assertThat(problem.get("msg").asString())
                .contains("attribute group 'bad_group' v1")
                .contains("attributes[0].aggregation")
                .contains("'countr'");
        assertThat(problem.get("loc").get(0).asString()).isEqualTo("body");
    }

    // ---- registry ----

    @Test
    void shouldCreateUpdatePublishAndDeleteAGroupAsTheSdkDoes() {
        String group = groupJson("sdk_group", 1, false, "page_views");
        assertThat(api.post(GROUPS, group).status()).isEqualTo(201);
        ApiClient.Answer again = api.post(GROUPS, group);
        assertThat(again.status())
                .as("create-or-update relies on 400 for 'exists'")
                .isEqualTo(400);
        assertThat(again.body().get("detail").asString()).contains("already exists");

        String item = "/api/v1/registry/attribute_groups/sdk_group/versions/1";
        assertThat(api.put(item, groupJson("sdk_group", 1, false, "views")).status())
                .isEqualTo(200);
        assertThat(api.put(item, groupJson("sdk_group", 1, true, "views")).status())
                .as("publishing is an update of is_published")
                .isEqualTo(200);

        JsonNode latest = api.get("/api/v1/registry/attribute_groups/sdk_group").body();
        assertThat(latest.get("is_published").asBoolean()).isTrue();
        assertThat(latest.get("attributes").get(0).get("name").asString()).isEqualTo("views");
        assertThat(latest.get("full_name").asString()).isEqualTo("sdk_group_v1");
        assertThat(latest.get("feast_name").asString()).isEqualTo("sdk_group_v1");
        assertThat(latest.get("stream_source_name").asString()).isEqualTo("sdk_group_stream");
        assertThat(latest.get("attribute_key_or_name").asString()).isEqualTo("domain_userid");
        assertThat(latest.get("attribute_key").has("blobl_path")).isTrue();
        assertThat(latest.has("attribute_group_or_attribute_key_ttl")).isTrue();

        assertError(api.put(item, groupJson("sdk_group", 1, true, "other")), 400, "published");
        assertError(api.delete(item), 400, "published");
        assertThat(api.put(item, groupJson("sdk_group", 1, false, "views")).status())
                .as("unpublishing is allowed")
                .isEqualTo(200);
        ApiClient.Answer deleted = api.delete(item);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body().get("ok").asBoolean()).isTrue();
        assertThat(api.get(item).status()).isEqualTo(404);
    }

    @Test
    void shouldServeCollectionPathsWithAndWithoutTheTrailingSlashWithoutRedirecting() {
        for (String path : List.of("/api/v1/registry/services", "/api/v1/registry/services/")) {
            ApiClient.Answer answer = api.get(path);
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body().isArray()).isTrue();
        }
        JsonNode keys = api.get("/api/v1/registry/attribute_keys/").body();
        List<String> names =
                keys.valueStream().map(k -> k.get("name").asString()).toList();
        assertThat(names).contains("domain_userid", "domain_sessionid", "network_userid", "user_id");
    }

    @Test
    void shouldListTheDefinitionsLoadedFromFiles() {
        JsonNode group = api.get("/api/v1/registry/attribute_groups/prospect_scoring_tutorial/versions/1")
                .body();
        assertThat(group.get("is_published").asBoolean()).isTrue();
        List<String> attributes = group.get("attributes")
                .valueStream()
                .map(a -> a.get("name").asString())
                .toList();
        assertThat(attributes).containsExactly("num_page_views", "num_pricing_views", "num_customers_views");
        JsonNode online = api.get(GROUPS + "?online=true&attribute_key_or_name=domain_userid")
                .body();
        assertThat(online.valueStream().map(g -> g.get("full_name").asString()))
                .contains("prospect_scoring_tutorial_v1");
    }

    @Test
    void shouldPublishAndUnpublishThroughEngines() {
        assertThat(api.post(GROUPS, groupJson("engine_group", 1, false, "views"))
                        .status())
                .isEqualTo(201);
        String refs = "{\"attribute_groups\":[{\"name\":\"engine_group\",\"version\":1}]}";
        assertThat(api.post("/api/v1/engines/publish", refs)
                        .body()
                        .get("status")
                        .asString())
                .isEqualTo("published");
        assertThat(api.post("/api/v1/engines/publish", refs)
                        .body()
                        .get("status")
                        .asString())
                .isEqualTo("nothing to publish");
        assertThat(api.post("/api/v1/engines/unpublish", refs)
                        .body()
                        .get("status")
                        .asString())
                .isEqualTo("unpublished");
        assertThat(api.get("/api/v1/registry/attribute_groups/engine_group")
                        .body()
                        .get("is_published")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void shouldPublishTheBodiesOfTheSignalsReference() {
        String key = "{\"name\":\"tier\",\"property\":{\"type\":\"entity\",\"vendor\":\"com.acme\",\"name\":\"user\","
                + "\"major_version\":1,\"path\":\"tier\",\"index\":0},\"owner\":\"ana@acme.io\",\"ttl\":\"P365D\"}";
        assertThat(api.post("/api/v1/registry/attribute_keys/", key).status()).isEqualTo(201);
        String group = "{\"name\":\"web_user\",\"version\":2,\"owner\":\"ana@acme.io\",\"attribute_key\":"
                + "{\"name\":\"domain_userid\",\"key\":\"domain_userid\"},\"ttl\":\"P1Y\",\"online\":true,"
                + "\"offline\":false,\"is_published\":true,\"backfill_since_tstamp\":\"2025-01-01T00:00:00Z\","
                + "\"attributes\":[{\"name\":\"page_views_10m\",\"type\":\"int32\",\"aggregation\":\"counter\","
                + "\"events\":[{\"vendor\":\"com.snowplowanalytics.snowplow\",\"name\":\"page_view\","
                + "\"version\":\"1-0-0\"}],\"period\":\"PT10M\",\"default_value\":0,\"description\":\"…\"},"
                + "{\"name\":\"last_referrer\",\"type\":\"string\",\"aggregation\":\"last\",\"property\":"
                + "{\"type\":\"atomic\",\"name\":\"mkt_medium\"},\"criteria\":{\"all\":[{\"property\":{\"type\":"
                + "\"atomic\",\"name\":\"page_url\"},\"operator\":\"like\",\"value\":\"%/faq%\"}],\"any\":"
                + "[{\"property\":{\"type\":\"entity\",\"vendor\":\"com.acme\",\"name\":\"user\",\"major_version\":1,"
                + "\"path\":\"tier\",\"index\":0},\"operator\":\"in\",\"value\":[\"gold\",\"silver\"]}]}}]}";
        ApiClient.Answer created = api.post(GROUPS, group);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        assertThat(created.body().get("attribute_group_or_attribute_key_ttl").asString())
                .isEqualTo("P1Y");
        String service = "{\"name\":\"web\",\"owner\":\"ana@acme.io\",\"attribute_groups\":"
                + "[{\"name\":\"web_user\",\"version\":2}]}";
        assertThat(api.post("/api/v1/registry/services/", service).status()).isEqualTo(201);
        String intervention = "{\"name\":\"cart_nudge\",\"version\":3,\"owner\":\"ana@acme.io\",\"is_published\":true,"
                + "\"criteria\":{\"all\":[{\"attribute\":\"web_user:page_views_10m\",\"operator\":\">=\",\"value\":3},"
                + "{\"none\":[{\"attribute\":\"web_user:last_referrer\",\"operator\":\"=\",\"value\":\"email\"}]},"
                + "{\"any\":[{\"attribute\":\"web_user:page_views_10m\",\"operator\":\">\",\"value\":50},"
                + "{\"attribute\":\"web_user:last_referrer\",\"operator\":\"is not null\"}]}]},"
                + "\"target_attribute_keys\":[{\"name\":\"domain_userid\"}]}";
        assertThat(api.post("/api/v1/registry/interventions/", intervention).status())
                .isEqualTo(201);
        JsonNode read = api.get("/api/v1/registry/interventions/cart_nudge").body();
        assertThat(read.get("version").asInt()).isEqualTo(3);
        assertThat(read.get("criteria").get("all").size()).isEqualTo(3);
        assertThat(api.get("/api/v1/registry/services/web")
                        .body()
                        .get("attribute_groups")
                        .get(0)
                        .get("version")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void shouldRefuseAServiceOfAGroupThatDoesNotExist() {
        ApiClient.Answer answer = api.post(
                "/api/v1/registry/services/",
                "{\"name\":\"orphan\",\"owner\":\"a@b.io\",\"attribute_groups\":[{\"name\":\"crm\",\"version\":1}]}");
        assertThat(answer.status()).isBetween(400, 499);
        assertThat(answer.text()).contains("crm");
    }

    // ---- online attributes and testing ----

    @Test
    void shouldServeValuesComputedFromCollectedEventsInBothRequestForms() throws Exception {
        String visitor = UUID.randomUUID().toString();
        api.pageViews(visitor, "https://www.acme.io/pricing", 3);
        api.pageViews(visitor, "https://www.acme.io/customers/globex", 2);
        awaitProcessed();

        ApiClient.Answer service = api.post(
                "/api/v1/get-online-attributes",
                "{\"service\":\"prospect_scoring_tutorial_service\",\"attribute_keys\":{\"domain_userid\":[\"" + visitor
                        + "\",\"unknown-visitor\"]}}");
        assertThat(service.status()).isEqualTo(200);
        JsonNode values = service.body();
        assertThat(values.get("domain_userid").get(0).asString()).isEqualTo(visitor);
        assertThat(values.get("domain_userid").get(1).asString()).isEqualTo("unknown-visitor");
        assertThat(values.get("num_page_views").get(0).asInt()).isEqualTo(5);
        assertThat(values.get("num_pricing_views").get(0).asInt()).isEqualTo(3);
        assertThat(values.get("num_page_views").get(1).isNull()).isTrue();

        JsonNode listed = api.post(
                        "/api/v1/get-online-attributes",
                        "{\"attributes\":[\"prospect_scoring_tutorial_v1:num_pricing_views\"],"
                                + "\"attribute_keys\":{\"domain_userid\":[\"" + visitor + "\"]},"
                                + "\"full_attribute_names\":true}")
                .body();
        assertThat(listed.get("prospect_scoring_tutorial_v1:num_pricing_views")
                        .get(0)
                        .asInt())
                .isEqualTo(3);
        assertThat(listed.has("num_page_views")).isFalse();
    }

    @Test
    void shouldComputeAnUnpublishedGroupOverRecentWarehouseHistory() throws Exception {
        String visitor = UUID.randomUUID().toString();
        api.pageViews(visitor, "https://www.acme.io/pricing", 2);
        api.pageViews(visitor, "https://www.acme.io/blog/launch", 1);
        awaitProcessed();
        deployment.awaitWarehouseLoaded();
        String group =
                "{\"name\":\"trial\",\"version\":1,\"owner\":\"a@b.io\",\"attribute_key\":{\"name\":\"domain_userid\"},"
                        + "\"attributes\":[{\"name\":\"views\",\"type\":\"int32\",\"aggregation\":\"counter\","
                        + "\"events\":[{\"name\":\"page_view\"}]},"
                        + "{\"name\":\"paths\",\"type\":\"string_list\",\"aggregation\":\"unique_list\","
                        + "\"property\":{\"type\":\"atomic\",\"name\":\"page_urlpath\"}}]}";
        ApiClient.Answer answer = api.post(
                "/api/v1/testing/attribute_groups/",
                "{\"attribute_group\":" + group + ",\"window\":\"PT1H\",\"attribute_key_ids\":[\"" + visitor + "\"]}");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().get("domain_userid").get(0).asString()).isEqualTo(visitor);
        assertThat(answer.body().get("views").get(0).asInt()).isEqualTo(3);
        assertThat(answer.body().get("paths").get(0).valueStream().map(JsonNode::asString))
                .containsExactly("/pricing", "/blog/launch");
        assertThat(api.get("/api/v1/registry/attribute_groups/trial").status())
                .as("testing publishes nothing")
                .isEqualTo(404);
    }

    // ---- interventions ----

    @Test
    void shouldStreamARuleInterventionOnceWhenItsCriteriaFirstHold() throws Exception {
        String visitor = UUID.randomUUID().toString();
        String rule = "{\"name\":\"pricing_fan\",\"version\":1,\"owner\":\"a@b.io\",\"is_published\":true,"
                + "\"criteria\":{\"all\":[{\"attribute\":\"prospect_scoring_tutorial:num_pricing_views\","
                + "\"operator\":\">=\",\"value\":3},{\"none\":[{\"attribute\":\"prospect_scoring_tutorial:"
                + "num_customers_views\",\"operator\":\">\",\"value\":0}]}]}}";
        assertThat(api.post("/api/v1/registry/interventions/", rule).status()).isEqualTo(201);
        try (EventStream stream = EventStream.open(deployment.port(), "domain_userid=" + visitor)) {
            api.pageViews(visitor, "https://www.acme.io/pricing", 2);
            awaitProcessed();
            api.pageViews(visitor, "https://www.acme.io/pricing", 1);
            awaitProcessed();
            api.pageViews(visitor, "https://www.acme.io/pricing", 2);
            awaitProcessed();

            JsonNode delivered = stream.awaitData(1, Duration.ofSeconds(10)).getFirst();
            assertThat(delivered.get("name").asString()).isEqualTo("pricing_fan");
            assertThat(delivered.get("version").asInt()).isEqualTo(1);
            assertThat(UUID.fromString(delivered.get("intervention_id").asString()))
                    .isNotNull();
            assertThat(delivered.get("target_attribute_key").get("name").asString())
                    .isEqualTo("domain_userid");
            assertThat(delivered.get("target_attribute_key").get("id").asString())
                    .isEqualTo(visitor);
            assertThat(delivered.get("attributes").get("num_pricing_views").asString())
                    .as("attributes are strings for the Python SDK")
                    .isEqualTo("3");
            Thread.sleep(500);
            assertThat(stream.data()).as("sent once, on the edge").hasSize(1);
        }
    }

    @Test
    void shouldPushInterventionsAndReportWhetherAnyoneListened() throws Exception {
        String visitor = UUID.randomUUID().toString();
        String body = "{\"name\":\"flash_sale\",\"version\":2,\"attributes\":{\"discount\":15,\"code\":\"SPRING\"}}";
        assertThat(api.post("/api/v1/interventions?domain_userid=" + visitor, body)
                        .body()
                        .get("status")
                        .asString())
                .isEqualTo("undelivered");
        String session = UUID.randomUUID().toString();
        try (EventStream stream =
                EventStream.open(deployment.port(), "domain_userid=" + visitor + "&domain_sessionid=" + session)) {
            ApiClient.Answer pushed =
                    api.post("/api/v1/interventions?domain_userid=" + visitor + "&domain_sessionid=" + session, body);
            assertThat(pushed.body().get("status").asString()).isEqualTo("success");
            JsonNode delivered = stream.awaitData(1, Duration.ofSeconds(10)).getFirst();
            assertThat(delivered.get("name").asString()).isEqualTo("flash_sale");
            assertThat(delivered.get("attributes").get("discount").asString()).isEqualTo("15");
            assertThat(delivered.get("attributes").get("code").asString()).isEqualTo("SPRING");
            Thread.sleep(300);
            assertThat(stream.data())
                    .as("one delivery per connection for two matching targets")
                    .hasSize(1);
        }
    }

    @Test
    void shouldOpenTheEventStreamToAnyOriginButOnlyForUuidShapedIds() throws Exception {
        HttpResponse<Void> refused = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + deployment.port()
                                        + "/api/v1/interventions?domain_userid=guess"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
        assertThat(refused.statusCode()).isEqualTo(400);
        ApiClient.Answer unknownKey = anonymous.get("/api/v1/interventions?no_such_key=" + UUID.randomUUID());
        assertThat(unknownKey.status()).isEqualTo(400);

        try (EventStream stream = EventStream.open(deployment.port(), "domain_userid=" + UUID.randomUUID())) {
            assertThat(stream.headers().firstValue("Access-Control-Allow-Origin"))
                    .contains(EventStream.ORIGIN);
            assertThat(stream.headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("text/event-stream");
        }
        ApiClient.Answer registry = api.send(api.request("/api/v1/registry/services/")
                .header("Origin", EventStream.ORIGIN)
                .GET());
        assertThat(registry.raw().headers().firstValue("Access-Control-Allow-Origin"))
                .as("no cross-origin reads of the registry unless configured")
                .isEmpty();
    }

    // ---- documentation and operations ----

    @Test
    void shouldServeOpenApiDocsHealthAndMetricsWithoutAKey() {
        ApiClient.Answer openApi = anonymous.get("/api/v1/openapi.json");
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.body().get("paths").has("/api/v1/get-online-attributes"))
                .isTrue();
        assertThat(anonymous.get("/api/v1/docs").text()).contains("swagger-ui-bundle.js");
        assertThat(anonymous.get("/api/v1/docs/swagger-ui-bundle.js").status()).isEqualTo(200);
        assertThat(anonymous.get("/health-all").body().get("status").asString()).isEqualTo("ok");

        api.get(GROUPS);
        String metrics = anonymous.get("/metrics").text();
        assertThat(metrics)
                .contains(
                        "http_server_requests_seconds_count{method=\"GET\",route=\"/api/v1/registry/attribute_groups\"")
                .contains("signalbox_engine_events_processed_total")
                .contains("signalbox_engine_lag_events")
                .contains("signalbox_collector_bad_rows_total")
                .contains("signalbox_intervention_subscribers");
    }

    @Test
    void shouldTimeEachTrackingRequestAndItsStepsInHistograms() {
        double enrichedBefore = anonymous.metric("signalbox_collector_enrichment_seconds_count");
        double storedBefore = anonymous.metric("signalbox_collector_store_seconds_count");

        api.pageViews(UUID.randomUUID().toString(), "https://www.acme.io/pricing", 2);

        String tracked =
                "http_server_requests_seconds_bucket{method=\"POST\",route=\"/com.snowplowanalytics.snowplow/tp2\","
                        + "status=\"200\",le=\"+Inf\"}";
        assertThat(anonymous.metric(tracked)).isGreaterThanOrEqualTo(1);
        assertThat(anonymous.metric("signalbox_collector_enrichment_seconds_count") - enrichedBefore)
                .as("one request, enriched once")
                .isEqualTo(1);
        assertThat(anonymous.metric("signalbox_collector_store_seconds_count") - storedBefore)
                .as("acknowledged as durable once")
                .isEqualTo(1);
        assertThat(anonymous.metric("signalbox_collector_store_seconds_bucket{le=\"10.0\"}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(anonymous.metric("signalbox_http_request_wait_seconds_count"))
                .isGreaterThanOrEqualTo(1);
    }

    // ---- helpers ----

    void awaitProcessed() throws InterruptedException {
        deployment.awaitProcessed();
    }

    static void assertError(ApiClient.Answer answer, int status, String message) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.raw().headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode body = answer.body();
        String text = body.has("detail")
                ? body.get("detail").toString()
                : body.get("error").asString();
        assertThat(text).contains(message).doesNotContain("Exception").doesNotContain("at io.");
    }

    static String groupJson(String name, int version, boolean published, String attribute) {
        return "{\"name\":\"" + name + "\",\"version\":" + version + ",\"owner\":\"a@b.io\",\"is_published\":"
                + published + ",\"attribute_key\":{\"name\":\"domain_userid\",\"key\":\"domain_userid\","
                + "\"is_published\":false},\"attributes\":[{\"name\":\"" + attribute
                + "\",\"type\":\"int32\",\"aggregation\":\"counter\",\"events\":[{\"vendor\":"
                + "\"com.snowplowanalytics.snowplow\",\"name\":\"page_view\",\"version\":\"1-0-0\"}]}]}";
    }

    /** A subscription to the intervention stream, read line by line on a background thread. */
    static final class EventStream implements AutoCloseable {
        static final String ORIGIN = "https://www.acme.example";

        private final HttpResponse<Stream<String>> response;
        private final List<JsonNode> data = new CopyOnWriteArrayList<>();
        private final Thread reader;

        private final CountDownLatch subscribed = new CountDownLatch(1);

        private EventStream(HttpResponse<Stream<String>> response) {
            this.response = response;
            this.reader = Thread.ofVirtual()
                    .start(() -> response.body().forEach(line -> {
                        if (line.startsWith(": subscribed")) {
                            subscribed.countDown();
                        } else if (line.startsWith("data: ")) {
                            data.add(Json.parse(line.substring(6)));
                        }
                    }));
        }

        static EventStream open(int port, String query) throws Exception {
            HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(
                                            URI.create("http://127.0.0.1:" + port + "/api/v1/interventions?" + query))
                                    .header("Accept", "text/event-stream")
                                    .header("Origin", ORIGIN)
                                    .build(),
                            HttpResponse.BodyHandlers.ofLines());
            assertThat(response.statusCode()).isEqualTo(200);
            EventStream stream = new EventStream(response);
            // The headers come before the node registers the stream; its first comment line comes after.
            assertThat(stream.subscribed.await(10, TimeUnit.SECONDS))
                    .as("the node confirms the subscription")
                    .isTrue();
            return stream;
        }

        java.net.http.HttpHeaders headers() {
            return response.headers();
        }

        List<JsonNode> data() {
            return List.copyOf(data);
        }

        List<JsonNode> awaitData(int count, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (data.size() < count && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(data).as("interventions received").hasSizeGreaterThanOrEqualTo(count);
            return data();
        }

        @Override
        public void close() {
            response.body().close();
            reader.interrupt();
        }
    }
}
