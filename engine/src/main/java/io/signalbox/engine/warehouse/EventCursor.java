package io.signalbox.engine.warehouse;

import io.signalbox.events.EnrichedEvent;
import java.util.List;

/** Events read from the warehouse in batches, for one caller; not thread-safe. */
public interface EventCursor extends AutoCloseable {

    /**
     * The next events in query order, at most the cursor's batch size.
     *
     * @return an empty list once every event has been read
     * @throws WarehouseException when reading fails
     */
    List<EnrichedEvent> nextBatch();

    /**
     * How far the event log is loaded in the snapshot this cursor reads: its events from the log are exactly those
     * at offsets below this (imported events have none).
     */
    long loadedOffset();

    /** Releases the cursor's resources; later calls of {@link #nextBatch} return nothing. */
    @Override
    void close();
}
