package io.signalbox.attributes;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A versioned set of attributes computed for one attribute key.
 *
 * <p>Stream groups ({@code offline:false}) hold attributes that the engine computes from events. Batch groups
 * ({@code offline:true}) are registered and served but computed elsewhere; external batch groups carry {@code fields}
 * and a {@code batch_source} instead of attributes, which are kept as given and echoed.
 *
 * @param name the group's name
 * @param version the group's version, 1 to 1,000,000
 * @param attributeKey the key, possibly only a name to resolve against registered keys
 * @param attributes the attributes; empty for external batch groups
 * @param ttl the time to live of its lifetime attributes, or {@code null}
 * @param online whether its values are served
 * @param offline whether it is a batch group
 * @param isPublished whether it is published (computed and served)
 * @param backfillSinceTstamp where a backfill starts, or {@code null}
 * @param owner the owner's email, or {@code null}
 * @param description free text, or {@code null}
 * @param fields the {@code fields} of an external batch group, as given, or {@code null}
 * @param batchSource the {@code batch_source} of an external batch group, as given, or {@code null}
 */
public record AttributeGroupDefinition(
        String name,
        int version,
        AttributeKeyDefinition attributeKey,
        List<AttributeDefinition> attributes,
        Duration ttl,
        boolean online,
        boolean offline,
        boolean isPublished,
        Instant backfillSinceTstamp,
        String owner,
        String description,
        JsonNode fields,
        JsonNode batchSource) {

    public AttributeGroupDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(attributeKey, "attributeKey");
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
    }

    /** The attribute of that name, or {@code null}. */
    public AttributeDefinition attribute(String attributeName) {
        for (AttributeDefinition attribute : attributes) {
            if (attribute.name().equals(attributeName)) {
                return attribute;
            }
        }
        return null;
    }

    /** {@code name_vN}, as qualified attribute names and Feast write it. */
    public String fullName() {
        return name + "_v" + version;
    }

    /** A short description for messages: {@code attribute group 'web_user' v2}. */
    public String describe() {
        return "attribute group '" + name + "' v" + version;
    }
}
