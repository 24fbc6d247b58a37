package io.signalbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The API behaviour of {@link SignalsApiBehaviour} against an embedded node, and what only the embedded mode has:
 * testing over the warehouse's history, and the registry kept in the node's own store across restarts.
 */
class SignalsApiHttpTest extends SignalsApiBehaviour {
    private EmbeddedNode node;

    @Override
    ApiDeployment deploy(Path dataDir, String key) {
        node = EmbeddedNode.start(NodeSettings.local(dataDir, key)
                .withDefinitionDirs(List.of(Clients.root().resolve("definitions"))));
        EmbeddedNode started = node;
        return new ApiDeployment() {
            @Override
            public int port() {
                return started.port();
            }

            @Override
            public void awaitProcessed() throws InterruptedException {
                assertThat(started.processor().awaitCommitted(started.eventLogEnd(), Duration.ofSeconds(10)))
                        .isTrue();
            }

            @Override
            public void close() {
                started.close();
            }
        };
    }

    @Test
    void shouldComputeAnUnpublishedGroupOverRecentWarehouseHistory() throws Exception {
        String visitor = UUID.randomUUID().toString();
        api.pageViews(visitor, "https://www.acme.io/pricing", 2);
        api.pageViews(visitor, "https://www.acme.io/blog/launch", 1);
        awaitProcessed();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (node.warehouseLoader().loadedOffset() < node.eventLogEnd() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
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

    @Test
    void shouldKeepTheRegistryAcrossRestarts(@TempDir Path otherDir) {
        NodeSettings settings = NodeSettings.local(otherDir, KEY);
        try (EmbeddedNode first = EmbeddedNode.start(settings)) {
            ApiClient client = new ApiClient("http://127.0.0.1:" + first.port(), KEY);
            assertThat(client.post(GROUPS, groupJson("kept", 3, true, "views")).status())
                    .isEqualTo(201);
        }
        try (EmbeddedNode second = EmbeddedNode.start(settings)) {
            ApiClient client = new ApiClient("http://127.0.0.1:" + second.port(), KEY);
            JsonNode kept = client.get("/api/v1/registry/attribute_groups/kept/versions/3")
                    .body();
            assertThat(kept.get("is_published").asBoolean()).isTrue();
        }
    }
}
