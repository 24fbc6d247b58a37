package io.signalbox.engine.processor;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.signalbox.engine.log.RocksEventLog;
import io.signalbox.engine.log.SyncPolicy;
import io.signalbox.engine.profile.RocksProfileStore;
import io.signalbox.engine.registry.Registry;
import io.signalbox.engine.registry.RocksRegistryStore;
import io.signalbox.engine.store.EmbeddedStore;
import io.signalbox.events.EnrichedEvent;
import io.signalbox.events.EnrichedTsv;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** An embedded store, log and registry in a directory, for processor tests. */
final class ProcessorFixture implements AutoCloseable {
    final EmbeddedStore store;
    final RocksEventLog log;
    final Registry registry;
    final RocksProfileStore profiles;

    ProcessorFixture(Path dir) {
        store = EmbeddedStore.open(dir.resolve("rocksdb"), 16 << 20);
        log = new RocksEventLog(store, SyncPolicy.OS_BUFFERED, 256 << 20);
        registry = new Registry(new RocksRegistryStore(store));
        profiles = new RocksProfileStore(store);
    }

    /** Appends events to the log in chunks and returns the end offset. */
    long append(List<EnrichedEvent> events) throws Exception {
        long end = log.endOffset();
        List<byte[]> chunk = new ArrayList<>();
        for (EnrichedEvent event : events) {
            chunk.add(EnrichedTsv.format(event).getBytes(UTF_8));
            if (chunk.size() == 1000) {
                end = log.append(chunk, List.of()).get();
                chunk = new ArrayList<>();
            }
        }
        if (!chunk.isEmpty()) {
            end = log.append(chunk, List.of()).get();
        }
        return end;
    }

    @Override
    public void close() {
        log.close();
        store.close();
    }
}
