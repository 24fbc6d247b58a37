package io.signalbox.engine.processor;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.signalbox.attributes.AttributeGroupDefinition;
import io.signalbox.attributes.core.CompiledGroup;
import io.signalbox.attributes.core.ProfileState;
import io.signalbox.attributes.core.StateFormatException;
import io.signalbox.engine.log.EventLog;
import io.signalbox.engine.log.LogRecord;
import io.signalbox.engine.profile.ProfileKeys;
import io.signalbox.engine.registry.Registry;
import io.signalbox.engine.store.EmbeddedStore;
import io.signalbox.engine.store.EmbeddedStore.Family;
import io.signalbox.engine.store.Keys;
import io.signalbox.engine.store.StoreException;
import io.signalbox.events.EnrichedEvent;
import io.signalbox.events.EnrichedTsv;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded attribute engine: one thread that follows the event log and keeps every computed group's profiles
 * up to date.
 *
 * <p>Exactly once: the profiles an event batch changed and the log offset after the batch are written in one
 * RocksDB write batch. RocksDB recovers its write-ahead log to a consistent prefix, so after a crash at any point the
 * store holds either a batch's states and its offset or neither, and processing resumes at the stored offset: no
 * event is lost and none counts twice.
 *
 * <p>Group versions: a newly published version is computed from the events that arrive after it is picked up; with
 * {@code backfill_since_tstamp} it first replays warehouse history from that time ({@link BackfillSource}). The
 * snapshot tells which log offset the history covers, so live processing of the group starts exactly there. A
 * backfill runs on the processor thread and holds up other groups while it runs; its progress is written in chunks
 * and redone from scratch if the process stops before it completes.
 *
 * <p>Expired profiles (see {@link CompiledGroup#expiresAt}) are deleted by a sweep that runs in small steps while
 * the log is idle.
 */
public final class AttributeProcessor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AttributeProcessor.class);
    private static final byte[] OFFSET_KEY = "processor/offset".getBytes(UTF_8);
    private static final Duration IDLE_WAIT = Duration.ofMillis(200);
    private static final Duration SUMMARY_INTERVAL = Duration.ofMinutes(1);
    private static final int BACKFILL_CHUNK_EVENTS = 20_000;

    private final EmbeddedStore store;
    private final ColumnFamilyHandle profiles;
    private final ColumnFamilyHandle meta;
    private final EventLog log;
    private final Registry registry;
    private final BackfillSource backfill;
    private final ProcessorListener listener;
    private final InstantSource clock;
    private final ProcessorConfig config;
    private final StateCache cache;
    private final WriteOptions writeOptions = new WriteOptions();
    private final AtomicBoolean groupsChanged = new AtomicBoolean(true);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong processedEvents = new AtomicLong();
    private final AtomicLong unreadableEvents = new AtomicLong();
    private final ReentrantLock commitLock = new ReentrantLock();
    private final Condition commitAdvanced = commitLock.newCondition();
    private final Map<String, Activation> active = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile long committedOffset;
    private byte[] sweepCursor;
    private long lastSweepStartNanos;
    private long lastSummaryNanos = System.nanoTime();
    private long eventsAtLastSummary;

    /** A computed group and the first log offset it counts. */
    private record Activation(ActiveGroup group, long startOffset) {}

    /**
     * Starts the processor thread.
     *
     * @param backfill history for {@code backfill_since_tstamp}, or {@code null} when there is no warehouse
     */
    public AttributeProcessor(
            EmbeddedStore store,
            EventLog log,
            Registry registry,
            BackfillSource backfill,
            ProcessorListener listener,
            InstantSource clock,
            ProcessorConfig config) {
        this.store = store;
        this.profiles = store.family(Family.PROFILES);
        this.meta = store.family(Family.META);
        this.log = log;
        this.registry = registry;
        this.backfill = backfill;
        this.listener = listener;
        this.clock = clock;
        this.config = config;
        this.cache = new StateCache(config.cachedProfiles());
        this.committedOffset = readLong(OFFSET_KEY, 0);
        registry.store().addListener(change -> groupsChanged.set(true));
        this.thread = Thread.ofPlatform().name("attribute-processor").start(this::run);
    }

    /** The committed offset stored in a store, as a processor would resume from it. */
    public static long storedOffset(EmbeddedStore store) {
        try {
            byte[] value = store.db().get(store.family(Family.META), OFFSET_KEY);
            return value == null ? 0 : Keys.readSequence(value);
        } catch (RocksDBException e) {
            throw new StoreException("cannot read processor state: " + e.getMessage(), e);
        }
    }

    /** The log offset up to which (exclusive) every event is reflected in the stored profiles. */
    public long committedOffset() {
        return committedOffset;
    }

    /** Log entries gone through since start (applied, or passed over while no group is active). */
    public long processedEvents() {
        return processedEvents.get();
    }

    /** Log entries that could not be read as events (counted and skipped); found only while a group is active. */
    public long unreadableEvents() {
        return unreadableEvents.get();
    }

    /** How many logged events wait to be processed. */
    public long lag() {
        return Math.max(0, log.endOffset() - committedOffset);
    }

    /** The groups being computed, by full name. */
    public Set<String> activeGroups() {
        return Set.copyOf(active.keySet());
    }

    /**
     * Waits until every event before {@code offset} is committed.
     *
     * @return whether it is, within the timeout
     */
    public boolean awaitCommitted(long offset, Duration timeout) throws InterruptedException {
        long remaining = timeout.toNanos();
        commitLock.lock();
        try {
            while (committedOffset < offset && remaining > 0) {
                remaining = commitAdvanced.awaitNanos(remaining);
            }
            return committedOffset >= offset;
        } finally {
            commitLock.unlock();
        }
    }

    private void run() {
        LOG.info("Attribute processor started offset=[{}]", committedOffset);
        while (running.get()) {
            try {
                if (groupsChanged.getAndSet(false)) {
                    refreshGroups();
                }
                List<LogRecord> batch = log.read(committedOffset, config.maxBatchEvents());
                if (batch.isEmpty()) {
                    sweepStep();
                    log.awaitOffset(committedOffset, IDLE_WAIT);
                    continue;
                }
                processBatch(batch);
                maybeLogSummary();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.error("Attribute processor failed, retrying in 1 s: {}", e.toString(), e);
                cacheAfterFailure();
                pause(Duration.ofSeconds(1));
            }
        }
        LOG.info("Attribute processor stopped offset=[{}]", committedOffset);
    }

    private void processBatch(List<LogRecord> batch) {
        Instant now = clock.instant();
        if (active.isEmpty()) {
            // No group computes anything from these events, so they are passed over without being decoded.
            processedEvents.addAndGet(batch.size());
            commit(batch.getLast().offset() + 1, now);
            return;
        }
        for (LogRecord record : batch) {
            EnrichedEvent event = readEvent(record);
            if (event == null) {
                continue;
            }
            try {
                for (Activation activation : active.values()) {
                    if (record.offset() >= activation.startOffset()) {
                        apply(activation.group(), event, now, true);
                    }
                }
                processedEvents.incrementAndGet();
            } catch (IllegalArgumentException e) {
                unreadableEvents.incrementAndGet();
                LOG.warn("Skipping log entry offset=[{}] with a malformed value: {}", record.offset(), e.getMessage());
            }
        }
        commit(batch.getLast().offset() + 1, now);
    }

    private EnrichedEvent readEvent(LogRecord record) {
        try {
            return EnrichedTsv.parseLazy(new String(record.payload(), UTF_8));
        } catch (RuntimeException e) {
            unreadableEvents.incrementAndGet();
            LOG.warn(
                    "Skipping log entry offset=[{}] that is not an enriched event: {}",
                    record.offset(),
                    e.getMessage());
            return null;
        }
    }

    /** Applies an event to its profile; {@code live} events are told to the listener, replayed history is not. */
    private void apply(ActiveGroup group, EnrichedEvent event, Instant now, boolean live) {
        CompiledGroup compiled = group.compiled();
        String key = compiled.keyOf(event);
        if (key == null || !compiled.isRelevant(event)) {
            return;
        }
        StateCache.CacheKey cacheKey = new StateCache.CacheKey(group.fullName(), key);
        StateCache.Entry entry = load(group, cacheKey);
        Set<String> wanted = live ? listener.valuesBefore(group) : Set.of();
        Map<String, Object> before = wanted.isEmpty() ? null : compiled.values(entry.state, now, wanted);
        if (compiled.apply(entry.state, event)) {
            cache.markDirty(cacheKey, entry);
            if (live) {
                listener.onChange(group, key, event, before, entry.state, now);
            }
        }
    }

    private StateCache.Entry load(ActiveGroup group, StateCache.CacheKey cacheKey) {
        StateCache.Entry entry = cache.get(cacheKey);
        if (entry != null) {
            return entry;
        }
        ProfileState state = null;
        try {
            byte[] stored = store.db().get(profiles, ProfileKeys.of(cacheKey.group(), cacheKey.key()));
            if (stored != null) {
                state = group.compiled().decode(stored);
            }
        } catch (RocksDBException e) {
            throw new StoreException("cannot read a profile: " + e.getMessage(), e);
        } catch (StateFormatException e) {
            LOG.warn("Replacing an unreadable profile of {}: {}", cacheKey.group(), e.getMessage());
        }
        return cache.put(cacheKey, state != null ? state : group.compiled().newState());
    }

    /** Writes the dirty profiles and the new offset in one atomic batch. */
    private void commit(long newOffset, Instant now) {
        try (WriteBatch batch = new WriteBatch()) {
            writeDirty(batch, now);
            batch.put(meta, OFFSET_KEY, Keys.sequence(newOffset));
            store.db().write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw new StoreException("cannot commit profiles: " + e.getMessage(), e);
        }
        cache.committed();
        publishCommitted(newOffset);
        listener.onCommit(newOffset);
    }

    private void writeDirty(WriteBatch batch, Instant now) throws RocksDBException {
        for (StateCache.CacheKey key : cache.dirtyKeys()) {
            StateCache.Entry entry = cache.get(key);
            Activation activation = active.get(key.group());
            if (entry == null || activation == null) {
                continue;
            }
            CompiledGroup compiled = activation.group().compiled();
            byte[] storeKey = ProfileKeys.of(key.group(), key.key());
            Instant expiresAt = compiled.expiresAt(entry.state);
            if (expiresAt != null && !expiresAt.isAfter(now)) {
                batch.delete(profiles, storeKey);
            } else {
                batch.put(profiles, storeKey, compiled.encode(entry.state));
            }
        }
    }

    private void publishCommitted(long offset) {
        commitLock.lock();
        try {
            committedOffset = offset;
            commitAdvanced.signalAll();
        } finally {
            commitLock.unlock();
        }
    }

    // ---- group activation ----

    private void refreshGroups() {
        Map<String, AttributeGroupDefinition> wanted = new LinkedHashMap<>();
        for (AttributeGroupDefinition group : registry.computedGroups()) {
            wanted.put(group.fullName(), group);
        }
        Set<String> registered = registeredGroupNames();
        for (Iterator<String> names = active.keySet().iterator(); names.hasNext(); ) {
            String name = names.next();
            if (!wanted.containsKey(name)) {
                names.remove();
                cache.removeGroup(name);
                LOG.info("Stopped computing attribute group [{}]", name);
                if (!registered.contains(name)) {
                    deleteGroupData(name);
                }
            }
        }
        for (AttributeGroupDefinition group : wanted.values()) {
            if (!active.containsKey(group.fullName())) {
                activate(group);
            }
        }
    }

    private Set<String> registeredGroupNames() {
        Set<String> names = new java.util.HashSet<>();
        registry.attributeGroups().forEach(group -> names.add(group.fullName()));
        return names;
    }

    private void activate(AttributeGroupDefinition definition) {
        ActiveGroup group;
        try {
            group = new ActiveGroup(
                    definition,
                    registry.resolveKey(definition),
                    CompiledGroup.compile(definition, registry.resolveKey(definition)));
        } catch (RuntimeException e) {
            LOG.warn("Cannot compute {}: {}", definition.describe(), e.getMessage());
            return;
        }
        byte[] startKey = startKey(group.fullName());
        long start = readLong(startKey, -1);
        if (start < 0) {
            start = definition.backfillSinceTstamp() != null && backfill != null
                    ? backfillGroup(group)
                    : beginLive(group, startKey);
        }
        active.put(group.fullName(), new Activation(group, start));
        LOG.info("Computing attribute group [{}] from log offset [{}]", group.fullName(), start);
    }

    private long beginLive(ActiveGroup group, byte[] startKey) {
        try (WriteBatch batch = new WriteBatch()) {
            batch.deleteRange(
                    profiles, ProfileKeys.groupStart(group.fullName()), ProfileKeys.groupEnd(group.fullName()));
            batch.put(meta, startKey, Keys.sequence(committedOffset));
            store.db().write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw new StoreException("cannot start a group: " + e.getMessage(), e);
        }
        return committedOffset;
    }

    /**
     * Replays history into a group's profiles, then the log entries between the history's end and the processor's
     * position, and records where live processing starts, all before the group joins the live set.
     */
    private long backfillGroup(ActiveGroup group) {
        String name = group.fullName();
        Instant since = group.definition().backfillSinceTstamp();
        LOG.info("Backfilling attribute group [{}] from history since [{}]", name, since);
        long started = System.nanoTime();
        deleteGroupData(name);
        Activation provisional = new Activation(group, Long.MAX_VALUE);
        active.put(name, provisional);
        long historyEnd;
        long events = 0;
        try (BackfillSource.Snapshot snapshot = backfill.since(since)) {
            historyEnd = snapshot.logOffset();
            Instant now = clock.instant();
            Iterator<EnrichedEvent> history = snapshot.events();
            while (history.hasNext()) {
                apply(group, history.next(), now, false);
                if (++events % BACKFILL_CHUNK_EVENTS == 0) {
                    flushWithoutOffset(now);
                }
            }
            events += replayLog(group, historyEnd, committedOffset, now);
            try (WriteBatch batch = new WriteBatch()) {
                writeDirty(batch, now);
                batch.put(meta, startKey(name), Keys.sequence(historyEnd));
                store.db().write(writeOptions, batch);
            } catch (RocksDBException e) {
                throw new StoreException("cannot finish a backfill: " + e.getMessage(), e);
            }
            cache.committed();
        } finally {
            active.remove(name);
        }
        LOG.info(
                "Backfilled attribute group [{}] events=[{}] log_offset=[{}] took_ms=[{}]",
                name,
                events,
                historyEnd,
                (System.nanoTime() - started) / 1_000_000);
        return historyEnd;
    }

    private long replayLog(ActiveGroup group, long from, long until, Instant now) {
        long replayed = 0;
        long offset = from;
        while (offset < until) {
            List<LogRecord> records = log.read(offset, (int) Math.min(config.maxBatchEvents(), until - offset));
            if (records.isEmpty()) {
                break;
            }
            for (LogRecord record : records) {
                EnrichedEvent event = readEvent(record);
                if (event != null) {
                    apply(group, event, now, false);
                    replayed++;
                }
            }
            offset = records.getLast().offset() + 1;
            flushWithoutOffset(now);
        }
        return replayed;
    }

    private void flushWithoutOffset(Instant now) {
        try (WriteBatch batch = new WriteBatch()) {
            writeDirty(batch, now);
            store.db().write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw new StoreException("cannot write backfilled profiles: " + e.getMessage(), e);
        }
        cache.committed();
    }

    private void deleteGroupData(String name) {
        try (WriteBatch batch = new WriteBatch()) {
            batch.deleteRange(profiles, ProfileKeys.groupStart(name), ProfileKeys.groupEnd(name));
            batch.delete(meta, startKey(name));
            store.db().write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw new StoreException("cannot delete a group's profiles: " + e.getMessage(), e);
        }
        cache.removeGroup(name);
    }

    private static byte[] startKey(String groupFullName) {
        return ("group/" + groupFullName + "/start").getBytes(UTF_8);
    }

    // ---- expiry sweep ----

    /** Examines a chunk of stored profiles and deletes the expired ones; one full pass per sweep interval. */
    private void sweepStep() {
        long nowNanos = System.nanoTime();
        if (sweepCursor == null
                && nowNanos - lastSweepStartNanos < config.sweepInterval().toNanos()) {
            return;
        }
        if (sweepCursor == null) {
            lastSweepStartNanos = nowNanos;
            sweepCursor = new byte[0];
        }
        Instant now = clock.instant();
        List<byte[]> expired = new ArrayList<>();
        int examined = 0;
        try (RocksIterator iterator = store.db().newIterator(profiles)) {
            iterator.seek(sweepCursor);
            for (; iterator.isValid() && examined < config.sweepChunk(); iterator.next(), examined++) {
                byte[] key = iterator.key();
                Activation activation = active.get(ProfileKeys.groupOf(key));
                if (activation != null && isExpired(activation.group().compiled(), iterator.value(), now)) {
                    expired.add(key);
                }
            }
            sweepCursor = iterator.isValid() ? iterator.key() : null;
        }
        deleteExpired(expired);
    }

    private static boolean isExpired(CompiledGroup compiled, byte[] encoded, Instant now) {
        try {
            Instant expiresAt = compiled.expiresAt(compiled.decode(encoded));
            return expiresAt != null && !expiresAt.isAfter(now);
        } catch (StateFormatException e) {
            return false;
        }
    }

    private void deleteExpired(List<byte[]> expired) {
        if (expired.isEmpty()) {
            return;
        }
        try (WriteBatch batch = new WriteBatch()) {
            for (byte[] key : expired) {
                batch.delete(profiles, key);
                cache.remove(new StateCache.CacheKey(ProfileKeys.groupOf(key), ProfileKeys.keyOf(key)));
            }
            store.db().write(writeOptions, batch);
        } catch (RocksDBException e) {
            throw new StoreException("cannot delete expired profiles: " + e.getMessage(), e);
        }
        LOG.debug("Deleted {} expired profiles", expired.size());
    }

    // ---- helpers ----

    private long readLong(byte[] key, long missing) {
        try {
            byte[] value = store.db().get(meta, key);
            return value == null ? missing : Keys.readSequence(value);
        } catch (RocksDBException e) {
            throw new StoreException("cannot read processor state: " + e.getMessage(), e);
        }
    }

    /** After a failed batch the cache may hold changes that were not committed: forget them all. */
    private void cacheAfterFailure() {
        for (StateCache.CacheKey key : List.copyOf(cache.dirtyKeys())) {
            cache.remove(key);
        }
        cache.committed();
        listener.onRollback();
    }

    private void maybeLogSummary() {
        long now = System.nanoTime();
        if (now - lastSummaryNanos < SUMMARY_INTERVAL.toNanos()) {
            return;
        }
        long events = processedEvents.get();
        double seconds = (now - lastSummaryNanos) / 1e9;
        LOG.info(
                "Attribute processor events_per_second=[{}] offset=[{}] lag=[{}] cached_profiles=[{}] unreadable=[{}]",
                Math.round((events - eventsAtLastSummary) / seconds),
                committedOffset,
                lag(),
                cache.size(),
                unreadableEvents.get());
        lastSummaryNanos = now;
        eventsAtLastSummary = events;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Finishes the batch in hand and stops; everything processed is committed. */
    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writeOptions.close();
    }
}
