package io.signalbox.engine.registry;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.signalbox.engine.store.EmbeddedStore;
import io.signalbox.engine.store.EmbeddedStore.Family;
import io.signalbox.engine.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry in the embedded store's {@code registry} column family, keyed {@code <kind>/<name>/<version>} with the
 * version zero-padded so entries sort by version. Writes are synced: definitions are few and precious.
 */
public final class RocksRegistryStore implements RegistryStore {
    private static final Logger LOG = LoggerFactory.getLogger(RocksRegistryStore.class);

    private final EmbeddedStore store;
    private final ColumnFamilyHandle family;
    private final List<Consumer<RegistryChange>> listeners = new CopyOnWriteArrayList<>();

    public RocksRegistryStore(EmbeddedStore store) {
        this.store = store;
        this.family = store.family(Family.REGISTRY);
    }

    private static byte[] key(RegistryKind kind, String name, int version) {
        return String.format("%s/%s/%07d", kind.pathName(), name, version).getBytes(UTF_8);
    }

    private static byte[] prefix(RegistryKind kind, String name) {
        return (kind.pathName() + "/" + (name == null ? "" : name + "/")).getBytes(UTF_8);
    }

    @Override
    public Optional<RegistryEntry> get(RegistryKind kind, String name, int version) {
        try {
            byte[] value = store.db().get(family, key(kind, name, version));
            return value == null
                    ? Optional.empty()
                    : Optional.of(new RegistryEntry(kind, name, version, new String(value, UTF_8)));
        } catch (RocksDBException e) {
            throw new StoreException("cannot read the registry: " + e.getMessage(), e);
        }
    }

    @Override
    public List<RegistryEntry> versions(RegistryKind kind, String name) {
        return scan(kind, prefix(kind, name));
    }

    @Override
    public List<RegistryEntry> list(RegistryKind kind) {
        return scan(kind, prefix(kind, null));
    }

    private List<RegistryEntry> scan(RegistryKind kind, byte[] prefix) {
        List<RegistryEntry> entries = new ArrayList<>();
        try (RocksIterator iterator = store.db().newIterator(family)) {
            for (iterator.seek(prefix); iterator.isValid() && startsWith(iterator.key(), prefix); iterator.next()) {
                String key = new String(iterator.key(), UTF_8);
                int lastSlash = key.lastIndexOf('/');
                String name = key.substring(kind.pathName().length() + 1, lastSlash);
                int version = Integer.parseInt(key.substring(lastSlash + 1));
                entries.add(new RegistryEntry(kind, name, version, new String(iterator.value(), UTF_8)));
            }
        }
        return entries;
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        if (key.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (key[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void put(RegistryEntry entry) {
        try (WriteOptions options = new WriteOptions().setSync(true)) {
            store.db()
                    .put(
                            family,
                            options,
                            key(entry.kind(), entry.name(), entry.version()),
                            entry.json().getBytes(UTF_8));
        } catch (RocksDBException e) {
            throw new StoreException("cannot write the registry: " + e.getMessage(), e);
        }
        notifyListeners(new RegistryChange(entry, false));
    }

    @Override
    public boolean delete(RegistryKind kind, String name, int version) {
        Optional<RegistryEntry> existing = get(kind, name, version);
        if (existing.isEmpty()) {
            return false;
        }
        try (WriteOptions options = new WriteOptions().setSync(true)) {
            store.db().delete(family, options, key(kind, name, version));
        } catch (RocksDBException e) {
            throw new StoreException("cannot write the registry: " + e.getMessage(), e);
        }
        notifyListeners(new RegistryChange(existing.get(), true));
        return true;
    }

    @Override
    public void addListener(Consumer<RegistryChange> listener) {
        listeners.add(listener);
    }

    private void notifyListeners(RegistryChange change) {
        for (Consumer<RegistryChange> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                LOG.warn(
                        "A registry listener failed on {} {}: {}",
                        change.entry().kind(),
                        change.entry().name(),
                        e.toString());
            }
        }
    }
}
