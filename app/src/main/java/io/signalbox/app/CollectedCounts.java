package io.signalbox.app;

import io.signalbox.tracking.EnrichmentResult;
import java.util.concurrent.atomic.LongAdder;

/** Counts of what the collector made durable since start: enriched events and bad rows, for the metrics. */
final class CollectedCounts {
    private final LongAdder good = new LongAdder();
    private final LongAdder bad = new LongAdder();

    void add(EnrichmentResult result) {
        good.add(result.good().size());
        bad.add(result.bad().size());
    }

    long good() {
        return good.sum();
    }

    long bad() {
        return bad.sum();
    }
}
