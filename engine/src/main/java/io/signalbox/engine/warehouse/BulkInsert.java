package io.signalbox.engine.warehouse;

import io.signalbox.events.EnrichedEvent;

/**
 * One import into the warehouse, for one caller. Events are staged and inserted in chunks of many thousand, each chunk
 * in one atomic step, leaving out {@code event_id}s the warehouse already holds; {@link #commit} inserts the last
 * chunk. An import that stops part-way keeps the chunks inserted before; since known {@code event_id}s are skipped,
 * running it again adds exactly what is missing. Closing without committing discards the chunk not yet inserted.
 */
public interface BulkInsert extends AutoCloseable {

    /**
     * Stages an event, inserting the chunk it completes.
     *
     * @throws WarehouseException when a chunk cannot be inserted
     */
    void add(EnrichedEvent event);

    /**
     * Inserts the last chunk. Of events with the same {@code event_id}, only the first one added is inserted, and only
     * when the warehouse did not hold that {@code event_id} before.
     *
     * @return how many events were added and how many of them were inserted
     */
    Result commit();

    /** Discards the events not yet inserted, if the import was not committed. */
    @Override
    void close();

    /**
     * The outcome of an import.
     *
     * @param staged events added
     * @param inserted events inserted; {@code staged - inserted} were duplicates by {@code event_id}
     */
    record Result(long staged, long inserted) {
        public long duplicates() {
            return staged - inserted;
        }
    }
}
