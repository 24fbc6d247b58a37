package io.signalbox.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.engine.registry.RegistryEntry;
import io.signalbox.engine.registry.RegistryKind;
import io.signalbox.engine.registry.RegistryStore;
import io.signalbox.engine.registry.RegistryStore.RegistryChange;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry store contract, one suite for both modes: {@link RocksRegistryStoreTest} runs it against the embedded
 * store, {@link RedisRegistryStoreTest} against Redis, where two nodes' stores also see each other's changes.
 */
abstract class RegistryStoreBehaviour {
    @TempDir
    Path dir;

    RegistryStore store;

    /** A fresh, empty store. */
    abstract RegistryStore open(Path dir) throws Exception;

    /** Releases what {@link #open} took. */
    abstract void release() throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        store = open(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        release();
    }

    static RegistryEntry group(String name, int version) {
        return new RegistryEntry(RegistryKind.ATTRIBUTE_GROUP, name, version, "{\"name\":\"" + name + "\"}");
    }

    @Test
    void shouldStoreReadListAndDeleteEntriesByNameThenVersion() {
        store.put(group("web", 2));
        store.put(group("web", 10));
        store.put(group("app", 1));
        store.put(new RegistryEntry(RegistryKind.SERVICE, "web", 1, "{}"));

        assertThat(store.get(RegistryKind.ATTRIBUTE_GROUP, "web", 2)).contains(group("web", 2));
        assertThat(store.get(RegistryKind.ATTRIBUTE_GROUP, "web", 3)).isEmpty();
        assertThat(store.versions(RegistryKind.ATTRIBUTE_GROUP, "web"))
                .extracting(RegistryEntry::version)
                .containsExactly(2, 10);
        assertThat(store.list(RegistryKind.ATTRIBUTE_GROUP))
                .extracting(e -> e.name() + "/" + e.version())
                .containsExactly("app/1", "web/2", "web/10");
        assertThat(store.list(RegistryKind.SERVICE)).hasSize(1);

        assertThat(store.delete(RegistryKind.ATTRIBUTE_GROUP, "web", 2)).isTrue();
        assertThat(store.delete(RegistryKind.ATTRIBUTE_GROUP, "web", 2)).isFalse();
        assertThat(store.versions(RegistryKind.ATTRIBUTE_GROUP, "web"))
                .extracting(RegistryEntry::version)
                .containsExactly(10);
    }

    @Test
    void shouldTellListenersAboutEveryChangeAfterItIsStored() {
        List<RegistryChange> changes = new CopyOnWriteArrayList<>();
        store.addListener(change -> {
            assertThat(store.get(
                                    change.entry().kind(),
                                    change.entry().name(),
                                    change.entry().version())
                            .isPresent())
                    .isNotEqualTo(change.deleted());
            changes.add(change);
        });
        store.put(group("web", 1));
        store.delete(RegistryKind.ATTRIBUTE_GROUP, "web", 1);

        assertThat(changes)
                .containsExactly(new RegistryChange(group("web", 1), false), new RegistryChange(group("web", 1), true));
    }
}
