package io.signalbox.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.signalbox.engine.log.RocksEventLog;
import io.signalbox.engine.log.SyncPolicy;
import io.signalbox.engine.processor.AttributeProcessor;
import io.signalbox.engine.processor.ProcessorConfig;
import io.signalbox.engine.processor.ProcessorListener;
import io.signalbox.engine.profile.ProfileStore;
import io.signalbox.engine.profile.RocksProfileStore;
import io.signalbox.engine.registry.Registry;
import io.signalbox.engine.registry.RocksRegistryStore;
import io.signalbox.engine.store.EmbeddedStore;
import io.signalbox.events.EnrichedEvent;
import io.signalbox.events.EnrichedTsv;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/** The engine behaviour against the embedded mode: the RocksDB event log, the processor thread, RocksDB profiles. */
class EmbeddedEngineTest extends EngineBehaviour {

    @Override
    EngineDeployment deploy(Path dir, Instant clock) {
        return new Embedded(dir, InstantSource.fixed(clock));
    }

    private static final class Embedded implements EngineDeployment {
        private final Path dir;
        private final InstantSource clock;
        private EmbeddedStore store;
        private RocksEventLog log;
        private Registry registry;
        private AttributeProcessor processor;

        Embedded(Path dir, InstantSource clock) {
            this.dir = dir;
            this.clock = clock;
            open();
        }

        private void open() {
            store = EmbeddedStore.open(dir.resolve("rocksdb"), 16 << 20);
            log = new RocksEventLog(store, SyncPolicy.OS_BUFFERED, 256 << 20);
            registry = new Registry(new RocksRegistryStore(store));
            processor = new AttributeProcessor(
                    store,
                    log,
                    registry,
                    null,
                    ProcessorListener.NONE,
                    clock,
                    new ProcessorConfig(500, 10_000, Duration.ofHours(1), 100));
        }

        @Override
        public Registry registry() {
            return registry;
        }

        @Override
        public void append(List<EnrichedEvent> events) throws Exception {
            List<byte[]> chunk = new ArrayList<>();
            for (EnrichedEvent event : events) {
                chunk.add(EnrichedTsv.format(event).getBytes(UTF_8));
                if (chunk.size() == 1_000) {
                    log.append(chunk, List.of()).get();
                    chunk = new ArrayList<>();
                }
            }
            if (!chunk.isEmpty()) {
                log.append(chunk, List.of()).get();
            }
        }

        @Override
        public void awaitProcessed() throws InterruptedException {
            if (!processor.awaitCommitted(log.endOffset(), Duration.ofSeconds(60))) {
                throw new AssertionError("the processor did not catch up within 60 s");
            }
        }

        @Override
        public void awaitComputing(String groupFullName) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!processor.activeGroups().contains(groupFullName)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(groupFullName + " was not picked up within 10 s");
                }
                Thread.sleep(10);
            }
        }

        @Override
        public ProfileStore profiles() {
            return new RocksProfileStore(store);
        }

        @Override
        public void restart() {
            close();
            open();
        }

        @Override
        public void close() {
            processor.close();
            log.close();
            store.close();
        }
    }
}
