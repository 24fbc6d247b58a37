package io.signalbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.app.ClusterOptions.Role;
import io.signalbox.app.SignalsApiBehaviour.EventStream;
import io.signalbox.cluster.ClusterSettings;
import io.signalbox.cluster.local.LocalKafka;
import io.signalbox.cluster.local.LocalRedis;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * A three-node cluster as the README deploys it, on a real broker and Redis: one collector-and-engine node and two
 * stateless API nodes. Both API nodes answer the same values for the same keys; a definition published on one API
 * node is computed by the engine and served by the other; an intervention reaches its subscriber whichever API node
 * holds the stream, and one that fired before any stream was open reaches the visitor's next stream once.
 */
class ClusterApiNodesTest {
    private static final String KEY = "cluster-key";
    private static final String ONLINE = "/api/v1/get-online-attributes";
    private static final String FROM_HOLD = "signalbox_interventions_delivered_from_hold_total";

    @TempDir
    static Path dir;

    static ClusterNode ingest;
    static ClusterNode apiA;
    static ClusterNode apiB;
    static ApiClient collector;
    static ApiClient clientA;
    static ApiClient clientB;

    @BeforeAll
    static void start() {
        ClusterSettings settings = ClusterSettings.of(
                        LocalKafka.shared().bootstrap(), LocalRedis.shared().address())
                .withNamespace("nodes-" + UUID.randomUUID().toString().substring(0, 8))
                .withPartitions(3);
        NodeSettings base = NodeSettings.local(dir.resolve("ingest"), KEY)
                .withDefinitionDirs(List.of(Clients.root().resolve("definitions")));
        ingest = ClusterNode.start(base, new ClusterOptions(settings, EnumSet.of(Role.COLLECTOR, Role.ENGINE)));
        apiA = ClusterNode.start(
                NodeSettings.local(dir.resolve("a"), KEY), new ClusterOptions(settings, EnumSet.of(Role.API)));
        apiB = ClusterNode.start(
                NodeSettings.local(dir.resolve("b"), KEY), new ClusterOptions(settings, EnumSet.of(Role.API)));
        collector = new ApiClient("http://127.0.0.1:" + ingest.port(), KEY);
        clientA = new ApiClient("http://127.0.0.1:" + apiA.port(), KEY);
        clientB = new ApiClient("http://127.0.0.1:" + apiB.port(), KEY);
    }

    @AfterAll
    static void stop() {
        for (ClusterNode node : new ClusterNode[] {apiB, apiA, ingest}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    void shouldAnswerIdenticalValuesFromBothApiNodes() throws Exception {
        List<String> visitors = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String visitor = UUID.randomUUID().toString();
            visitors.add(visitor);
            collector.pageViews(visitor, "https://www.acme.io/pricing", 1 + i % 4);
            collector.pageViews(visitor, "https://www.acme.io/customers/globex", i % 3);
        }
        awaitProcessed();

        String request = "{\"service\":\"prospect_scoring_tutorial_service\",\"attribute_keys\":{\"domain_userid\":["
                + String.join(",", visitors.stream().map(v -> "\"" + v + "\"").toList()) + ",\"unknown\"]}}";
        ApiClient.Answer fromA = clientA.post(ONLINE, request);
        ApiClient.Answer fromB = clientB.post(ONLINE, request);

        assertThat(fromA.status()).as(fromA.text()).isEqualTo(200);
        assertThat(fromB.status()).isEqualTo(200);
        assertThat(fromB.body()).isEqualTo(fromA.body());
        JsonNode values = fromA.body();
        for (int i = 0; i < visitors.size(); i++) {
            assertThat(values.get("num_pricing_views").get(i).asInt()).isEqualTo(1 + i % 4);
            assertThat(values.get("num_customers_views").get(i).asInt()).isEqualTo(i % 3);
            assertThat(values.get("num_page_views").get(i).asInt()).isEqualTo(1 + i % 4 + i % 3);
        }
        assertThat(values.get("num_page_views").get(visitors.size()).isNull()).isTrue();
    }

    @Test
    void shouldComputeAGroupPublishedOnOneApiNodeAndServeItFromTheOther() throws Exception {
        String group = "{\"name\":\"cross_node\",\"version\":1,\"owner\":\"a@b.io\",\"is_published\":true,"
                + "\"attribute_key\":{\"name\":\"domain_userid\"},\"attributes\":[{\"name\":\"pricing_views\","
                + "\"type\":\"int32\",\"aggregation\":\"counter\",\"events\":[{\"name\":\"page_view\"}],"
                + "\"criteria\":{\"all\":[{\"property\":{\"type\":\"atomic\",\"name\":\"page_urlpath\"},"
                + "\"operator\":\"=\",\"value\":\"/pricing\"}]}}]}";
        assertThat(clientA.post("/api/v1/registry/attribute_groups/", group).status())
                .isEqualTo(201);
        awaitComputing("cross_node_v1");
        assertThat(clientB.get("/api/v1/registry/attribute_groups/cross_node").status())
                .isEqualTo(200);

        String visitor = UUID.randomUUID().toString();
        collector.pageViews(visitor, "https://www.acme.io/pricing", 4);
        awaitProcessed();

        JsonNode values = clientB.post(
                        ONLINE,
                        "{\"attributes\":[\"cross_node_v1:pricing_views\"],\"attribute_keys\":{\"domain_userid\":[\""
                                + visitor + "\"]}}")
                .body();
        assertThat(values.get("pricing_views").get(0).asInt()).isEqualTo(4);
    }

    @Test
    void shouldDeliverARuleInterventionToTheApiNodeThatHoldsTheStream() throws Exception {
        publishRuleOnA("cluster_fan", "num_pricing_views", 3);
        String visitor = UUID.randomUUID().toString();
        try (EventStream onB = EventStream.open(apiB.port(), "domain_userid=" + visitor);
                EventStream onA = EventStream.open(apiA.port(), "domain_userid=" + UUID.randomUUID())) {
            Thread.sleep(300);
            collector.pageViews(visitor, "https://www.acme.io/pricing", 2);
            awaitProcessed();
            collector.pageViews(visitor, "https://www.acme.io/pricing", 2);
            awaitProcessed();

            JsonNode delivered = onB.awaitData(1, Duration.ofSeconds(15)).getFirst();
            assertThat(delivered.get("name").asString()).isEqualTo("cluster_fan");
            assertThat(delivered.get("target_attribute_key").get("id").asString())
                    .isEqualTo(visitor);
            assertThat(delivered.get("attributes").get("num_pricing_views").asString())
                    .as("the values when the criteria first held, at the third view")
                    .isEqualTo("3");
            Thread.sleep(500);
            assertThat(onB.data()).as("sent once, on the edge").hasSize(1);
            assertThat(onA.data()).as("not sent to other visitors").isEmpty();
        }
    }

    @Test
    void shouldHoldARuleInterventionForTheVisitorsNextStreamAndSendItFromOneNode() throws Exception {
        publishRuleOnA("cluster_held", "num_customers_views", 2);
        String visitor = UUID.randomUUID().toString();
        collector.pageViews(visitor, "https://www.acme.io/customers/globex", 2);
        awaitProcessed();
        // The rule fired with no stream on either node; let both read it from the topic and hold it.
        Thread.sleep(1500);
        double heldBefore = clientB.metric(FROM_HOLD);

        try (EventStream onB = EventStream.open(apiB.port(), "domain_userid=" + visitor)) {
            JsonNode delivered = onB.awaitData(1, Duration.ofSeconds(10)).getFirst();
            assertThat(delivered.get("name").asString()).isEqualTo("cluster_held");
            assertThat(delivered.get("attributes").get("num_customers_views").asString())
                    .isEqualTo("2");
            assertThat(clientB.metric(FROM_HOLD) - heldBefore)
                    .as("sent from B's hold")
                    .isEqualTo(1.0);
            try (EventStream onA = EventStream.open(apiA.port(), "domain_userid=" + visitor)) {
                Thread.sleep(700);
                assertThat(onA.data())
                        .as("A's held copy stays unsent: B sent it")
                        .isEmpty();
            }
            assertThat(onB.data()).hasSize(1);
        }
    }

    @Test
    void shouldPushThroughOneApiNodeToAStreamHeldByAnother() throws Exception {
        String visitor = UUID.randomUUID().toString();
        String body = "{\"name\":\"flash_sale\",\"version\":2,\"attributes\":{\"discount\":15}}";
        assertThat(clientA.post("/api/v1/interventions?domain_userid=" + visitor, body)
                        .body()
                        .get("status")
                        .asString())
                .isEqualTo("undelivered");
        try (EventStream onB = EventStream.open(apiB.port(), "domain_userid=" + visitor)) {
            Thread.sleep(300);
            ApiClient.Answer pushed = clientA.post("/api/v1/interventions?domain_userid=" + visitor, body);
            assertThat(pushed.body().get("status").asString()).isEqualTo("success");
            JsonNode delivered = onB.awaitData(1, Duration.ofSeconds(10)).getFirst();
            assertThat(delivered.get("name").asString()).isEqualTo("flash_sale");
            assertThat(delivered.get("attributes").get("discount").asString()).isEqualTo("15");
            Thread.sleep(300);
            assertThat(onB.data()).hasSize(1);
        }
    }

    @Test
    void shouldServePredictOnApiNodesAndAnswer503WithoutAModel() {
        ApiClient.Answer answer = clientB.post("/predict", "{\"domain_userid\":\"" + UUID.randomUUID() + "\"}");
        assertThat(answer.status()).as(answer.text()).isEqualTo(503);
        assertThat(collector.post("/predict", "{}").status())
                .as("not a route of a node without the api role")
                .isEqualTo(404);
    }

    private static void awaitProcessed() throws InterruptedException {
        assertThat(ingest.awaitProcessed(Duration.ofSeconds(30)))
                .as("the engine processed what was collected")
                .isTrue();
    }

    private static void awaitComputing(String group) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!ingest.engine().computedGroups().contains(group) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(ingest.engine().computedGroups()).contains(group);
    }

    /** Publishes, through API node A, a rule that fires once the tutorial group's {@code attribute} reaches a value. */
    private static void publishRuleOnA(String name, String attribute, int atLeast) throws Exception {
        String rule = "{\"name\":\"" + name + "\",\"version\":1,\"owner\":\"a@b.io\",\"is_published\":true,"
                + "\"criteria\":{\"all\":[{\"attribute\":\"prospect_scoring_tutorial:" + attribute + "\","
                + "\"operator\":\">=\",\"value\":" + atLeast + "}]}}";
        assertThat(clientA.post("/api/v1/registry/interventions/", rule).status())
                .isEqualTo(201);
    }
}
