package io.signalbox.attributes;

import java.util.List;
import java.util.Objects;

/**
 * A rule intervention: when its criteria become true for a profile, a payload is sent to the profile's subscribers.
 *
 * @param name the intervention's name
 * @param version its version, 1 to 1,000,000
 * @param criteria the condition
 * @param targetAttributeKeys the keys whose subscribers receive it; empty means the keys of the referenced groups
 * @param payloadAttributeGroups the groups whose values go into the payload
 * @param description free text, or {@code null}
 * @param owner the owner's email, or {@code null}
 * @param isPublished whether it is published
 */
public record InterventionDefinition(
        String name,
        int version,
        InterventionCriteria criteria,
        List<AttributeKeyDefinition> targetAttributeKeys,
        List<GroupRef> payloadAttributeGroups,
        String description,
        String owner,
        boolean isPublished) {

    public InterventionDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(criteria, "criteria");
        targetAttributeKeys = targetAttributeKeys == null ? List.of() : List.copyOf(targetAttributeKeys);
        payloadAttributeGroups = payloadAttributeGroups == null ? List.of() : List.copyOf(payloadAttributeGroups);
    }

    /** A short description for messages: {@code intervention 'cart_nudge' v3}. */
    public String describe() {
        return "intervention '" + name + "' v" + version;
    }
}
