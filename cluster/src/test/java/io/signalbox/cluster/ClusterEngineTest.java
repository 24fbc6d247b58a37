package io.signalbox.cluster;

import io.signalbox.cluster.local.LocalKafka;
import io.signalbox.cluster.local.LocalRedis;
import io.signalbox.engine.profile.ProfileStore;
import io.signalbox.engine.registry.Registry;
import io.signalbox.events.EnrichedEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.UUID;

/**
 * The engine behaviour against the cluster mode: a real KRaft broker and a real redis-server on loopback, events
 * produced as the collector produces them, the Kafka Streams engine with exactly-once v2, profiles read from Redis.
 */
class ClusterEngineTest extends EngineBehaviour {

    @Override
    EngineDeployment deploy(Path dir, Instant clock) {
        ClusterSettings settings = ClusterSettings.of(
                        LocalKafka.shared().bootstrap(), LocalRedis.shared().address())
                .withNamespace("engine-" + UUID.randomUUID().toString().substring(0, 8))
                .withPartitions(4);
        return new Clustered(settings, dir, InstantSource.fixed(clock));
    }

    /** One engine instance with its own Redis connection, registry and producer, as a node would have. */
    static final class Clustered implements EngineDeployment {
        private final ClusterSettings settings;
        private final Path dir;
        private final InstantSource clock;
        private final Cluster cluster;
        private final Registry registry;
        private final TestProducer producer;
        private final ClusterLag lag;
        private ClusterEngine engine;

        Clustered(ClusterSettings settings, Path dir, InstantSource clock) {
            this.settings = settings;
            this.dir = dir;
            this.clock = clock;
            this.cluster = Cluster.connect(settings);
            this.registry = new Registry(cluster.registryStore());
            this.engine = ClusterEngine.start(
                    settings, registry, cluster.redis(), clock, dir.resolve("streams"), Duration.ofSeconds(6));
            this.producer = new TestProducer(settings);
            this.lag = new ClusterLag(settings);
        }

        @Override
        public Registry registry() {
            return registry;
        }

        @Override
        public void append(List<EnrichedEvent> events) throws Exception {
            producer.send(events);
        }

        @Override
        public void awaitProcessed() throws InterruptedException {
            awaitCaughtUp(lag, Duration.ofSeconds(120));
        }

        static void awaitCaughtUp(ClusterLag lag, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            long last = -1;
            while (System.nanoTime() < deadline) {
                last = lag.total();
                if (last == 0) {
                    return;
                }
                Thread.sleep(50);
            }
            throw new AssertionError("the cluster engine did not catch up within " + timeout + ", lag " + last);
        }

        @Override
        public void awaitComputing(String groupFullName) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!engine.computedGroups().contains(groupFullName)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(groupFullName + " was not picked up within 10 s");
                }
                Thread.sleep(10);
            }
        }

        @Override
        public ProfileStore profiles() {
            return cluster.profileStore();
        }

        @Override
        public void restart() {
            engine.close();
            engine = ClusterEngine.start(
                    settings, registry, cluster.redis(), clock, dir.resolve("streams"), Duration.ofSeconds(6));
        }

        @Override
        public void close() {
            engine.close();
            producer.close();
            lag.close();
            cluster.close();
        }
    }
}
