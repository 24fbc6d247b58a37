package io.signalbox.engine.log;

import io.signalbox.engine.store.EmbeddedStore;
import io.signalbox.engine.store.EmbeddedStore.Family;
import io.signalbox.engine.store.Keys;
import io.signalbox.engine.store.StoreException;
import io.signalbox.tracking.SinkOverloadedException;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.rocksdb.Status;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded event log: two column families of the {@link EmbeddedStore} keyed by 8-byte sequence numbers.
 *
 * <p>Design: callers enqueue appends; one writer thread drains the queue and writes everything waiting as a single
 * RocksDB write batch (group commit), fsync'ed according to the {@link SyncPolicy}, then completes the callers'
 * futures. Under load each fsync therefore covers many requests.
 *
 * <p>Appends are refused at once with {@link SinkOverloadedException}, which the collector turns into 503 with {@code
 * Retry-After}, in two cases, and accepted again by themselves once the case is over:
 *
 * <ul>
 *   <li>the log cannot keep up: the bytes waiting for the writer exceed {@code maxPendingBytes}, so memory stays
 *       bounded whatever the input rate;
 *   <li>the disk is almost full: the file system holding the store has less than {@code minFreeDiskBytes} free
 *       (checked at most every 100 ms). The reserve leaves room for what must still be written after the collector
 *       stops accepting (memtable flushes, compactions, profile state, the warehouse).
 * </ul>
 *
 * <p>CAUTION: the reserve matters because RocksDB does not recover by itself from a write-ahead-log write that failed
 * for lack of space: from then on every write fails until the store is reopened. Such a failure still fails its group
 * with {@link SinkOverloadedException} (nothing unacknowledged is kept, nothing acknowledged is lost), and the log
 * logs an error saying to free space and restart.
 */
public final class RocksEventLog implements EventLog {
    private static final Logger LOG = LoggerFactory.getLogger(RocksEventLog.class);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final int MAX_GROUP_APPENDS = 4096;
    private static final long DISK_CHECK_INTERVAL_NANOS = 100_000_000L;

    private final EmbeddedStore store;
    private final ColumnFamilyHandle events;
    private final ColumnFamilyHandle badRows;
    private final WriteOptions writeOptions;
    private final long maxPendingBytes;
    private final long minFreeDiskBytes;
    private final FileStore fileStore;
    private final LinkedBlockingQueue<PendingAppend> queue = new LinkedBlockingQueue<>();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final ReentrantLock endLock = new ReentrantLock();
    private final Condition appended = endLock.newCondition();
    private final Thread writer;
    private volatile long eventsEnd;
    private volatile long badRowsEnd;
    private volatile boolean closing;
    private volatile long freeDiskBytes = Long.MAX_VALUE;
    private volatile long diskCheckedNanos;
    private volatile boolean diskLow;
    private volatile boolean writeFailing;
    private final AtomicLong refusedBehind = new AtomicLong();
    private final AtomicLong refusedDiskFull = new AtomicLong();
    private final AtomicLong failedWrites = new AtomicLong();

    private record PendingAppend(List<byte[]> events, List<byte[]> badRows, long bytes, CompletableFuture<Long> done) {}

    /**
     * Opens the log over an open store without a free-disk reserve, for tools and tests that read or write a log
     * outside a running node.
     *
     * @param maxPendingBytes the most bytes that may wait for the writer before appends are refused
     */
    public RocksEventLog(EmbeddedStore store, SyncPolicy syncPolicy, long maxPendingBytes) {
        this(store, syncPolicy, maxPendingBytes, 0);
    }

    /**
     * Opens the log over an open store and starts its writer thread.
     *
     * @param maxPendingBytes the most bytes that may wait for the writer before appends are refused
     * @param minFreeDiskBytes appends are refused while the store's file system has less free space than this; 0 for
     *     no check
     */
    public RocksEventLog(EmbeddedStore store, SyncPolicy syncPolicy, long maxPendingBytes, long minFreeDiskBytes) {
        if (maxPendingBytes <= 0) {
            throw new IllegalArgumentException("maxPendingBytes must be positive, was " + maxPendingBytes);
        }
        if (minFreeDiskBytes < 0) {
            throw new IllegalArgumentException("minFreeDiskBytes must not be negative, was " + minFreeDiskBytes);
        }
        this.store = store;
        this.events = store.family(Family.EVENTS);
        this.badRows = store.family(Family.BAD_ROWS);
        this.writeOptions = new WriteOptions().setSync(syncPolicy == SyncPolicy.ALWAYS);
        this.maxPendingBytes = maxPendingBytes;
        this.minFreeDiskBytes = minFreeDiskBytes;
        this.fileStore = minFreeDiskBytes > 0 ? fileStoreOf(store.directory()) : null;
        this.eventsEnd = endOf(events);
        this.badRowsEnd = endOf(badRows);
        this.writer = Thread.ofPlatform().name("event-log-writer").daemon(false).start(this::writeLoop);
        LOG.info(
                "Event log ready events=[{}] bad_rows=[{}] sync=[{}] max_pending_bytes=[{}] min_free_disk_bytes=[{}]",
                eventsEnd,
                badRowsEnd,
                syncPolicy,
                maxPendingBytes,
                minFreeDiskBytes);
    }

    private static FileStore fileStoreOf(Path directory) {
        try {
            return Files.getFileStore(directory);
        } catch (IOException e) {
            throw new StoreException("cannot find the file system of " + directory + ": " + e.getMessage(), e);
        }
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
        if (diskAlmostFull()) {
            refusedDiskFull.incrementAndGet();
            done.completeExceptionally(new SinkOverloadedException(
                    "the disk holding the event log has " + freeDiskBytes + " bytes free, below the reserve of "
                            + minFreeDiskBytes,
                    RETRY_AFTER));
            return done;
        }
        if (pendingBytes.addAndGet(bytes) > maxPendingBytes && bytes < maxPendingBytes) {
            pendingBytes.addAndGet(-bytes);
            refusedBehind.incrementAndGet();
            done.completeExceptionally(new SinkOverloadedException("the event log is behind", RETRY_AFTER));
            return done;
        }
        queue.add(new PendingAppend(List.copyOf(newEvents), List.copyOf(newBadRows), bytes, done));
        return done;
    }

    /** Whether free space is below the reserve, asking the file system at most every 100 ms. */
    private boolean diskAlmostFull() {
        if (fileStore == null) {
            return false;
        }
        long now = System.nanoTime();
        if (now - diskCheckedNanos >= DISK_CHECK_INTERVAL_NANOS) {
            diskCheckedNanos = now;
            checkDisk();
        }
        return diskLow;
    }

    private void checkDisk() {
        long free;
        try {
            free = fileStore.getUsableSpace();
        } catch (IOException e) {
            LOG.warn("Cannot read the free space of the event log's disk: {}", e.getMessage());
            return;
        }
        freeDiskBytes = free;
        boolean low = free < minFreeDiskBytes;
        if (low && !diskLow) {
            LOG.warn(
                    "Event log refusing appends (503): disk almost full free_bytes=[{}] reserve_bytes=[{}] dir=[{}];"
                            + " it resumes by itself once space is freed",
                    free,
                    minFreeDiskBytes,
                    store.directory());
        } else if (!low && diskLow) {
            LOG.info("Event log accepting appends again: free_bytes=[{}]", free);
        }
        diskLow = low;
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
            failedWrites.incrementAndGet();
            logWriteFailure(e, group.size());
            SinkOverloadedException failure =
                    new SinkOverloadedException("the event log cannot write: " + e.getMessage(), RETRY_AFTER);
            group.forEach(append -> append.done().completeExceptionally(failure));
            pauseAfterFailure();
            return;
        }
        pendingBytes.addAndGet(-groupBytes);
        if (writeFailing) {
            writeFailing = false;
            LOG.info("Event log writing again after failed writes");
        }
        publishEnd(eventOffset, badRowOffset);
        for (int i = 0; i < group.size(); i++) {
            group.get(i).done().complete(endOffsets[i]);
        }
    }

    /** The first failure of a run at WARN (ERROR when the disk is full), the rest at DEBUG. */
    private void logWriteFailure(RocksDBException e, int appends) {
        if (writeFailing) {
            LOG.debug("Event log write failed again, refusing {} appends: {}", appends, e.getMessage());
            return;
        }
        writeFailing = true;
        Status status = e.getStatus();
        if (status != null && status.getSubCode() == Status.SubCode.NoSpace) {
            LOG.error(
                    "Event log write failed: the disk is full dir=[{}]. RocksDB refuses every write from now on;"
                            + " free space and restart Signalbox (acknowledged events are safe). Raise"
                            + " event_log.min_free_disk_bytes to stop accepting earlier next time.",
                    store.directory());
        } else {
            LOG.warn("Event log write failed, refusing {} appends until it recovers: {}", appends, e.getMessage());
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

    /** Appends refused because the bytes waiting for the writer were over the bound. */
    public long refusedBehindCount() {
        return refusedBehind.get();
    }

    /** Appends refused because free disk space was below the reserve. */
    public long refusedDiskFullCount() {
        return refusedDiskFull.get();
    }

    /** Group writes RocksDB failed (their appends were refused). */
    public long failedWriteCount() {
        return failedWrites.get();
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
