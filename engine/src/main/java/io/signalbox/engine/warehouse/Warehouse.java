package io.signalbox.engine.warehouse;

import io.signalbox.events.AtomicField;
import io.signalbox.events.EnrichedEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * All history of enriched events, queryable with SQL: what the loader copies from the event log and what imports add.
 * Training sets, backfills and tests read from it.
 *
 * <p>Rows are the 131 atomic columns of {@link AtomicField}, under the same names. An implementation is safe to use
 * from several threads; a {@link EventCursor} or {@link BulkInsert} it hands out belongs to one caller.
 */
public interface Warehouse extends AutoCloseable {

    /**
     * How far the event log has been loaded: the offset of the next log entry to load, 0 before the first load. It
     * only moves together with the rows it covers (see {@link #append}).
     */
    long loadedOffset();

    /**
     * Appends events read from the event log at offsets {@code [fromOffset, nextOffset)} and moves the loaded offset
     * to {@code nextOffset}, in one atomic step: after a crash the warehouse holds either the rows and the new offset,
     * or neither.
     *
     * <p>The step succeeds only if the loaded offset is still {@code fromOffset}, so two loaders that share a
     * warehouse by mistake cannot both load the same entries.
     *
     * @param events the parsed log entries; fewer than {@code nextOffset - fromOffset} when some could not be parsed
     * @throws OffsetMismatchException when the loaded offset is not {@code fromOffset}; nothing is written
     * @throws WarehouseException when the write fails; nothing is written
     */
    void append(List<EnrichedEvent> events, long fromOffset, long nextOffset);

    /**
     * {@link #append} for enriched TSV lines as the event log holds them, which the warehouse may parse faster than
     * Java can. The lines come from {@code source} as a stream, so that one transaction may hold more of them than the
     * heap should at once. Each line must have the 131 columns; a value that does not fit its column's type is stored
     * as {@code NULL}. Nothing is written when the source reads no log entry.
     *
     * @return what the source wrote, its next offset now the loaded offset
     * @throws OffsetMismatchException when the loaded offset is not {@code fromOffset}; nothing is written
     * @throws WarehouseException when the source or the write fails; nothing is written
     */
    TsvWritten appendTsv(long fromOffset, TsvSource source);

    /** Enriched TSV lines read from the event log, written out for {@link #appendTsv}. */
    @FunctionalInterface
    interface TsvSource {
        /** Writes the lines, each ended by {@code '\n'}, to {@code out}, and says what it wrote. */
        TsvWritten writeTo(OutputStream out) throws IOException;
    }

    /**
     * What a {@link TsvSource} wrote.
     *
     * @param lines the lines written: fewer than the log entries read when some were not enriched TSV lines
     * @param nextOffset the offset after the last log entry read
     */
    record TsvWritten(long lines, long nextOffset) {}

    /**
     * Starts an import: events added with {@link BulkInsert#add} are inserted in chunks, skipping those whose {@code
     * event_id} the warehouse already holds.
     */
    BulkInsert beginImport();

    /**
     * Opens a cursor over the events a query selects, ordered by {@code derived_tstamp}, then {@code
     * collector_tstamp}, then {@code event_id}. Events come in batches of at most {@code batchSize}; the result is
     * never held in memory as a whole. The caller must close the cursor.
     */
    EventCursor events(EventQuery query, int batchSize);

    /**
     * Feeds the events a query selects, in the order of {@link #events}, to a consumer one batch at a time.
     *
     * @return the number of events read
     */
    default long forEachBatch(EventQuery query, int batchSize, Consumer<List<EnrichedEvent>> consumer) {
        long count = 0;
        try (EventCursor cursor = events(query, batchSize)) {
            for (List<EnrichedEvent> batch = cursor.nextBatch(); !batch.isEmpty(); batch = cursor.nextBatch()) {
                consumer.accept(batch);
                count += batch.size();
            }
        }
        return count;
    }

    /**
     * A random sample of at most {@code limit} distinct, non-null values of a string column among events whose
     * {@code derived_tstamp} is at or after {@code since}, in no particular order.
     *
     * @throws IllegalArgumentException when the column is not a string column or the limit is not positive
     */
    List<String> sampleKeys(AtomicField keyColumn, Instant since, int limit);

    /** The number of events held. */
    long count();

    /**
     * Values that did not fit their column (a decimal beyond {@code DECIMAL(38,9)}, malformed JSON) and were stored
     * as NULL instead, since this warehouse was opened.
     */
    long droppedValues();

    /**
     * Runs SQL and maps its result: an escape hatch for tests and diagnostics, not an API for the engine.
     *
     * @throws WarehouseException when the statement or the mapper fails
     */
    <T> T query(String sql, ResultSetMapper<T> mapper);

    /** Closes the warehouse; open cursors and imports fail from then on. */
    @Override
    void close();
}
