package io.signalbox.app.bench;

import io.signalbox.attributes.core.CompiledGroup;
import io.signalbox.attributes.core.ProfileState;
import io.signalbox.engine.profile.ProfileKeys;
import io.signalbox.engine.profile.RocksProfileStore;
import io.signalbox.engine.store.EmbeddedStore;
import io.signalbox.events.EnrichedEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the API does for one identifier of one attribute group, without HTTP: read the profile from RocksDB, decode
 * its state and compute the twenty attribute values as of now; against the ceiling of the RocksDB point read alone.
 * Run by {@code signalbox bench api} through JMH.
 */
public class ProfileReadMicrobenchmark {

    /** A store holding the {@code prospect_scoring} profiles of the engine benchmark's workload. */
    @State(Scope.Benchmark)
    public static class Profiles {
        Path dir;
        EmbeddedStore store;
        RocksProfileStore profiles;
        CompiledGroup group;
        String groupName;
        String[] keys;
        Instant asOf = Instant.parse("2025-05-01T00:00:00Z");

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            group = EngineWorkload.prospectScoringGroup();
            groupName = group.definition().fullName();
            Map<String, ProfileState> states = new HashMap<>();
            for (EnrichedEvent event :
                    EngineWorkload.stream(EngineBenchmark.EVENTS, EngineBenchmark.KEYS, new Random(42))) {
                String key = group.keyOf(event);
                if (key != null) {
                    group.apply(states.computeIfAbsent(key, unused -> group.newState()), event);
                }
            }
            dir = Files.createTempDirectory("signalbox-profile-read");
            store = EmbeddedStore.open(dir, 256L << 20);
            List<String> written = new ArrayList<>();
            for (Map.Entry<String, ProfileState> entry : states.entrySet()) {
                store.db()
                        .put(
                                store.family(EmbeddedStore.Family.PROFILES),
                                ProfileKeys.of(groupName, entry.getKey()),
                                group.encode(entry.getValue()));
                written.add(entry.getKey());
            }
            store.flush();
            profiles = new RocksProfileStore(store);
            keys = written.toArray(new String[0]);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            store.close();
            io.signalbox.app.FileTrees.delete(dir);
        }
    }

    /** Which profile an operation reads: every thread walks the keys in its own order. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        String key(Profiles profiles) {
            next = next + 1 == profiles.keys.length ? 0 : next + 1;
            return profiles.keys[next];
        }
    }

    /** Reads, decodes and evaluates one profile as the API serves it. */
    @Benchmark
    public Map<String, Object> readAndEvaluate(Profiles profiles, Cursor cursor) {
        byte[] bytes = profiles.profiles.get(profiles.groupName, cursor.key(profiles));
        return profiles.group.values(profiles.group.decode(bytes), profiles.asOf);
    }

    /** The ceiling: the RocksDB point read of the same profile. */
    @Benchmark
    public byte[] rocksDbRead(Profiles profiles, Cursor cursor) {
        return profiles.profiles.get(profiles.groupName, cursor.key(profiles));
    }
}
