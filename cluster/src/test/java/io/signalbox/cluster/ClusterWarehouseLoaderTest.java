package io.signalbox.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.attributes.oracle.RandomStreams;
import io.signalbox.cluster.local.LocalKafka;
import io.signalbox.cluster.local.LocalRedis;
import io.signalbox.engine.warehouse.DuckDbWarehouse;
import io.signalbox.events.EnrichedEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster warehouse loader on a real broker: every event of the enriched topic lands in DuckDB once, when
 * records are delivered twice (as after a crash between the insert and the offset commit), and across a restart.
 */
class ClusterWarehouseLoaderTest {
    @TempDir
    Path dir;

    @Test
    void shouldStoreEachEventOnceWhenRecordsRepeatAndAcrossARestart() throws Exception {
        List<EnrichedEvent> events =
                RandomStreams.generate(RandomStreams.Config.defaults(7L).withUsers(20));
        ClusterSettings settings = ClusterSettings.of(
                        LocalKafka.shared().bootstrap(), LocalRedis.shared().address())
                .withNamespace("warehouse-" + UUID.randomUUID().toString().substring(0, 8))
                .withPartitions(3);
        String loaderId = UUID.randomUUID().toString();
        try (DuckDbWarehouse warehouse = DuckDbWarehouse.openInDataDir(dir);
                TestProducer producer = new TestProducer(settings);
                ClusterLag lag = new ClusterLag(settings)) {
            try (ClusterWarehouseLoader loader = new ClusterWarehouseLoader(settings, warehouse, loaderId)) {
                producer.send(events);
                producer.send(events.subList(0, events.size() / 2));
                awaitLoaded(lag, loader.groupId());
                assertThat(loader.loadedCount()).isEqualTo(events.size());
            }
            producer.send(events.subList(events.size() / 3, events.size()));
            try (ClusterWarehouseLoader again = new ClusterWarehouseLoader(settings, warehouse, loaderId)) {
                awaitLoaded(lag, again.groupId());
                assertThat(again.loadedCount())
                        .as("nothing new after the restart")
                        .isZero();
            }
            assertThat(warehouse.count()).isEqualTo(events.size());
        }
    }

    private static void awaitLoaded(ClusterLag lag, String group) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (lag.enrichedBehind(group) > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the warehouse loader did not catch up within 60 s");
            }
            Thread.sleep(50);
        }
    }
}
