package io.signalbox.cluster;

import io.signalbox.engine.registry.RegistryStore;
import io.signalbox.engine.registry.RocksRegistryStore;
import io.signalbox.engine.store.EmbeddedStore;
import java.nio.file.Path;

/** The registry store contract against the embedded RocksDB store. */
class RocksRegistryStoreTest extends RegistryStoreBehaviour {
    private EmbeddedStore embedded;

    @Override
    RegistryStore open(Path dir) {
        embedded = EmbeddedStore.open(dir.resolve("rocksdb"), 8 << 20);
        return new RocksRegistryStore(embedded);
    }

    @Override
    void release() {
        embedded.close();
    }
}
