package io.signalbox.cluster;

import io.signalbox.api.interventions.InterventionSink;
import io.signalbox.api.interventions.InterventionTrigger;
import io.signalbox.api.interventions.Target;
import io.signalbox.engine.profile.ProfileStore;
import io.signalbox.engine.registry.Registry;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * One {@link InterventionTrigger} per stream thread, lent to the task whose record the thread is processing. A
 * trigger arms its rules once per registry change and listens to the registry for the rest of its life, so it is
 * made once per thread rather than once for every task a rebalance creates.
 */
final class ThreadTriggers {
    private final ThreadLocal<Bound> perThread;

    ThreadTriggers(Registry registry) {
        this.perThread = ThreadLocal.withInitial(() -> new Bound(registry));
    }

    /**
     * The current thread's trigger, reading profiles from and sending interventions to the given task's. Whatever a
     * record that failed part-way left pending is dropped: that record is processed again.
     */
    InterventionTrigger bind(ProfileStore profiles, InterventionSink sink) {
        Bound bound = perThread.get();
        bound.trigger.onRollback();
        bound.profiles = profiles;
        bound.sink = sink;
        return bound.trigger;
    }

    /** The trigger and what it is lent to. */
    private static final class Bound implements ProfileStore, InterventionSink {
        private final InterventionTrigger trigger;
        private ProfileStore profiles;
        private InterventionSink sink;

        Bound(Registry registry) {
            this.trigger = new InterventionTrigger(registry, this, this);
        }

        @Override
        public byte[] get(String groupFullName, String key) {
            return profiles.get(groupFullName, key);
        }

        @Override
        public Map<String, byte[]> getAll(String groupFullName, List<String> keys) {
            return profiles.getAll(groupFullName, keys);
        }

        @Override
        public boolean hasSubscribers(List<Target> targets) {
            return sink.hasSubscribers(targets);
        }

        @Override
        public int deliver(ObjectNode payload, List<Target> targets) {
            return sink.deliver(payload, targets);
        }

        @Override
        public int deliverOrHold(ObjectNode payload, List<Target> targets) {
            return sink.deliverOrHold(payload, targets);
        }
    }
}
