package io.signalbox.engine.registry;

/** The kinds of definitions the registry holds. */
public enum RegistryKind {
    ATTRIBUTE_KEY("attribute_keys", false),
    ATTRIBUTE_GROUP("attribute_groups", true),
    SERVICE("services", false),
    INTERVENTION("interventions", true);

    private final String pathName;
    private final boolean versioned;

    RegistryKind(String pathName, boolean versioned) {
        this.pathName = pathName;
        this.versioned = versioned;
    }

    /** The collection name in the API's paths, such as {@code attribute_groups}. */
    public String pathName() {
        return pathName;
    }

    /** Whether entries of this kind have versions (groups and interventions); others are stored as version 1. */
    public boolean versioned() {
        return versioned;
    }
}
