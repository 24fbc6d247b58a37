package io.signalbox.app;

import io.signalbox.cluster.ClusterSettings;
import io.signalbox.cluster.local.LocalKafka;
import io.signalbox.cluster.local.LocalRedis;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The API behaviour of {@link SignalsApiBehaviour} against a cluster node running every role, on a real KRaft broker
 * and a real redis-server on loopback: events go through Kafka, the Streams engine computes them, the API reads
 * Redis.
 */
class ClusterSignalsApiHttpTest extends SignalsApiBehaviour {

    @Override
    ApiDeployment deploy(Path dataDir, String key) {
        ClusterSettings settings = ClusterSettings.of(
                        LocalKafka.shared().bootstrap(), LocalRedis.shared().address())
                .withNamespace("api-" + UUID.randomUUID().toString().substring(0, 8))
                .withPartitions(3);
        ClusterNode node = ClusterNode.start(
                NodeSettings.local(dataDir, key)
                        .withDefinitionDirs(List.of(Clients.root().resolve("definitions"))),
                ClusterOptions.allRoles(settings));
        return new ApiDeployment() {
            @Override
            public int port() {
                return node.port();
            }

            @Override
            public void awaitProcessed() throws InterruptedException {
                if (!node.awaitProcessed(Duration.ofSeconds(30))) {
                    throw new AssertionError("the cluster did not process the collected events within 30 s");
                }
            }

            @Override
            public void awaitWarehouseLoaded() throws InterruptedException {
                if (!node.awaitWarehouseLoaded(Duration.ofSeconds(30))) {
                    throw new AssertionError("the warehouse did not load the collected events within 30 s");
                }
            }

            @Override
            public void close() {
                node.close();
            }
        };
    }
}
