package io.signalbox.engine.processor;

import io.signalbox.events.EnrichedEvent;
import java.time.Instant;
import java.util.Iterator;

/** History for backfilling a new group version, in {@code derived_tstamp} order. */
public interface BackfillSource {

    /**
     * A consistent view of history: the events since a time, and the event-log offset they cover, so the live
     * processing of the group can start exactly there.
     */
    interface Snapshot extends AutoCloseable {
        /** Events loaded from the event log cover offsets below this; imported history has no offset. */
        long logOffset();

        Iterator<EnrichedEvent> events();

        @Override
        void close();
    }

    /** Opens a snapshot of the events with {@code derived_tstamp >= since}. */
    Snapshot since(Instant since);
}
