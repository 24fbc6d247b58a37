package io.signalbox.api.serving;

import io.signalbox.attributes.AttributeGroupDefinition;
import io.signalbox.attributes.ServiceDefinition;
import io.signalbox.attributes.core.CompiledGroup;
import io.signalbox.engine.registry.Registry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the serving routes need from the registry, parsed and compiled once: every attribute group by full name with
 * its compiled core, and every service by name. Rebuilt on the first read after the registry changes, so the hot
 * path of {@code get-online-attributes} reads no definitions from the store.
 */
public final class ServingView {
    private final Registry registry;
    private final AtomicBoolean stale = new AtomicBoolean(true);
    private volatile Snapshot snapshot;

    /** The definitions as of one registry state. */
    record Snapshot(Map<String, CompiledGroup> groups, Map<String, ServiceDefinition> services) {}

    public ServingView(Registry registry) {
        this.registry = registry;
        registry.store().addListener(change -> stale.set(true));
    }

    /** The compiled group of {@code name_vN}, or null when no such group version exists. */
    public CompiledGroup group(String fullName) {
        return current().groups().get(fullName);
    }

    /** The service, or null. */
    public ServiceDefinition service(String name) {
        return current().services().get(name);
    }

    /** Every group version, compiled. */
    public List<CompiledGroup> groups() {
        return List.copyOf(current().groups().values());
    }

    private Snapshot current() {
        Snapshot current = snapshot;
        if (current != null && !stale.get()) {
            return current;
        }
        synchronized (this) {
            if (snapshot == null || stale.get()) {
                stale.set(false);
                snapshot = build(snapshot);
            }
            return snapshot;
        }
    }

    private Snapshot build(Snapshot previous) {
        Map<String, CompiledGroup> groups = new HashMap<>();
        for (AttributeGroupDefinition group : registry.attributeGroups()) {
            CompiledGroup reused = previous == null ? null : previous.groups().get(group.fullName());
            boolean same = reused != null
                    && reused.definition().equals(group)
                    && reused.attributeKey().equals(registry.resolveKey(group));
            groups.put(group.fullName(), same ? reused : CompiledGroup.compile(group, registry.resolveKey(group)));
        }
        Map<String, ServiceDefinition> services = new HashMap<>();
        registry.services().forEach(service -> services.put(service.name(), service));
        return new Snapshot(Map.copyOf(groups), Map.copyOf(services));
    }
}
