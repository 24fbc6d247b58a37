package io.signalbox.attributes;

import java.util.List;

/**
 * The content of a definition document: attribute keys, attribute groups, services and interventions. See {@link
 * DefinitionParser} for the file format.
 *
 * @param attributeKeys custom (or re-declared built-in) attribute keys
 * @param attributeGroups attribute groups
 * @param services services
 * @param interventions rule interventions
 */
public record Definitions(
        List<AttributeKeyDefinition> attributeKeys,
        List<AttributeGroupDefinition> attributeGroups,
        List<ServiceDefinition> services,
        List<InterventionDefinition> interventions) {

    public Definitions {
        attributeKeys = attributeKeys == null ? List.of() : List.copyOf(attributeKeys);
        attributeGroups = attributeGroups == null ? List.of() : List.copyOf(attributeGroups);
        services = services == null ? List.of() : List.copyOf(services);
        interventions = interventions == null ? List.of() : List.copyOf(interventions);
    }

    /** The group of that name and version, or {@code null}. */
    public AttributeGroupDefinition attributeGroup(String name, int version) {
        for (AttributeGroupDefinition group : attributeGroups) {
            if (group.name().equals(name) && group.version() == version) {
                return group;
            }
        }
        return null;
    }

    /** The service of that name, or {@code null}. */
    public ServiceDefinition service(String name) {
        for (ServiceDefinition service : services) {
            if (service.name().equals(name)) {
                return service;
            }
        }
        return null;
    }

    /**
     * The key a group is computed for: a key of this document with the name of the group's key, else the group's
     * own (embedded) key, which for a built-in name reads the built-in column.
     */
    public AttributeKeyDefinition resolveKey(AttributeGroupDefinition group) {
        String name = group.attributeKey().name();
        for (AttributeKeyDefinition key : attributeKeys) {
            if (key.name().equals(name)) {
                return key;
            }
        }
        return group.attributeKey();
    }
}
