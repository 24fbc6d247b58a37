package io.signalbox.attributes.core;

/**
 * A windowed {@code unique_list}: the last sighting of each value (see {@link RecencyList}), without values last seen
 * at or before {@code newest - period}, which no future window can hold. Exact, and bounded by the distinct-value cap.
 */
final class RecencyWindowSlot extends WindowedSlot {
    private final RecencyList list;

    RecencyWindowSlot(CompiledAttribute attribute) {
        this(attribute, (RecencyList) attribute.newAccumulator(true));
    }

    private RecencyWindowSlot(CompiledAttribute attribute, RecencyList list) {
        super(attribute);
        this.list = list;
    }

    @Override
    boolean add(long ts, double num, Object obj) {
        long period = attribute.periodMillis();
        if (newest != NONE && ts <= newest - period) {
            return false;
        }
        boolean changed = list.add(ts, num, obj);
        if (ts > newest) {
            newest = ts;
            list.dropUpTo(newest - period);
            changed = true;
        }
        return changed;
    }

    @Override
    Accumulator read(long asOf) {
        if (newest == NONE) {
            return null;
        }
        RecencyList window = new RecencyList(list.cap);
        long after = asOf - attribute.periodMillis();
        int from = Accumulator.upperBound(list.lastSeen, 0, list.size, after);
        int to = Accumulator.upperBound(list.lastSeen, 0, list.size, asOf);
        for (int i = from; i < to; i++) {
            window.add(list.lastSeen[i], 0, list.values[i]);
        }
        return window.isEmpty() ? null : window;
    }

    @Override
    int kind() {
        return 3;
    }

    @Override
    void write(StateWriter out) {
        out.writeZigZag(newest);
        list.write(out, attribute.codec());
    }

    static RecencyWindowSlot read(StateReader in, CompiledAttribute attribute) {
        long newest = in.readZigZag();
        RecencyList list =
                RecencyList.read(in, attribute.codec(), attribute.limits().maxDistinctValues());
        RecencyWindowSlot slot = new RecencyWindowSlot(attribute, list);
        slot.newest = newest;
        return slot;
    }
}
