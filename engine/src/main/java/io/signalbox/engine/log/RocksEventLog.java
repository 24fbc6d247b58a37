package io.signalbox.engine.log;

import io.signalbox.engine.store.EmbeddedStore;
import io.signalbox.engine.store.EmbeddedStore.Family;
import io.signalbox.engine.store.Keys;
import io.signalbox.tracking.SinkOverloadedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded event log: two column families of the {@link EmbeddedStore} keyed by 8-byte sequence numbers.
 *
 * <p>Design: callers enqueue appends; one writer thread drains the queue and writes everything waiting as a single
 * RocksDB write batch (group commit), fsync'ed according to the {@link SyncPolicy}, then completes the callers'
 * futures. Under load each fsync therefore covers many requests. Memory stays bounded: when the bytes waiting exceed
 * {@code maxPendingBytes}, new appends fail at once with {@link SinkOverloadedException}, which the collector turns
 * into 503 with {@code Retry-After}. A failed write (a full disk, say) fails that group the same way and is retried
 * with the next group, so the log recovers by itself once space is back.
 */
public final class RocksEventLog implements EventLog {
    private static final Logger LOG = LoggerFactory.getLogger(RocksEventLog.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final int MAX_GROUP_APPENDS = 4096;

    private final EmbeddedStore store;
    private final ColumnFamilyHandle events;
    private final ColumnFamilyHandle badRows;
    private final WriteOptions writeOptions;
    private final long maxPendingBytes;
    private final LinkedBlockingQueue<PendingAppend> queue = new LinkedBlockingQueue<>();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final ReentrantLock endLock = new ReentrantLock();
    private final Condition appended = endLock.newCondition();
    private final Thread writer;
    private volatile long eventsEnd;
    private volatile long badRowsEnd;
    private volatile boolean closing;

    private record PendingAppend(List<byte[]> events, List<byte[]> badRows, long bytes, CompletableFuture<Long> done) {}

    /**
     * Opens the log over an open store and starts its writer thread.
     *
     * @param maxPendingBytes the most bytes that may wait for the writer before appends are refused
     */
    public RocksEventLog(EmbeddedStore store, SyncPolicy syncPolicy, long maxPendingBytes) {
        if (maxPendingBytes <= 0) {
            throw new IllegalArgumentException("maxPendingBytes must be positive, was " + maxPendingBytes);
        }
        this.store = store;
        this.events = store.family(Family.EVENTS);
        this.badRows = store.family(Family.BAD_ROWS);
        this.writeOptions = new WriteOptions().setSync(syncPolicy == SyncPolicy.ALWAYS);
        this.maxPendingBytes = maxPendingBytes;
        this.eventsEnd = endOf(events);
        this.badRowsEnd = endOf(badRows);
        this.writer = Thread.ofPlatform().name("event-log-writer").daemon(false).start(this::writeLoop);
        LOG.info(
                "Event log ready events=[{}] bad_rows=[{}] sync=[{}] max_pending_bytes=[{}]",
                eventsEnd,
                badRowsEnd,
                syncPolicy,
                maxPendingBytes);
    }

    private long endOf(ColumnFamilyHandle family) {
        try (RocksIterator iterator = store.db().newIterator(family)) {
            iterator.seekToLast();
            return iterator.isValid() ? Keys.readSequence(iterator.key()) + 1 : 0;
        }
    }

    @Override
    public CompletableFuture<Long> append(List<byte[]> newEvents, List<byte[]> newBadRows) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        if (closing) {
            done.completeExceptionally(new SinkOverloadedException("the event log is shutting down", RETRY_AFTER));
            return done;
        }
        long bytes = 0;
        for (byte[] event : newEvents) {
            bytes += event.length + 16;
        }
        for (byte[] row : newBadRows) {
            bytes += row.length + 16;
        }
        if (pendingBytes.addAndGet(bytes) > maxPendingBytes && bytes < maxPendingBytes) {
            pendingBytes.addAndGet(-bytes);
            done.completeExceptionally(new SinkOverloadedException("the event log is behind", RETRY_AFTER));
            return done;
        }
        queue.add(new PendingAppend(List.copyOf(newEvents), List.copyOf(newBadRows), bytes, done));
        return done;
    }

    private void writeLoop() {
        List<PendingAppend> group = new ArrayList<>();
        while (!closing || !queue.isEmpty()) {
            try {
                PendingAppend first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, MAX_GROUP_APPENDS - 1);
                writeGroup(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                group.clear();
            }
        }
        failRemaining();
    }

    private void writeGroup(List<PendingAppend> group) {
        long eventOffset = eventsEnd;
        long badRowOffset = badRowsEnd;
        long groupBytes = 0;
        long[] endOffsets = new long[group.size()];
        try (WriteBatch batch = new WriteBatch()) {
            for (int i = 0; i < group.size(); i++) {
                PendingAppend append = group.get(i);
                for (byte[] event : append.events()) {
                    batch.put(events, Keys.sequence(eventOffset++), event);
                }
                for (byte[] row : append.badRows()) {
                    batch.put(badRows, Keys.sequence(badRowOffset++), row);
                }
                endOffsets[i] = eventOffset;
                groupBytes += append.bytes();
            }
            store.db().write(writeOptions, batch);
        } catch (RocksDBException e) {
            pendingBytes.addAndGet(-groupBytes);
            LOG.warn("Event log write failed, refusing {} appends until it recovers: {}", group.size(), e.getMessage());
            SinkOverloadedException failure =
                    new SinkOverloadedException("the event log cannot write: " + e.getMessage(), RETRY_AFTER);
            group.forEach(append -> append.done().completeExceptionally(failure));
            pauseAfterFailure();
            return;
        }
        pendingBytes.addAndGet(-groupBytes);
        publishEnd(eventOffset, badRowOffset);
        for (int i = 0; i < group.size(); i++) {
            group.get(i).done().complete(endOffsets[i]);
        }
    }

    private void publishEnd(long newEventsEnd, long newBadRowsEnd) {
        endLock.lock();
        try {
            eventsEnd = newEventsEnd;
            badRowsEnd = newBadRowsEnd;
            appended.signalAll();
        } finally {
            endLock.unlock();
        }
    }

    private static void pauseAfterFailure() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void failRemaining() {
        SinkOverloadedException closed = new SinkOverloadedException("the event log is closed", RETRY_AFTER);
        PendingAppend append;
        while ((append = queue.poll()) != null) {
            append.done().completeExceptionally(closed);
        }
    }

    @Override
    public long endOffset() {
        return eventsEnd;
    }

    @Override
    public long badRowsEndOffset() {
        return badRowsEnd;
    }

    @Override
    public List<LogRecord> read(long fromOffset, int maxRecords) {
        return readFamily(events, fromOffset, maxRecords, eventsEnd);
    }

    @Override
    public List<LogRecord> readBadRows(long fromOffset, int maxRecords) {
        return readFamily(badRows, fromOffset, maxRecords, badRowsEnd);
    }

    private List<LogRecord> readFamily(ColumnFamilyHandle family, long fromOffset, int maxRecords, long end) {
        if (fromOffset >= end || maxRecords <= 0) {
            return List.of();
        }
        List<LogRecord> records = new ArrayList<>((int) Math.min(maxRecords, end - fromOffset));
        try (Slice upperBound = new Slice(Keys.sequence(end));
                ReadOptions options = new ReadOptions().setIterateUpperBound(upperBound);
                RocksIterator iterator = store.db().newIterator(family, options)) {
            for (iterator.seek(Keys.sequence(fromOffset));
                    iterator.isValid() && records.size() < maxRecords;
                    iterator.next()) {
                records.add(new LogRecord(Keys.readSequence(iterator.key()), iterator.value()));
            }
        }
        return records;
    }

    @Override
    public boolean awaitOffset(long offset, Duration timeout) throws InterruptedException {
        if (eventsEnd > offset) {
            return true;
        }
        long remainingNanos = timeout.toNanos();
        endLock.lock();
        try {
            while (eventsEnd <= offset && remainingNanos > 0) {
                remainingNanos = appended.awaitNanos(remainingNanos);
            }
            return eventsEnd > offset;
        } finally {
            endLock.unlock();
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            writer.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writeOptions.close();
        LOG.info("Event log closed events=[{}] bad_rows=[{}]", eventsEnd, badRowsEnd);
    }
}
