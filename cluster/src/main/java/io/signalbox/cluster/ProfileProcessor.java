package io.signalbox.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.signalbox.api.interventions.InterventionSink;
import io.signalbox.api.interventions.InterventionTrigger;
import io.signalbox.api.interventions.Target;
import io.signalbox.attributes.core.CompiledGroup;
import io.signalbox.attributes.core.ProfileState;
import io.signalbox.attributes.core.StateFormatException;
import io.signalbox.engine.processor.ActiveGroup;
import io.signalbox.engine.profile.ProfileKeys;
import io.signalbox.engine.profile.ProfileStore;
import io.signalbox.engine.store.Keys;
import io.signalbox.events.EnrichedEvent;
import io.signalbox.events.EnrichedTsv;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The second step of the cluster engine, one instance per task: folds each routed event into the profiles of the
 * computed groups of its attribute key with the same {@link CompiledGroup} as the embedded processor, and keeps the
 * encoded states in the task's store, whose changelog the {@link ProfileMaterialiser} copies to Redis.
 *
 * <p>Exactly once: the store's changelog, the consumed offsets and the interventions sent downstream are written in
 * one Kafka transaction (exactly-once v2). After a crash the store is restored to the last committed transaction and
 * the events after it are processed again: none is lost, none counts twice.
 *
 * <p>A group counts the events of a task from the first one the task sees after the group is published; that
 * offset is kept in the store, so that a replay after a crash starts the group at the same event. The rule
 * interventions of {@link InterventionTrigger} are evaluated on every change and forwarded as records of the
 * interventions topic in the same transaction, so the API nodes (reading committed records only) deliver each once,
 * and never one of a rolled-back change. A sweep deletes expired profiles and the profiles of deleted groups.
 */
final class ProfileProcessor implements Processor<String, byte[], String, byte[]> {
    /** The state store of the profiles. */
    static final String STORE = "signalbox-profiles";

    private static final Logger LOG = LoggerFactory.getLogger(ProfileProcessor.class);
    private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(30);
    private static final int SWEEP_CHUNK = 5_000;
    private static final String START_PREFIX = "\0start\0";

    private final ComputedGroups groups;
    private final InstantSource clock;
    private final EngineCounters counters;
    private final ThreadTriggers triggers;
    private final TaskProfiles taskProfiles = new TaskProfiles();
    private final Forwarding forwarding = new Forwarding();
    private final Map<String, Long> starts = new HashMap<>();
    private ProcessorContext<String, byte[]> context;
    private KeyValueStore<Bytes, byte[]> store;
    private InterventionTrigger trigger;
    private Bytes sweepCursor;

    ProfileProcessor(ComputedGroups groups, ThreadTriggers triggers, InstantSource clock, EngineCounters counters) {
        this.groups = groups;
        this.triggers = triggers;
        this.clock = clock;
        this.counters = counters;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        context.schedule(SWEEP_INTERVAL, PunctuationType.WALL_CLOCK_TIME, timestamp -> sweep());
    }

    @Override
    public void process(Record<String, byte[]> record) {
        String routedKey = record.key();
        int separator = routedKey == null ? -1 : routedKey.indexOf('\0');
        if (separator <= 0 || record.value() == null) {
            counters.unreadable.increment();
            return;
        }
        List<ActiveGroup> computed = groups.current().byKeyName().get(routedKey.substring(0, separator));
        if (computed == null) {
            return;
        }
        String key = routedKey.substring(separator + 1);
        long offset = context.recordMetadata().map(RecordMetadata::offset).orElse(0L);
        EnrichedEvent event;
        try {
            event = EnrichedTsv.parseLazy(new String(record.value(), UTF_8));
        } catch (RuntimeException e) {
            counters.unreadable.increment();
            LOG.debug("Skipping a routed entry that is not an enriched event: {}", e.getMessage());
            return;
        }
        Instant now = clock.instant();
        trigger = triggers.bind(taskProfiles, forwarding);
        for (ActiveGroup group : computed) {
            if (offset >= startOf(group, offset)) {
                apply(group, key, event, now);
            }
        }
        trigger.onCommit(offset);
        counters.processed.increment();
    }

    private void apply(ActiveGroup group, String key, EnrichedEvent event, Instant now) {
        CompiledGroup compiled = group.compiled();
        Bytes storeKey = Bytes.wrap(ProfileKeys.of(group.fullName(), key));
        ProfileState state = load(compiled, storeKey);
        try {
            Set<String> wanted = trigger.valuesBefore(group);
            Map<String, Object> before = wanted.isEmpty() ? null : compiled.values(state, now, wanted);
            if (!compiled.apply(state, event)) {
                return;
            }
            trigger.onChange(group, key, event, before, state, now);
        } catch (IllegalArgumentException e) {
            counters.unreadable.increment();
            LOG.debug("Skipping an event with a malformed value for {}: {}", group.fullName(), e.getMessage());
            return;
        }
        Instant expiresAt = compiled.expiresAt(state);
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            store.delete(storeKey);
        } else {
            store.put(storeKey, compiled.encode(state));
        }
    }

    private ProfileState load(CompiledGroup compiled, Bytes storeKey) {
        byte[] stored = store.get(storeKey);
        if (stored != null) {
            try {
                return compiled.decode(stored);
            } catch (StateFormatException e) {
                LOG.warn(
                        "Replacing an unreadable profile of {}: {}",
                        compiled.definition().fullName(),
                        e.getMessage());
            }
        }
        return compiled.newState();
    }

    /** The first offset of this task that the group counts; the current one when the task meets the group. */
    private long startOf(ActiveGroup group, long offset) {
        Long start = starts.get(group.fullName());
        if (start != null) {
            return start;
        }
        Bytes startKey = startKey(group.fullName());
        byte[] stored = store.get(startKey);
        long first = stored == null ? offset : Keys.readSequence(stored);
        if (stored == null) {
            store.put(startKey, Keys.sequence(first));
            LOG.info(
                    "Computing attribute group [{}] in task [{}] from offset [{}]",
                    group.fullName(),
                    context.taskId(),
                    first);
        }
        starts.put(group.fullName(), first);
        return first;
    }

    private static Bytes startKey(String groupFullName) {
        return Bytes.wrap((START_PREFIX + groupFullName).getBytes(UTF_8));
    }

    /** Deletes, a chunk at a time, expired profiles and everything of groups that are no longer registered. */
    private void sweep() {
        ComputedGroups.Snapshot snapshot = groups.current();
        Map<String, CompiledGroup> compiled = new HashMap<>();
        snapshot.byKeyName().values().forEach(list -> list.forEach(g -> compiled.put(g.fullName(), g.compiled())));
        Instant now = clock.instant();
        List<Bytes> doomed = new ArrayList<>();
        int examined = 0;
        try (KeyValueIterator<Bytes, byte[]> entries =
                sweepCursor == null ? store.all() : store.range(sweepCursor, null)) {
            sweepCursor = null;
            while (entries.hasNext()) {
                KeyValue<Bytes, byte[]> entry = entries.next();
                if (++examined > SWEEP_CHUNK) {
                    sweepCursor = entry.key;
                    break;
                }
                if (isDoomed(entry, snapshot, compiled, now)) {
                    doomed.add(entry.key);
                }
            }
        }
        for (Bytes key : doomed) {
            store.delete(key);
        }
        if (!doomed.isEmpty()) {
            starts.clear();
            LOG.debug("Swept {} profiles in task {}", doomed.size(), context.taskId());
        }
    }

    private static boolean isDoomed(
            KeyValue<Bytes, byte[]> entry,
            ComputedGroups.Snapshot snapshot,
            Map<String, CompiledGroup> compiled,
            Instant now) {
        byte[] key = entry.key.get();
        if (key.length > 0 && key[0] == 0) {
            String group = new String(key, START_PREFIX.length(), key.length - START_PREFIX.length(), UTF_8);
            return !snapshot.registered().contains(group);
        }
        String group = ProfileKeys.groupOf(key);
        if (!snapshot.registered().contains(group)) {
            return true;
        }
        CompiledGroup core = compiled.get(group);
        if (core == null) {
            return false;
        }
        try {
            Instant expiresAt = core.expiresAt(core.decode(entry.value));
            return expiresAt != null && !expiresAt.isAfter(now);
        } catch (StateFormatException e) {
            return false;
        }
    }

    /** Profiles of other groups as the trigger reads them: the task's store holds every group of the same key. */
    private final class TaskProfiles implements ProfileStore {
        @Override
        public byte[] get(String groupFullName, String key) {
            return store.get(Bytes.wrap(ProfileKeys.of(groupFullName, key)));
        }

        @Override
        public Map<String, byte[]> getAll(String groupFullName, List<String> keys) {
            Map<String, byte[]> found = new HashMap<>();
            for (String key : keys) {
                byte[] state = get(groupFullName, key);
                if (state != null) {
                    found.put(key, state);
                }
            }
            return found;
        }
    }

    /** Interventions that fire go downstream, into the transaction of the change that fired them. */
    private final class Forwarding implements InterventionSink {
        @Override
        public boolean hasSubscribers(List<Target> targets) {
            return true;
        }

        @Override
        public int deliver(ObjectNode payload, List<Target> targets) {
            return forward(payload, targets, false);
        }

        /** Forwarded with the hold flag: the API node that gets the visitor's next stream sends it then. */
        @Override
        public int deliverOrHold(ObjectNode payload, List<Target> targets) {
            return forward(payload, targets, true);
        }

        private int forward(ObjectNode payload, List<Target> targets, boolean hold) {
            context.forward(new Record<>(
                    targets.getFirst().id(),
                    InterventionMessages.encode(payload, targets, hold),
                    context.currentSystemTimeMs()));
            counters.interventions.increment();
            return 1;
        }
    }
}
