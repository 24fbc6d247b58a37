package io.signalbox.engine.warehouse;

import io.signalbox.engine.log.EventLog;
import io.signalbox.engine.log.LogRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the event log into the warehouse, on a thread of its own.
 *
 * <p>It starts at the warehouse's loaded offset and streams up to a batch of log entries, read a chunk at a time, to
 * {@link Warehouse#appendTsv}, which stores the rows and the new offset atomically. A crash therefore
 * neither loses nor repeats an entry: the next start resumes at the last committed offset. A failed write is retried
 * with back-off, from the same offset. An entry that does not parse as an enriched TSV line is skipped with a warning
 * and counted ({@link #unparsableEntries()}): the log keeps it, the warehouse cannot hold it.
 *
 * <p>While there is nothing to load the thread waits on {@link EventLog#awaitOffset}. Every summary interval it logs
 * the rows loaded, the rate and the lag behind the log at INFO. {@link #close()} lets the batch in progress finish.
 */
public final class WarehouseLoader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WarehouseLoader.class);

    /**
     * Log entries loaded per transaction unless given: DuckDB's row group. A transaction that fills one has it written
     * into the file once, compressed, instead of into the write-ahead log first and the file at the next checkpoint.
     * In {@code WarehouseBenchmark}'s loader run (245,760 events, two runs each) loads went from 23,200-23,700 rows/s
     * with batches of 25,000 to 31,800-35,700 with these, for no more CPU a row; beside a busy collector the loader
     * got through 1.4 to 1.7 times as many rows.
     */
    public static final int DEFAULT_BATCH_SIZE = 122_880;

    /** Log entries read into memory at a time while a batch is written out: about 16 MB of enriched TSV. */
    private static final int READ_CHUNK = 10_000;

    /** How often the INFO summary is logged unless given. */
    public static final Duration DEFAULT_SUMMARY_INTERVAL = Duration.ofMinutes(1);

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final EventLog log;
    private final Warehouse warehouse;
    private final int batchSize;
    private final long summaryIntervalNanos;
    private final ReentrantLock progressLock = new ReentrantLock();
    private final Condition progressed = progressLock.newCondition();
    private final AtomicLong unparsable = new AtomicLong();
    private final Thread thread;
    private volatile long loadedOffset;
    private volatile boolean stopping;
    private long rowsSinceSummary;
    private long lastSummaryNanos;

    /**
     * The share of its time the loader may spend loading; it rests the remainder. Loading a wide row into DuckDB
     * costs tens of microseconds, so on a small machine an unthrottled loader would take the cores the collector
     * needs; throttled, the warehouse lags behind a burst and catches up after it (the event log keeps everything
     * until then).
     */
    public static final double DEFAULT_BUSY_SHARE = 0.5;

    private final double busyShare;

    private WarehouseLoader(
            EventLog log, Warehouse warehouse, int batchSize, Duration summaryInterval, double busyShare) {
        if (busyShare <= 0 || busyShare > 1) {
            throw new IllegalArgumentException("loader busy share must be within (0, 1], was " + busyShare);
        }
        this.busyShare = busyShare;
        if (batchSize <= 0) {
            throw new IllegalArgumentException("loader batch size must be positive, was " + batchSize);
        }
        if (summaryInterval.isNegative() || summaryInterval.isZero()) {
            throw new IllegalArgumentException("loader summary interval must be positive, was " + summaryInterval);
        }
        this.log = log;
        this.warehouse = warehouse;
        this.batchSize = batchSize;
        this.summaryIntervalNanos = summaryInterval.toNanos();
        this.loadedOffset = warehouse.loadedOffset();
        this.thread = Thread.ofPlatform().name("warehouse-loader").daemon(false).unstarted(this::run);
    }

    /** Starts loading with the default batch size and summary interval. */
    public static WarehouseLoader start(EventLog log, Warehouse warehouse) {
        return start(log, warehouse, DEFAULT_BATCH_SIZE, DEFAULT_SUMMARY_INTERVAL, DEFAULT_BUSY_SHARE);
    }

    /** Starts loading at full speed, with the given batch size and summary interval. */
    public static WarehouseLoader start(EventLog log, Warehouse warehouse, int batchSize, Duration summaryInterval) {
        return start(log, warehouse, batchSize, summaryInterval, 1.0);
    }

    /**
     * Starts loading.
     *
     * @param batchSize the most log entries per warehouse transaction
     * @param summaryInterval how often to log the INFO summary
     * @param busyShare the share of its time the loader may spend loading, in (0, 1]
     */
    public static WarehouseLoader start(
            EventLog log, Warehouse warehouse, int batchSize, Duration summaryInterval, double busyShare) {
        WarehouseLoader loader = new WarehouseLoader(log, warehouse, batchSize, summaryInterval, busyShare);
        LOG.info(
                "Warehouse loader starting loaded_offset=[{}] log_end=[{}] batch_size=[{}] busy_share=[{}]",
                loader.loadedOffset,
                log.endOffset(),
                batchSize,
                busyShare);
        loader.thread.start();
        return loader;
    }

    /** The offset of the next log entry to load: every entry before it is in the warehouse. */
    public long loadedOffset() {
        return loadedOffset;
    }

    /** Log entries skipped because they are not enriched TSV lines. */
    public long unparsableEntries() {
        return unparsable.get();
    }

    /**
     * Waits until every log entry before {@code offset} is in the warehouse, for example the end offset an append to
     * the log returned.
     *
     * @return whether they are, once the wait ends
     */
    public boolean awaitLoaded(long offset, Duration timeout) throws InterruptedException {
        long remainingNanos = timeout.toNanos();
        progressLock.lock();
        try {
            while (loadedOffset < offset && remainingNanos > 0) {
                remainingNanos = progressed.awaitNanos(remainingNanos);
            }
            return loadedOffset >= offset;
        } finally {
            progressLock.unlock();
        }
    }

    private void run() {
        lastSummaryNanos = System.nanoTime();
        long backoffMillis = 100;
        while (!stopping) {
            try {
                if (loadNextBatch()) {
                    backoffMillis = 100;
                }
                maybeLogSummary();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (OffsetMismatchException e) {
                LOG.warn("Warehouse loader resynchronising: {}", e.getMessage());
                publish(e.loadedOffset());
            } catch (RuntimeException e) {
                LOG.warn(
                        "Warehouse load failed at offset=[{}], retrying in {} ms: {}",
                        loadedOffset,
                        backoffMillis,
                        e.getMessage());
                if (!pause(backoffMillis)) {
                    break;
                }
                backoffMillis = Math.min(backoffMillis * 2, MAX_BACKOFF.toMillis());
            }
        }
        LOG.info("Warehouse loader stopped loaded_offset=[{}] log_end=[{}]", loadedOffset, log.endOffset());
    }

    /** Loads one batch if the log has one; returns whether it did. */
    private boolean loadNextBatch() throws InterruptedException {
        long from = loadedOffset;
        if (!log.awaitOffset(from, POLL)) {
            return false;
        }
        long started = System.nanoTime();
        long next = warehouse.appendTsv(from, out -> writeLines(from, out)).nextOffset();
        if (next == from) {
            return false;
        }
        rowsSinceSummary += next - from;
        publish(next);
        rest(System.nanoTime() - started);
        return true;
    }

    /**
     * Writes the log entries from {@code from}, up to a batch, a chunk at a time; those that are not enriched TSV lines
     * of 131 columns are counted and skipped.
     */
    private Warehouse.TsvWritten writeLines(long from, OutputStream out) throws IOException {
        long next = from;
        long lines = 0;
        while (next - from < batchSize) {
            int wanted = (int) Math.min(READ_CHUNK, batchSize - (next - from));
            List<LogRecord> records = log.read(next, wanted);
            for (LogRecord record : records) {
                if (isTsvLine(record)) {
                    out.write(record.payload());
                    out.write('\n');
                    lines++;
                }
            }
            if (!records.isEmpty()) {
                next = records.getLast().offset() + 1;
            }
            if (records.size() < wanted) {
                break;
            }
        }
        return new Warehouse.TsvWritten(lines, next);
    }

    private boolean isTsvLine(LogRecord record) {
        try {
            requireColumns(record.payload());
            return true;
        } catch (IllegalArgumentException e) {
            long total = unparsable.incrementAndGet();
            LOG.warn(
                    "Warehouse loader skipped a log entry that is not an enriched TSV line offset=[{}]"
                            + " reason=[{}] unparsable_total=[{}]",
                    record.offset(),
                    e.getMessage(),
                    total);
            return false;
        }
    }

    private static void requireColumns(byte[] line) {
        int tabs = 0;
        for (byte b : line) {
            if (b == '\t') {
                tabs++;
            } else if (b == '\n' || b == '\r') {
                throw new IllegalArgumentException("an enriched TSV line has no line breaks");
            }
        }
        if (tabs != io.signalbox.events.AtomicField.COUNT - 1) {
            throw new IllegalArgumentException("an enriched TSV line has " + io.signalbox.events.AtomicField.COUNT
                    + " columns, this one has " + (tabs + 1));
        }
    }

    /** Rests so that loading takes at most {@code busyShare} of the loader's time. */
    private void rest(long busyNanos) {
        if (busyShare < 1.0) {
            long restNanos = (long) (busyNanos * (1 / busyShare - 1));
            pause(restNanos / 1_000_000);
        }
    }

    private void publish(long offset) {
        progressLock.lock();
        try {
            loadedOffset = offset;
            progressed.signalAll();
        } finally {
            progressLock.unlock();
        }
    }

    private void maybeLogSummary() {
        long now = System.nanoTime();
        long elapsedNanos = now - lastSummaryNanos;
        if (elapsedNanos < summaryIntervalNanos) {
            return;
        }
        long lag = Math.max(0, log.endOffset() - loadedOffset);
        if (rowsSinceSummary > 0 || lag > 0) {
            LOG.info(
                    "Warehouse loader summary rows=[{}] rows_per_s=[{}] loaded_offset=[{}] lag=[{}]"
                            + " unparsable_total=[{}]",
                    rowsSinceSummary,
                    Math.round(rowsSinceSummary * 1e9 / elapsedNanos),
                    loadedOffset,
                    lag,
                    unparsable.get());
        }
        rowsSinceSummary = 0;
        lastSummaryNanos = now;
    }

    /** Sleeps, waking early when the loader is stopping; returns whether to go on. */
    private boolean pause(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        try {
            while (!stopping && System.nanoTime() < deadline) {
                Thread.sleep(Math.min(100, millis));
            }
            return !stopping;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops the loader once the batch in progress is stored; the warehouse and the log stay open. */
    @Override
    public void close() {
        stopping = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
