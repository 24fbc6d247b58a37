package io.signalbox.engine.profile;

import io.signalbox.engine.store.EmbeddedStore;
import io.signalbox.engine.store.EmbeddedStore.Family;
import io.signalbox.engine.store.StoreException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;

/** Profiles in the embedded store's {@code profiles} column family, written by the embedded processor. */
public final class RocksProfileStore implements ProfileStore {
    private final EmbeddedStore store;
    private final ColumnFamilyHandle family;

    public RocksProfileStore(EmbeddedStore store) {
        this.store = store;
        this.family = store.family(Family.PROFILES);
    }

    @Override
    public byte[] get(String groupFullName, String key) {
        try {
            return store.db().get(family, ProfileKeys.of(groupFullName, key));
        } catch (RocksDBException e) {
            throw new StoreException("cannot read a profile: " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, byte[]> getAll(String groupFullName, List<String> keys) {
        List<ColumnFamilyHandle> families = new ArrayList<>(keys.size());
        List<byte[]> storeKeys = new ArrayList<>(keys.size());
        for (String key : keys) {
            families.add(family);
            storeKeys.add(ProfileKeys.of(groupFullName, key));
        }
        try {
            List<byte[]> values = store.db().multiGetAsList(families, storeKeys);
            Map<String, byte[]> found = new HashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                if (values.get(i) != null) {
                    found.put(keys.get(i), values.get(i));
                }
            }
            return found;
        } catch (RocksDBException e) {
            throw new StoreException("cannot read profiles: " + e.getMessage(), e);
        }
    }
}
