package io.signalbox.engine.registry;

import java.util.Objects;

/**
 * One stored definition.
 *
 * @param kind what it defines
 * @param name its name
 * @param version its version; 1 for unversioned kinds
 * @param json the definition as JSON text, in the Signals API's shape
 */
public record RegistryEntry(RegistryKind kind, String name, int version, String json) {
    public RegistryEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(json, "json");
        if (version < 1) {
            throw new IllegalArgumentException("registry version must be at least 1, was " + version);
        }
    }
}
