package io.signalbox.engine.warehouse;

import io.signalbox.engine.processor.BackfillSource;
import io.signalbox.events.EnrichedEvent;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Warehouse history as the processor's backfill source: one read snapshot gives both the events and the log offset
 * they cover, so a backfilled group continues live exactly where its history ends.
 */
public final class WarehouseBackfill implements BackfillSource {
    private static final int BATCH = 5_000;

    private final Warehouse warehouse;

    public WarehouseBackfill(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    @Override
    public Snapshot since(Instant since) {
        EventCursor cursor = warehouse.events(
                EventQuery.between(
                        since.isBefore(EventQuery.EARLIEST) ? EventQuery.EARLIEST : since, EventQuery.LATEST),
                BATCH);
        return new CursorSnapshot(cursor);
    }

    private static final class CursorSnapshot implements Snapshot, Iterator<EnrichedEvent> {
        private final EventCursor cursor;
        private List<EnrichedEvent> batch = List.of();
        private int next;

        CursorSnapshot(EventCursor cursor) {
            this.cursor = cursor;
        }

        @Override
        public long logOffset() {
            return cursor.loadedOffset();
        }

        @Override
        public Iterator<EnrichedEvent> events() {
            return this;
        }

        @Override
        public boolean hasNext() {
            if (next < batch.size()) {
                return true;
            }
            batch = cursor.nextBatch();
            next = 0;
            return !batch.isEmpty();
        }

        @Override
        public EnrichedEvent next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return batch.get(next++);
        }

        @Override
        public void close() {
            cursor.close();
        }
    }
}
