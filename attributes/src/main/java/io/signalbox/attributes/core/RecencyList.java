package io.signalbox.attributes.core;

import java.util.Arrays;

/**
 * {@code unique_list}: each distinct value once with the time it was last seen, ordered by that time, oldest first.
 * Values seen at the same time keep their arrival order. A value seen again at a later time moves to the end; seen
 * again at an earlier time (a late event), it stays. When {@code cap} values are held, the least recently seen one
 * makes room.
 *
 * <p>Because only the last sighting of a value matters, a window needs nothing more: a value is in the window as of
 * {@code t} exactly when its last sighting up to {@code t} is, so windows over this list are exact.
 */
final class RecencyList extends Accumulator {
    final int cap;
    Object[] values = new Object[4];
    long[] lastSeen = new long[4];
    int size;

    RecencyList(int cap) {
        this.cap = cap;
    }

    @Override
    boolean add(long ts, double num, Object obj) {
        int known = indexOf(obj);
        if (known >= 0) {
            if (lastSeen[known] > ts) {
                return false;
            }
            remove(known);
        }
        int position = upperBound(lastSeen, 0, size, ts);
        if (size >= cap) {
            if (position == 0) {
                return known >= 0;
            }
            remove(0);
            position--;
        }
        insert(position, ts, obj);
        return true;
    }

    private int indexOf(Object value) {
        for (int i = size - 1; i >= 0; i--) {
            if (values[i].equals(value)) {
                return i;
            }
        }
        return -1;
    }

    private void remove(int index) {
        System.arraycopy(values, index + 1, values, index, size - index - 1);
        System.arraycopy(lastSeen, index + 1, lastSeen, index, size - index - 1);
        values[--size] = null;
    }

    private void insert(int position, long ts, Object value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
            lastSeen = Arrays.copyOf(lastSeen, size * 2);
        }
        System.arraycopy(values, position, values, position + 1, size - position);
        System.arraycopy(lastSeen, position, lastSeen, position + 1, size - position);
        values[position] = value;
        lastSeen[position] = ts;
        size++;
    }

    /** Drops the values last seen at or before {@code time}. */
    void dropUpTo(long time) {
        int keepFrom = upperBound(lastSeen, 0, size, time);
        if (keepFrom == 0) {
            return;
        }
        System.arraycopy(values, keepFrom, values, 0, size - keepFrom);
        System.arraycopy(lastSeen, keepFrom, lastSeen, 0, size - keepFrom);
        Arrays.fill(values, size - keepFrom, size, null);
        size -= keepFrom;
    }

    @Override
    void merge(Accumulator other) {
        RecencyList that = (RecencyList) other;
        for (int i = 0; i < that.size; i++) {
            add(that.lastSeen[i], 0, that.values[i]);
        }
    }

    @Override
    boolean isEmpty() {
        return size == 0;
    }

    @Override
    void write(StateWriter out, ValueCodec codec) {
        out.writeVarLong(size);
        long previous = 0;
        for (int i = 0; i < size; i++) {
            out.writeZigZag(lastSeen[i] - previous);
            previous = lastSeen[i];
            codec.write(out, values[i]);
        }
    }

    static RecencyList read(StateReader in, ValueCodec codec, int cap) {
        RecencyList list = new RecencyList(cap);
        int count = in.readCount(2);
        list.values = new Object[Math.max(4, count)];
        list.lastSeen = new long[Math.max(4, count)];
        long previous = 0;
        for (int i = 0; i < count; i++) {
            long time = previous + in.readZigZag();
            if (i > 0 && time < previous) {
                throw in.fail("unique_list times are not in order");
            }
            list.lastSeen[i] = time;
            list.values[i] = codec.read(in);
            previous = time;
        }
        list.size = count;
        return list;
    }
}
