package io.signalbox.attributes;

import java.util.List;
import java.util.Objects;

/**
 * A named set of pinned attribute-group versions that clients read together.
 *
 * @param name the service's name
 * @param attributeGroups the groups, 1 to 100
 * @param description free text, or {@code null}
 * @param owner the owner's email, or {@code null}
 * @param isPublished whether it is published
 */
public record ServiceDefinition(
        String name, List<GroupRef> attributeGroups, String description, String owner, boolean isPublished) {
    public ServiceDefinition {
        Objects.requireNonNull(name, "name");
        attributeGroups = List.copyOf(attributeGroups);
    }
}
