package io.signalbox.cluster;

import io.signalbox.attributes.AttributeGroupDefinition;
import io.signalbox.attributes.core.CompiledGroup;
import io.signalbox.engine.processor.ActiveGroup;
import io.signalbox.engine.registry.Registry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The groups the cluster engine computes, compiled once per registry change and shared by every stream thread: the
 * published online groups by attribute-key name, and the names of every registered group (so that the data of a
 * deleted group can be removed).
 */
final class ComputedGroups {
    private static final Logger LOG = LoggerFactory.getLogger(ComputedGroups.class);

    private final Registry registry;
    private final AtomicBoolean stale = new AtomicBoolean(true);
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Set.of(), Set.of());

    /**
     * One registry state.
     *
     * @param byKeyName computed groups by the name of their attribute key
     * @param computed full names of the computed groups
     * @param registered full names of every registered group version
     */
    record Snapshot(Map<String, List<ActiveGroup>> byKeyName, Set<String> computed, Set<String> registered) {}

    ComputedGroups(Registry registry) {
        this.registry = registry;
        registry.store().addListener(change -> stale.set(true));
    }

    Snapshot current() {
        if (stale.compareAndSet(true, false)) {
            try {
                snapshot = build(snapshot);
            } catch (RuntimeException e) {
                stale.set(true);
                LOG.warn("Cannot read the computed groups, keeping the previous ones: {}", e.toString());
            }
        }
        return snapshot;
    }

    private Snapshot build(Snapshot previous) {
        Map<String, ActiveGroup> reusable = new HashMap<>();
        previous.byKeyName().values().forEach(groups -> groups.forEach(g -> reusable.put(g.fullName(), g)));
        Map<String, List<ActiveGroup>> byKeyName = new HashMap<>();
        Set<String> computed = new HashSet<>();
        for (AttributeGroupDefinition definition : registry.computedGroups()) {
            ActiveGroup group = reusable.get(definition.fullName());
            var key = registry.resolveKey(definition);
            if (group == null
                    || !group.definition().equals(definition)
                    || !group.key().equals(key)) {
                try {
                    group = new ActiveGroup(definition, key, CompiledGroup.compile(definition, key));
                } catch (RuntimeException e) {
                    LOG.warn("Cannot compute {}: {}", definition.describe(), e.getMessage());
                    continue;
                }
            }
            byKeyName.computeIfAbsent(key.name(), k -> new ArrayList<>()).add(group);
            computed.add(group.fullName());
        }
        Set<String> registered = new HashSet<>();
        registry.attributeGroups().forEach(group -> registered.add(group.fullName()));
        if (!computed.equals(previous.computed())) {
            LOG.info("Cluster engine computes groups=[{}]", computed);
        }
        Map<String, List<ActiveGroup>> frozen = new HashMap<>();
        byKeyName.forEach((name, groups) -> frozen.put(name, List.copyOf(groups)));
        return new Snapshot(Map.copyOf(frozen), Set.copyOf(computed), Set.copyOf(registered));
    }
}
