package io.signalbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The API behaviour of {@link SignalsApiBehaviour} against an embedded node, and what only the embedded mode has: the
 * registry kept in the node's own store across restarts.
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
            public void awaitWarehouseLoaded() throws InterruptedException {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (started.warehouseLoader().loadedOffset() < started.eventLogEnd()
                        && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
            }

            @Override
            public void close() {
                started.close();
            }
        };
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
