package io.signalbox.attributes.core;

/**
 * A window whose value depends only on its newest event: {@code last}, and {@code time_since_last} of the event
 * time. Reading as of {@code t} at or after the newest event is exact with one entry: the newest event is in the
 * window exactly when {@code newest > t - period}, and nothing older can be the answer.
 */
final class LatestSlot extends WindowedSlot {
    private final Accumulator accumulator;

    LatestSlot(CompiledAttribute attribute) {
        this(attribute, attribute.newAccumulator(true));
    }

    private LatestSlot(CompiledAttribute attribute, Accumulator accumulator) {
        super(attribute);
        this.accumulator = accumulator;
    }

    @Override
    boolean add(long ts, double num, Object obj) {
        if (newest != NONE && ts < newest) {
            return false;
        }
        boolean newer = ts > newest;
        newest = ts;
        return accumulator.add(ts, num, obj) || newer;
    }

    @Override
    Accumulator read(long asOf) {
        if (newest == NONE || newest <= asOf - attribute.periodMillis()) {
            return null;
        }
        return accumulator;
    }

    @Override
    int kind() {
        return 2;
    }

    @Override
    void write(StateWriter out) {
        out.writeZigZag(newest);
        accumulator.write(out, attribute.codec());
    }

    static LatestSlot read(StateReader in, CompiledAttribute attribute) {
        long newest = in.readZigZag();
        LatestSlot slot = new LatestSlot(attribute, attribute.readAccumulator(in));
        slot.newest = newest;
        return slot;
    }
}
