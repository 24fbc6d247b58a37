package io.signalbox.cluster;

import java.util.concurrent.atomic.LongAdder;

/** What this node's engine did since start, summed over its stream threads. */
final class EngineCounters {
    final LongAdder processed = new LongAdder();
    final LongAdder unreadable = new LongAdder();
    final LongAdder interventions = new LongAdder();
}
