package io.signalbox.engine.log;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The durable, ordered, replayable stream of enriched events, with a second stream for bad rows. Each stream numbers
 * its entries from 0 in append order.
 */
public interface EventLog extends AutoCloseable {

    /**
     * Appends events and bad rows in one atomic write.
     *
     * @return a future that completes, with the offset after the last appended event, once the entries are durable
     *     under the log's {@link SyncPolicy}; it fails with {@link io.signalbox.tracking.SinkOverloadedException} when
     *     the log cannot take more now
     */
    CompletableFuture<Long> append(List<byte[]> events, List<byte[]> badRows);

    /** The offset the next appended event will get: the number of events appended so far. */
    long endOffset();

    /** The offset the next appended bad row will get. */
    long badRowsEndOffset();

    /** Reads up to {@code maxRecords} events from {@code fromOffset} on, in order. */
    List<LogRecord> read(long fromOffset, int maxRecords);

    /** Reads up to {@code maxRecords} bad rows from {@code fromOffset} on, in order. */
    List<LogRecord> readBadRows(long fromOffset, int maxRecords);

    /**
     * Waits until an event exists at {@code offset}, or the timeout passes.
     *
     * @return whether the offset is now readable
     */
    boolean awaitOffset(long offset, Duration timeout) throws InterruptedException;

    /** Stops accepting appends, completes the ones in flight and releases resources; the store stays open. */
    @Override
    void close();
}
