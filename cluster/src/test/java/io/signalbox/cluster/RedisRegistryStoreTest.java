package io.signalbox.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.cluster.local.LocalRedis;
import io.signalbox.engine.registry.RegistryKind;
import io.signalbox.engine.registry.RegistryStore;
import io.signalbox.engine.registry.RegistryStore.RegistryChange;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The registry store contract against Redis, and what only a shared store does: other nodes hear of changes. */
class RedisRegistryStoreTest extends RegistryStoreBehaviour {
    private ClusterSettings settings;
    private Cluster cluster;

    @Override
    RegistryStore open(Path dir) {
        settings = ClusterSettings.of("127.0.0.1:9", LocalRedis.shared().address())
                .withNamespace("registry-" + UUID.randomUUID().toString().substring(0, 8));
        cluster = Cluster.connect(settings);
        return cluster.registryStore();
    }

    @Override
    void release() {
        cluster.close();
    }

    @Test
    void shouldTellAnotherNodesListenersAboutAChange() throws Exception {
        try (Cluster otherNode = Cluster.connect(settings)) {
            List<RegistryChange> heard = new CopyOnWriteArrayList<>();
            otherNode.registryStore().addListener(heard::add);

            store.put(group("web", 1));
            store.delete(RegistryKind.ATTRIBUTE_GROUP, "web", 1);

            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (heard.size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(heard)
                    .containsExactly(
                            new RegistryChange(group("web", 1), false), new RegistryChange(group("web", 1), true));
            assertThat(otherNode.registryStore().list(RegistryKind.ATTRIBUTE_GROUP))
                    .isEmpty();
        }
    }
}
