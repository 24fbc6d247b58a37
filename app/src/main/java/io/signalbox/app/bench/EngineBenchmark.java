package io.signalbox.app.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.signalbox.attributes.AttributeGroupDefinition;
import io.signalbox.attributes.DefinitionParser;
import io.signalbox.attributes.Definitions;
import io.signalbox.attributes.core.CompiledGroup;
import io.signalbox.attributes.core.ProfileState;
import io.signalbox.engine.log.LogRecord;
import io.signalbox.engine.log.RocksEventLog;
import io.signalbox.engine.log.SyncPolicy;
import io.signalbox.engine.processor.AttributeProcessor;
import io.signalbox.engine.processor.ProcessorConfig;
import io.signalbox.engine.processor.ProcessorListener;
import io.signalbox.engine.profile.ProfileKeys;
import io.signalbox.engine.registry.Registry;
import io.signalbox.engine.registry.RocksRegistryStore;
import io.signalbox.engine.store.EmbeddedStore;
import io.signalbox.events.EnrichedEvent;
import io.signalbox.events.EnrichedTsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.rocksdb.RocksIterator;

/**
 * Engine throughput on one thread for the twenty-attribute {@code prospect_scoring} group: the pure core (events
 * already decoded, states in a map; a JMH microbenchmark, {@link EngineCoreMicrobenchmark}) against the ceiling of
 * only finding each event's profile; the heap a profile's state takes against its encoded form; the persisted
 * processor (reading the RocksDB log, decoding TSV, applying, committing states with offsets) against the ceiling
 * of a consumer that only reads the log; and the bytes a profile takes, against the bytes of the events it sums up.
 */
public final class EngineBenchmark implements Benchmark {
    static final int EVENTS = 400_000;
    static final int KEYS = 5_000;

    @Override
    public String name() {
        return "engine";
    }

    @Override
    public String description() {
        return "engine events/s on one thread, pure core and with RocksDB persistence; bytes per profile";
    }

    @Override
    public List<Figure> run(BenchOptions options) throws Exception {
        Definitions definitions = DefinitionParser.parseDocument(Files.readString(definitionsFile()));
        AttributeGroupDefinition group = definitions.attributeGroup("prospect_scoring", 1);
        CompiledGroup compiled = CompiledGroup.compile(group, definitions.resolveKey(group));
        List<EnrichedEvent> events = EngineWorkload.stream(EVENTS, KEYS, new Random(42));
        List<Figure> figures = new ArrayList<>();
        figures.add(pureCore());
        figures.add(heapPerProfile(compiled, events));
        figures.addAll(persisted(definitions, events, options.workDir().resolve("engine-" + UUID.randomUUID())));
        return figures;
    }

    private static Path definitionsFile() {
        String root = System.getProperty("signalbox.root", ".");
        return Path.of(root, "definitions", "prospect_scoring.json");
    }

    private static Figure pureCore() throws org.openjdk.jmh.runner.RunnerException {
        Map<String, Double> scores = Microbenchmarks.run(
                EngineCoreMicrobenchmark.class,
                org.openjdk.jmh.annotations.Mode.Throughput,
                java.util.concurrent.TimeUnit.SECONDS);
        return new Figure(
                "engine_core_events_per_second",
                scores.get("applyEvent"),
                "events/s",
                scores.get("findProfileOnly"),
                "profile lookup only",
                true);
    }

    /**
     * The heap the engine's in-memory state of one profile takes (as the processor caches it), against its encoded
     * form in the store: live heap after a full collection with the states of every key held, less the heap without.
     */
    private static Figure heapPerProfile(CompiledGroup group, List<EnrichedEvent> events) {
        long before = liveHeapBytes();
        Map<String, ProfileState> states = new HashMap<>();
        for (EnrichedEvent event : events) {
            String key = group.keyOf(event);
            if (key != null) {
                group.apply(states.computeIfAbsent(key, k -> group.newState()), event);
            }
        }
        long after = liveHeapBytes();
        long encoded = 0;
        for (ProfileState state : states.values()) {
            encoded += group.encode(state).length;
        }
        return new Figure(
                "profile_heap_bytes",
                (after - before) / (double) states.size(),
                "bytes",
                encoded / (double) states.size(),
                "encoded state",
                false);
    }

    private static long liveHeapBytes() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static List<Figure> persisted(Definitions definitions, List<EnrichedEvent> events, Path dir)
            throws Exception {
        long end;
        long rawBytes = 0;
        try (EmbeddedStore store = EmbeddedStore.open(dir, 256L << 20);
                RocksEventLog log = new RocksEventLog(store, SyncPolicy.OS_BUFFERED, 1L << 30)) {
            List<byte[]> chunk = new ArrayList<>();
            end = 0;
            for (EnrichedEvent event : events) {
                byte[] line = EnrichedTsv.format(event).getBytes(UTF_8);
                rawBytes += line.length;
                chunk.add(line);
                if (chunk.size() == 5_000) {
                    end = log.append(chunk, List.of()).get();
                    chunk = new ArrayList<>();
                }
            }
            if (!chunk.isEmpty()) {
                end = log.append(chunk, List.of()).get();
            }
        }
        double readOnly = 0;
        double processed = 0;
        long profiles;
        long encodedBytes = 0;
        long diskBytes;
        try (EmbeddedStore store = EmbeddedStore.open(dir, 256L << 20);
                RocksEventLog log = new RocksEventLog(store, SyncPolicy.OS_BUFFERED, 1L << 30)) {
            for (int round = 0; round < 3; round++) {
                long started = System.nanoTime();
                long offset = 0;
                List<LogRecord> batch;
                while (!(batch = log.read(offset, ProcessorConfig.defaults().maxBatchEvents())).isEmpty()) {
                    offset = batch.getLast().offset() + 1;
                }
                readOnly = Math.max(readOnly, end / ((System.nanoTime() - started) / 1e9));
            }
            Registry registry = new Registry(new RocksRegistryStore(store));
            AttributeGroupDefinition group = definitions.attributeGroup("prospect_scoring", 1);
            registry.load(new Definitions(List.of(), List.of(group), List.of(), List.of()), "bench");
            long started = System.nanoTime();
            try (AttributeProcessor processor = new AttributeProcessor(
                    store,
                    log,
                    registry,
                    null,
                    ProcessorListener.NONE,
                    InstantSource.fixed(Instant.parse("2025-04-01T00:00:00Z")),
                    ProcessorConfig.defaults())) {
                if (!processor.awaitCommitted(end, Duration.ofMinutes(10))) {
                    throw new IllegalStateException("the processor did not catch up within 10 minutes");
                }
                processed = end / ((System.nanoTime() - started) / 1e9);
            }
            profiles = 0;
            try (RocksIterator iterator = store.db().newIterator(store.family(EmbeddedStore.Family.PROFILES))) {
                byte[] from = ProfileKeys.groupStart(group.fullName());
                for (iterator.seek(from); iterator.isValid(); iterator.next()) {
                    profiles++;
                    encodedBytes += iterator.value().length;
                }
            }
            store.flush();
            diskBytes = Long.parseLong(store.db()
                    .getProperty(store.family(EmbeddedStore.Family.PROFILES), "rocksdb.total-sst-files-size"));
        }
        double perProfile = encodedBytes / (double) profiles;
        return List.of(
                new Figure(
                        "engine_persisted_events_per_second", processed, "events/s", readOnly, "log read only", true),
                new Figure(
                        "profile_bytes_encoded",
                        perProfile,
                        "bytes",
                        rawBytes / (double) profiles,
                        "events as TSV",
                        false),
                new Figure(
                        "profile_bytes_on_disk",
                        diskBytes / (double) profiles,
                        "bytes",
                        perProfile,
                        "encoded, uncompressed",
                        false));
    }
}
