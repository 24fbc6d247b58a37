package io.signalbox.engine.registry;

import io.signalbox.attributes.AttributeGroupDefinition;
import io.signalbox.attributes.AttributeKeyDefinition;
import io.signalbox.attributes.DefinitionParser;
import io.signalbox.attributes.DefinitionWriter;
import io.signalbox.attributes.Definitions;
import io.signalbox.attributes.GroupRef;
import io.signalbox.attributes.InterventionDefinition;
import io.signalbox.attributes.ServiceDefinition;
import io.signalbox.engine.registry.RegistryException.Reason;
import io.signalbox.events.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The definitions a node works with — attribute keys, attribute groups, services and interventions — with the rules
 * the Signals API has: a name and version exist once; a published version cannot change (publishing and
 * unpublishing is the only change allowed) and must be unpublished before it is deleted; the built-in keys always
 * exist; a group's key and a service's groups must exist.
 *
 * <p>Definitions are stored as the JSON the API speaks, in a {@link RegistryStore}; every node sharing the store
 * sees the same registry.
 */
public final class Registry {
    private static final Logger LOG = LoggerFactory.getLogger(Registry.class);

    private final RegistryStore store;

    public Registry(RegistryStore store) {
        this.store = store;
        ensureBuiltInKeys();
    }

    /** The underlying store, for listeners. */
    public RegistryStore store() {
        return store;
    }

    private void ensureBuiltInKeys() {
        for (AttributeKeyDefinition key : AttributeKeyDefinition.BUILT_INS) {
            if (store.get(RegistryKind.ATTRIBUTE_KEY, key.name(), 1).isEmpty()) {
                AttributeKeyDefinition published = new AttributeKeyDefinition(
                        key.name(), key.key(), null, null, null, "Built-in attribute key", null, true);
                store.put(entry(RegistryKind.ATTRIBUTE_KEY, key.name(), 1, DefinitionWriter.attributeKey(published)));
            }
        }
    }

    // ---- reads ----

    public List<AttributeKeyDefinition> attributeKeys() {
        return read(RegistryKind.ATTRIBUTE_KEY, DefinitionParser::parseAttributeKey);
    }

    public Optional<AttributeKeyDefinition> attributeKey(String name) {
        return readOne(RegistryKind.ATTRIBUTE_KEY, name, 1, DefinitionParser::parseAttributeKey);
    }

    public List<AttributeGroupDefinition> attributeGroups() {
        return read(RegistryKind.ATTRIBUTE_GROUP, DefinitionParser::parseAttributeGroup);
    }

    public Optional<AttributeGroupDefinition> attributeGroup(String name, int version) {
        return readOne(RegistryKind.ATTRIBUTE_GROUP, name, version, DefinitionParser::parseAttributeGroup);
    }

    /** The highest version of a group. */
    public Optional<AttributeGroupDefinition> latestAttributeGroup(String name) {
        List<RegistryEntry> versions = store.versions(RegistryKind.ATTRIBUTE_GROUP, name);
        return versions.isEmpty()
                ? Optional.empty()
                : Optional.of(parse(versions.getLast(), DefinitionParser::parseAttributeGroup));
    }

    public List<ServiceDefinition> services() {
        return read(RegistryKind.SERVICE, DefinitionParser::parseService);
    }

    public Optional<ServiceDefinition> service(String name) {
        return readOne(RegistryKind.SERVICE, name, 1, DefinitionParser::parseService);
    }

    public List<InterventionDefinition> interventions() {
        return read(RegistryKind.INTERVENTION, DefinitionParser::parseIntervention);
    }

    public Optional<InterventionDefinition> intervention(String name, int version) {
        return readOne(RegistryKind.INTERVENTION, name, version, DefinitionParser::parseIntervention);
    }

    /** The highest version of an intervention. */
    public Optional<InterventionDefinition> latestIntervention(String name) {
        List<RegistryEntry> versions = store.versions(RegistryKind.INTERVENTION, name);
        return versions.isEmpty()
                ? Optional.empty()
                : Optional.of(parse(versions.getLast(), DefinitionParser::parseIntervention));
    }

    /**
     * The key a group is computed for: the registered key of the group's key name (custom keys carry their
     * property there), else the group's embedded key.
     */
    public AttributeKeyDefinition resolveKey(AttributeGroupDefinition group) {
        return attributeKey(group.attributeKey().name()).orElse(group.attributeKey());
    }

    /** Published, online stream groups: the ones the engine computes. */
    public List<AttributeGroupDefinition> computedGroups() {
        return attributeGroups().stream()
                .filter(group -> group.isPublished() && group.online() && !group.offline())
                .filter(group -> !group.attributes().isEmpty())
                .toList();
    }

    /**
     * The latest published version of a group that has the attribute, as intervention criteria resolve {@code
     * group:attribute}.
     */
    public Optional<AttributeGroupDefinition> latestPublishedWith(String groupName, String attributeName) {
        return store.versions(RegistryKind.ATTRIBUTE_GROUP, groupName).stream()
                .map(entry -> parse(entry, DefinitionParser::parseAttributeGroup))
                .filter(AttributeGroupDefinition::isPublished)
                .filter(group -> group.attribute(attributeName) != null)
                .max(Comparator.comparingInt(AttributeGroupDefinition::version));
    }

    // ---- writes ----

    public AttributeKeyDefinition createAttributeKey(AttributeKeyDefinition key) {
        requireAbsent(RegistryKind.ATTRIBUTE_KEY, key.name(), 1, "attribute key '" + key.name() + "'");
        return putKey(key);
    }

    public AttributeKeyDefinition updateAttributeKey(AttributeKeyDefinition key) {
        AttributeKeyDefinition existing =
                attributeKey(key.name()).orElseThrow(() -> notFound("attribute key '" + key.name() + "'"));
        if (AttributeKeyDefinition.isBuiltInName(key.name()) && !sameKeyColumn(existing, key)) {
            throw new RegistryException(
                    Reason.PUBLISHED, "attribute key '" + key.name() + "' is built in and cannot change");
        }
        requireChangeAllowed(
                existing.isPublished(),
                DefinitionWriter.attributeKey(withKeyPublished(existing, key.isPublished())),
                DefinitionWriter.attributeKey(key),
                "attribute key '" + key.name() + "'");
        return putKey(key);
    }

    public void deleteAttributeKey(String name) {
        if (AttributeKeyDefinition.isBuiltInName(name)) {
            throw new RegistryException(Reason.PUBLISHED, "attribute key '" + name + "' is built in");
        }
        AttributeKeyDefinition existing =
                attributeKey(name).orElseThrow(() -> notFound("attribute key '" + name + "'"));
        requireUnpublished(existing.isPublished(), "attribute key '" + name + "'");
        boolean used =
                attributeGroups().stream().anyMatch(g -> g.attributeKey().name().equals(name));
        if (used) {
            throw new RegistryException(
                    Reason.INVALID_REFERENCE, "attribute key '" + name + "' is used by attribute groups");
        }
        store.delete(RegistryKind.ATTRIBUTE_KEY, name, 1);
    }

    public AttributeGroupDefinition createAttributeGroup(AttributeGroupDefinition group) {
        requireAbsent(RegistryKind.ATTRIBUTE_GROUP, group.name(), group.version(), group.describe());
        return putGroup(group);
    }

    public AttributeGroupDefinition updateAttributeGroup(AttributeGroupDefinition group) {
        AttributeGroupDefinition existing =
                attributeGroup(group.name(), group.version()).orElseThrow(() -> notFound(group.describe()));
        requireChangeAllowed(
                existing.isPublished(),
                DefinitionWriter.attributeGroup(withGroupPublished(existing, group.isPublished())),
                DefinitionWriter.attributeGroup(group),
                group.describe());
        return putGroup(group);
    }

    public void deleteAttributeGroup(String name, int version) {
        AttributeGroupDefinition existing =
                attributeGroup(name, version).orElseThrow(() -> notFound("attribute group '" + name + "' v" + version));
        requireUnpublished(existing.isPublished(), existing.describe());
        for (ServiceDefinition service : services()) {
            if (service.attributeGroups().contains(new GroupRef(name, version))) {
                throw new RegistryException(
                        Reason.INVALID_REFERENCE,
                        existing.describe() + " is used by service '" + service.name() + "'; change the service first");
            }
        }
        store.delete(RegistryKind.ATTRIBUTE_GROUP, name, version);
    }

    public ServiceDefinition createService(ServiceDefinition service) {
        requireAbsent(RegistryKind.SERVICE, service.name(), 1, "service '" + service.name() + "'");
        return putService(service);
    }

    /** Services have no versions: an update replaces the service. */
    public ServiceDefinition updateService(ServiceDefinition service) {
        service(service.name()).orElseThrow(() -> notFound("service '" + service.name() + "'"));
        return putService(service);
    }

    public void deleteService(String name) {
        service(name).orElseThrow(() -> notFound("service '" + name + "'"));
        store.delete(RegistryKind.SERVICE, name, 1);
    }

    public InterventionDefinition createIntervention(InterventionDefinition intervention) {
        requireAbsent(RegistryKind.INTERVENTION, intervention.name(), intervention.version(), intervention.describe());
        return putIntervention(intervention);
    }

    public InterventionDefinition updateIntervention(InterventionDefinition intervention) {
        InterventionDefinition existing = intervention(intervention.name(), intervention.version())
                .orElseThrow(() -> notFound(intervention.describe()));
        requireChangeAllowed(
                existing.isPublished(),
                DefinitionWriter.intervention(withInterventionPublished(existing, intervention.isPublished())),
                DefinitionWriter.intervention(intervention),
                intervention.describe());
        return putIntervention(intervention);
    }

    public void deleteIntervention(String name, int version) {
        InterventionDefinition existing =
                intervention(name, version).orElseThrow(() -> notFound("intervention '" + name + "' v" + version));
        requireUnpublished(existing.isPublished(), existing.describe());
        store.delete(RegistryKind.INTERVENTION, name, version);
    }

    /**
     * Loads definitions from a file's content, in dependency order (keys, groups, services, interventions): what is
     * missing is created, what is identical is left alone, an unpublished definition is updated, and a published
     * one that differs is refused with a message naming it.
     *
     * @return how many definitions were created or changed
     */
    public int load(Definitions definitions, String source) {
        int changed = 0;
        for (AttributeKeyDefinition key : definitions.attributeKeys()) {
            changed += upsert(
                    attributeKey(key.name()).map(DefinitionWriter::attributeKey),
                    DefinitionWriter.attributeKey(key),
                    () -> createAttributeKey(key),
                    () -> updateAttributeKey(key));
        }
        for (AttributeGroupDefinition group : definitions.attributeGroups()) {
            changed += upsert(
                    attributeGroup(group.name(), group.version()).map(DefinitionWriter::attributeGroup),
                    DefinitionWriter.attributeGroup(group),
                    () -> createAttributeGroup(group),
                    () -> updateAttributeGroup(group));
        }
        for (ServiceDefinition service : definitions.services()) {
            changed += upsert(
                    service(service.name()).map(DefinitionWriter::service),
                    DefinitionWriter.service(service),
                    () -> createService(service),
                    () -> updateService(service));
        }
        for (InterventionDefinition intervention : definitions.interventions()) {
            changed += upsert(
                    intervention(intervention.name(), intervention.version()).map(DefinitionWriter::intervention),
                    DefinitionWriter.intervention(intervention),
                    () -> createIntervention(intervention),
                    () -> updateIntervention(intervention));
        }
        LOG.info("Loaded definitions source=[{}] changed=[{}]", source, changed);
        return changed;
    }

    private static int upsert(Optional<JsonNode> existing, JsonNode wanted, Runnable create, Runnable update) {
        if (existing.isEmpty()) {
            create.run();
            return 1;
        }
        if (existing.get().equals(wanted)) {
            return 0;
        }
        update.run();
        return 1;
    }

    // ---- helpers ----

    private AttributeKeyDefinition putKey(AttributeKeyDefinition key) {
        store.put(entry(RegistryKind.ATTRIBUTE_KEY, key.name(), 1, DefinitionWriter.attributeKey(key)));
        return key;
    }

    private AttributeGroupDefinition putGroup(AttributeGroupDefinition group) {
        String keyName = group.attributeKey().name();
        Optional<AttributeKeyDefinition> registered = attributeKey(keyName);
        if (registered.isEmpty()) {
            if (group.attributeKey().keyProperty() == null) {
                throw new RegistryException(
                        Reason.INVALID_REFERENCE,
                        group.describe() + ": attribute_key '" + keyName
                                + "' is not registered; publish the attribute key first");
            }
            putKey(group.attributeKey());
        }
        store.put(entry(
                RegistryKind.ATTRIBUTE_GROUP, group.name(), group.version(), DefinitionWriter.attributeGroup(group)));
        return group;
    }

    private ServiceDefinition putService(ServiceDefinition service) {
        for (GroupRef ref : service.attributeGroups()) {
            if (attributeGroup(ref.name(), ref.version()).isEmpty()) {
                throw new RegistryException(
                        Reason.INVALID_REFERENCE,
                        "service '" + service.name() + "': attribute group '" + ref.name() + "' v" + ref.version()
                                + " does not exist");
            }
        }
        store.put(entry(RegistryKind.SERVICE, service.name(), 1, DefinitionWriter.service(service)));
        return service;
    }

    private InterventionDefinition putIntervention(InterventionDefinition intervention) {
        store.put(entry(
                RegistryKind.INTERVENTION,
                intervention.name(),
                intervention.version(),
                DefinitionWriter.intervention(intervention)));
        return intervention;
    }

    private void requireAbsent(RegistryKind kind, String name, int version, String what) {
        if (store.get(kind, name, version).isPresent()) {
            throw new RegistryException(
                    Reason.ALREADY_EXISTS, what + " already exists; update it, or create a new version");
        }
    }

    private static void requireChangeAllowed(
            boolean existingPublished, JsonNode existingWithNewFlag, JsonNode wanted, String what) {
        if (existingPublished && !existingWithNewFlag.equals(wanted)) {
            throw new RegistryException(
                    Reason.PUBLISHED,
                    what + " is published and cannot be changed; unpublish it or create a new version");
        }
    }

    private static void requireUnpublished(boolean published, String what) {
        if (published) {
            throw new RegistryException(Reason.PUBLISHED, what + " is published; unpublish it before deleting it");
        }
    }

    private static RegistryException notFound(String what) {
        return new RegistryException(Reason.NOT_FOUND, what + " does not exist");
    }

    private static boolean sameKeyColumn(AttributeKeyDefinition a, AttributeKeyDefinition b) {
        return Objects.equals(a.keyProperty(), b.keyProperty());
    }

    private static AttributeKeyDefinition withKeyPublished(AttributeKeyDefinition key, boolean published) {
        return new AttributeKeyDefinition(
                key.name(),
                key.key(),
                key.property(),
                key.externalColumn(),
                key.ttl(),
                key.description(),
                key.owner(),
                published);
    }

    private static AttributeGroupDefinition withGroupPublished(AttributeGroupDefinition g, boolean published) {
        return new AttributeGroupDefinition(
                g.name(),
                g.version(),
                g.attributeKey(),
                g.attributes(),
                g.ttl(),
                g.online(),
                g.offline(),
                published,
                g.backfillSinceTstamp(),
                g.owner(),
                g.description(),
                g.fields(),
                g.batchSource());
    }

    private static InterventionDefinition withInterventionPublished(InterventionDefinition i, boolean published) {
        return new InterventionDefinition(
                i.name(),
                i.version(),
                i.criteria(),
                i.targetAttributeKeys(),
                i.payloadAttributeGroups(),
                i.description(),
                i.owner(),
                published);
    }

    private static RegistryEntry entry(RegistryKind kind, String name, int version, JsonNode json) {
        return new RegistryEntry(kind, name, version, Json.write(json));
    }

    private <T> List<T> read(RegistryKind kind, Function<JsonNode, T> parser) {
        List<T> items = new ArrayList<>();
        for (RegistryEntry entry : store.list(kind)) {
            items.add(parse(entry, parser));
        }
        return items;
    }

    private <T> Optional<T> readOne(RegistryKind kind, String name, int version, Function<JsonNode, T> parser) {
        return store.get(kind, name, version).map(entry -> parse(entry, parser));
    }

    private static <T> T parse(RegistryEntry entry, Function<JsonNode, T> parser) {
        return parser.apply(Json.parse(entry.json()));
    }
}
