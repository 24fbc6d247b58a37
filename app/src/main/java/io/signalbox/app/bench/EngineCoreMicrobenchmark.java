package io.signalbox.app.bench;

import io.signalbox.attributes.core.CompiledGroup;
import io.signalbox.attributes.core.ProfileState;
import io.signalbox.events.EnrichedEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The attribute engine's pure core for the twenty-attribute {@code prospect_scoring} group: one event applied to its
 * profile's state per operation, against the ceiling of only finding that profile. Run by {@code signalbox bench
 * engine} through JMH.
 */
public class EngineCoreMicrobenchmark {

    /** The workload and the states of every profile, kept across operations as the processor's cache keeps them. */
    @State(Scope.Thread)
    public static class Workload {
        CompiledGroup group;
        EnrichedEvent[] events;
        Map<String, ProfileState> states;
        Map<String, Integer> seen;
        int next;

        @Setup
        public void setUp() throws Exception {
            group = EngineWorkload.prospectScoringGroup();
            List<EnrichedEvent> stream =
                    EngineWorkload.stream(EngineBenchmark.EVENTS, EngineBenchmark.KEYS, new Random(42));
            events = stream.toArray(new EnrichedEvent[0]);
            states = new HashMap<>();
            seen = new HashMap<>();
        }

        EnrichedEvent nextEvent() {
            EnrichedEvent event = events[next];
            next = next + 1 == events.length ? 0 : next + 1;
            return event;
        }
    }

    /** Applies the next event of the stream to its profile. */
    @Benchmark
    public boolean applyEvent(Workload workload) {
        EnrichedEvent event = workload.nextEvent();
        String key = workload.group.keyOf(event);
        if (key == null) {
            return false;
        }
        ProfileState state = workload.states.computeIfAbsent(key, unused -> workload.group.newState());
        return workload.group.apply(state, event);
    }

    /** The ceiling: finds the next event's profile and does nothing with it. */
    @Benchmark
    public Object findProfileOnly(Workload workload) {
        EnrichedEvent event = workload.nextEvent();
        String key = workload.group.keyOf(event);
        return key == null ? null : workload.seen.merge(key, 1, Integer::sum);
    }
}
