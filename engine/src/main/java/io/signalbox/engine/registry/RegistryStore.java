package io.signalbox.engine.registry;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Durable storage of definitions, shared by every part of a node (and, in the cluster mode, by every node). It stores
 * what it is given; validation and the rules about published versions belong to the layer above.
 */
public interface RegistryStore {

    Optional<RegistryEntry> get(RegistryKind kind, String name, int version);

    /** All versions of one name, lowest first. */
    List<RegistryEntry> versions(RegistryKind kind, String name);

    /** Every entry of a kind, by name then version. */
    List<RegistryEntry> list(RegistryKind kind);

    /** Creates or replaces an entry and tells the listeners. */
    void put(RegistryEntry entry);

    /** Removes an entry; returns whether it existed. */
    boolean delete(RegistryKind kind, String name, int version);

    /**
     * Registers a listener told about every change after it is stored, including changes made by other nodes where
     * the store is shared. Listeners must be quick and must not throw.
     */
    void addListener(Consumer<RegistryChange> listener);

    /**
     * A change to the registry.
     *
     * @param entry the entry as stored, or as it was before deletion
     * @param deleted whether it was removed
     */
    record RegistryChange(RegistryEntry entry, boolean deleted) {}
}
