package io.signalbox.attributes;

import java.util.Objects;

/**
 * A reference to one version of an attribute group.
 *
 * @param name the group's name
 * @param version the group's version, 1 when not given
 */
public record GroupRef(String name, int version) {
    public GroupRef {
        Objects.requireNonNull(name, "name");
    }
}
