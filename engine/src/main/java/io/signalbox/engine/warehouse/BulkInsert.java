package io.signalbox.engine.warehouse;

import io.signalbox.events.EnrichedEvent;

/**
 * One import into the warehouse, for one caller: events are staged, then inserted all at once by {@link #commit}.
 * Closing without committing discards them.
 */
public interface BulkInsert extends AutoCloseable {

    /** Stages an event; nothing is visible before {@link #commit}. */
    void add(EnrichedEvent event);

    /**
     * Inserts the staged events in one atomic step, except those whose {@code event_id} the warehouse already holds
     * and repeats of an {@code event_id} staged earlier in this import (the first one is kept).
     *
     * @return how many events were staged and how many of them were inserted
     */
    Result commit();

    /** Discards the staged events if they were not committed. */
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
