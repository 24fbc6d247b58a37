package io.signalbox.api.interventions;

import io.signalbox.attributes.AttributeGroupDefinition;
import io.signalbox.attributes.AttributeKeyDefinition;
import io.signalbox.attributes.GroupRef;
import io.signalbox.attributes.InterventionDefinition;
import io.signalbox.attributes.Property;
import io.signalbox.attributes.core.CompiledGroup;
import io.signalbox.attributes.core.InterventionRule;
import io.signalbox.attributes.core.ProfileState;
import io.signalbox.engine.processor.ActiveGroup;
import io.signalbox.engine.processor.ProcessorListener;
import io.signalbox.engine.profile.ProfileStore;
import io.signalbox.engine.registry.Registry;
import io.signalbox.events.EnrichedEvent;
import io.signalbox.events.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Evaluates the published rule interventions as the engine updates profiles, and hands those that fire to the {@link
 * InterventionHub} (or, in the cluster mode, another {@link InterventionSink}) once the update is committed.
 *
 * <p>A criterion {@code group:attribute} refers to the latest published version of the group that has the attribute.
 * When an event changes a profile of such a version, each rule that refers to it is evaluated on the values before
 * and after the change; it fires on the edge from false to true (see {@link InterventionRule#fires}). Attributes of
 * other groups in the same rule are read from the profile store as last committed. The targets are the rule's
 * {@code target_attribute_keys} (by default the keys of the groups it refers to), with their ids taken from the
 * triggering event; a custom key other than the changed group's own cannot be taken from the event and is skipped.
 * The payload carries the current values of the rule's {@code payload_attribute_groups}, or else of the attributes
 * it refers to. Interventions of changes that are rolled back are dropped with them, so each fires once. One that
 * fires while nobody listens is held briefly for the first stream of its targets ({@link
 * InterventionSink#deliverOrHold}).
 */
public final class InterventionTrigger implements ProcessorListener {
    private static final Logger LOG = LoggerFactory.getLogger(InterventionTrigger.class);

    private final Registry registry;
    private final ProfileStore profiles;
    private final InterventionSink hub;
    private final AtomicBoolean stale = new AtomicBoolean(true);
    private final List<Pending> pending = new ArrayList<>();
    private volatile Rules rules = new Rules(Map.of(), Map.of());

    /** A rule with its references resolved to group versions. */
    private record Armed(
            InterventionRule rule,
            Map<String, CompiledGroup> groupOf,
            List<AttributeKeyDefinition> targetKeys,
            List<CompiledGroup> payloadGroups) {}

    /**
     * The armed rules by the full name of each group version they refer to, and the attributes of each such group
     * the rules read.
     */
    private record Rules(Map<String, List<Armed>> byGroup, Map<String, Set<String>> attributesByGroup) {}

    private record Pending(ObjectNode payload, List<Target> targets) {}

    public InterventionTrigger(Registry registry, ProfileStore profiles, InterventionSink hub) {
        this.registry = registry;
        this.profiles = profiles;
        this.hub = hub;
        registry.store().addListener(change -> stale.set(true));
    }

    @Override
    public Set<String> valuesBefore(ActiveGroup group) {
        return current().attributesByGroup().getOrDefault(group.fullName(), Set.of());
    }

    @Override
    public void onChange(
            ActiveGroup group,
            String key,
            EnrichedEvent event,
            Map<String, Object> before,
            ProfileState state,
            Instant now) {
        List<Armed> armed = current().byGroup().get(group.fullName());
        if (armed == null || before == null) {
            return;
        }
        Map<String, Object> after = group.compiled()
                .values(state, now, current().attributesByGroup().get(group.fullName()));
        Map<String, Map<String, Object>> others = new HashMap<>();
        for (Armed rule : armed) {
            Function<String, Object> oldValues = ref -> value(rule, ref, group, key, before, others, now);
            Function<String, Object> newValues = ref -> value(rule, ref, group, key, after, others, now);
            if (rule.rule().fires(oldValues, newValues)) {
                fire(rule, group, key, event, after, state, others, now);
            }
        }
    }

    @Override
    public void onCommit(long offset) {
        for (Pending fired : pending) {
            hub.deliverOrHold(fired.payload(), fired.targets());
        }
        pending.clear();
    }

    @Override
    public void onRollback() {
        pending.clear();
    }

    private Object value(
            Armed rule,
            String ref,
            ActiveGroup changed,
            String key,
            Map<String, Object> changedValues,
            Map<String, Map<String, Object>> others,
            Instant now) {
        CompiledGroup group = rule.groupOf().get(ref);
        if (group == null) {
            return null;
        }
        String attribute = ref.substring(ref.indexOf(':') + 1);
        if (group.definition().fullName().equals(changed.fullName())) {
            return changedValues.get(attribute);
        }
        Map<String, Object> values = stored(group, changed, key, others, now);
        return values == null ? null : values.get(attribute);
    }

    /** The committed values of another group for the same key value, when it has the same key. */
    private Map<String, Object> stored(
            CompiledGroup group, ActiveGroup changed, String key, Map<String, Map<String, Object>> cache, Instant now) {
        String fullName = group.definition().fullName();
        if (cache.containsKey(fullName)) {
            return cache.get(fullName);
        }
        Map<String, Object> values = null;
        if (group.attributeKey().name().equals(changed.key().name())) {
            byte[] bytes = profiles.get(fullName, key);
            if (bytes != null) {
                try {
                    values = group.values(group.decode(bytes), now);
                } catch (RuntimeException e) {
                    LOG.debug("Unreadable profile of {}: {}", fullName, e.getMessage());
                }
            }
        }
        cache.put(fullName, values);
        return values;
    }

    private void fire(
            Armed rule,
            ActiveGroup changed,
            String key,
            EnrichedEvent event,
            Map<String, Object> after,
            ProfileState state,
            Map<String, Map<String, Object>> others,
            Instant now) {
        List<Target> targets = targets(rule, changed, key, event);
        if (targets.isEmpty()) {
            return;
        }
        InterventionDefinition definition = rule.rule().definition();
        ObjectNode payload = Json.NODES.objectNode();
        payload.put("intervention_id", UUID.randomUUID().toString());
        payload.put("name", definition.name());
        payload.put("version", definition.version());
        ObjectNode attributes = payload.putObject("attributes");
        if (rule.payloadGroups().isEmpty()) {
            for (String ref : rule.rule().references()) {
                Object value = value(rule, ref, changed, key, after, others, now);
                InterventionPayloads.putAll(
                        attributes, java.util.Collections.singletonMap(ref.substring(ref.indexOf(':') + 1), value));
            }
        } else {
            for (CompiledGroup group : rule.payloadGroups()) {
                Map<String, Object> values = group.definition().fullName().equals(changed.fullName())
                        ? group.values(state, now)
                        : stored(group, changed, key, others, now);
                if (values != null) {
                    InterventionPayloads.putAll(attributes, values);
                }
            }
        }
        pending.add(new Pending(payload, targets));
    }

    /** The rule's target keys with their ids: the changed profile's key, or the key's column of the event. */
    private static List<Target> targets(Armed rule, ActiveGroup changed, String key, EnrichedEvent event) {
        Set<Target> targets = new LinkedHashSet<>();
        for (AttributeKeyDefinition target : rule.targetKeys()) {
            if (target.name().equals(changed.key().name())) {
                targets.add(new Target(target.name(), key));
                continue;
            }
            Property property = target.keyProperty();
            if (property instanceof Property.Atomic atomic && atomic.datePart() == null) {
                Object id = event.get(atomic.field());
                if (id instanceof String text && !text.isEmpty()) {
                    targets.add(new Target(target.name(), text));
                }
            }
        }
        return List.copyOf(targets);
    }

    private Rules current() {
        if (stale.compareAndSet(true, false)) {
            try {
                rules = build();
            } catch (RuntimeException e) {
                stale.set(true);
                LOG.warn("Cannot arm interventions, keeping the previous rules: {}", e.getMessage());
            }
        }
        return rules;
    }

    private Rules build() {
        Map<String, CompiledGroup> compiled = new HashMap<>();
        Map<String, List<Armed>> byGroup = new HashMap<>();
        Map<String, Set<String>> attributesByGroup = new HashMap<>();
        for (InterventionDefinition definition : registry.interventions()) {
            if (!definition.isPublished()) {
                continue;
            }
            InterventionRule rule = InterventionRule.compile(definition);
            Map<String, CompiledGroup> groupOf = new HashMap<>();
            for (String ref : rule.references()) {
                String groupName = ref.substring(0, ref.indexOf(':'));
                String attribute = ref.substring(ref.indexOf(':') + 1);
                registry.latestPublishedWith(groupName, attribute).ifPresent(group -> {
                    groupOf.put(ref, compile(group, compiled));
                    attributesByGroup
                            .computeIfAbsent(group.fullName(), n -> new LinkedHashSet<>())
                            .add(attribute);
                });
            }
            List<CompiledGroup> payloadGroups = new ArrayList<>();
            for (GroupRef ref : definition.payloadAttributeGroups()) {
                registry.attributeGroup(ref.name(), ref.version())
                        .ifPresent(group -> payloadGroups.add(compile(group, compiled)));
            }
            Armed armed = new Armed(rule, groupOf, targetKeys(definition, groupOf), payloadGroups);
            groupOf.values().stream()
                    .map(group -> group.definition().fullName())
                    .distinct()
                    .forEach(fullName -> byGroup.computeIfAbsent(fullName, n -> new ArrayList<>())
                            .add(armed));
        }
        LOG.info(
                "Armed interventions groups=[{}] rules=[{}]",
                byGroup.keySet(),
                byGroup.values().stream().mapToInt(List::size).sum());
        Map<String, Set<String>> attributes = new HashMap<>();
        attributesByGroup.forEach((group, names) -> attributes.put(group, Set.copyOf(names)));
        return new Rules(Map.copyOf(byGroup), Map.copyOf(attributes));
    }

    private List<AttributeKeyDefinition> targetKeys(
            InterventionDefinition definition, Map<String, CompiledGroup> groupOf) {
        Set<AttributeKeyDefinition> keys = new LinkedHashSet<>();
        if (definition.targetAttributeKeys().isEmpty()) {
            groupOf.values().forEach(group -> keys.add(group.attributeKey()));
        } else {
            for (AttributeKeyDefinition key : definition.targetAttributeKeys()) {
                keys.add(registry.attributeKey(key.name()).orElse(key));
            }
        }
        return List.copyOf(keys);
    }

    private CompiledGroup compile(AttributeGroupDefinition group, Map<String, CompiledGroup> compiled) {
        return compiled.computeIfAbsent(
                group.fullName(), name -> CompiledGroup.compile(group, registry.resolveKey(group)));
    }
}
