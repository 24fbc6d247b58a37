package io.signalbox.attributes.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A mergeable partial aggregate: the running value of a lifetime attribute, the content of one window tile, or a
 * window folded at read time. Each event contributes its time {@code ts}, a number {@code num} (numeric and time
 * aggregations) and a held value {@code obj} (the others).
 */
abstract sealed class Accumulator
        permits Accumulator.Count,
                Accumulator.Sum,
                Accumulator.Extreme,
                Accumulator.Pick,
                Accumulator.Frequencies,
                HyperLogLog,
                RecencyList {

    /** Adds one event; returns whether the aggregate changed. */
    abstract boolean add(long ts, double num, Object obj);

    /** Adds the contents of another accumulator of the same kind, which was filled by earlier arrivals. */
    abstract void merge(Accumulator other);

    abstract boolean isEmpty();

    abstract void write(StateWriter out, ValueCodec codec);

    /** Adds a run of window entries in time order; without numbers, an entry's number is its time. */
    void addEntries(long[] times, double[] nums, Object[] objs, int from, int to) {
        for (int i = from; i < to; i++) {
            add(times[i], nums == null ? times[i] : nums[i], objs == null ? null : objs[i]);
        }
    }

    /** {@code counter}: how many events. */
    static final class Count extends Accumulator {
        long count;

        @Override
        boolean add(long ts, double num, Object obj) {
            count++;
            return true;
        }

        @Override
        void addEntries(long[] times, double[] nums, Object[] objs, int from, int to) {
            count += Math.max(0, to - from);
        }

        @Override
        void merge(Accumulator other) {
            count += ((Count) other).count;
        }

        @Override
        boolean isEmpty() {
            return count == 0;
        }

        @Override
        void write(StateWriter out, ValueCodec codec) {
            out.writeVarLong(count);
        }

        static Count read(StateReader in) {
            Count accumulator = new Count();
            accumulator.count = in.readVarLong();
            return accumulator;
        }
    }

    /** {@code sum} and {@code mean}: the sum and the number of values. */
    static final class Sum extends Accumulator {
        double sum;
        long count;

        @Override
        boolean add(long ts, double num, Object obj) {
            sum += num;
            count++;
            return true;
        }

        @Override
        void merge(Accumulator other) {
            Sum that = (Sum) other;
            sum += that.sum;
            count += that.count;
        }

        @Override
        boolean isEmpty() {
            return count == 0;
        }

        @Override
        void write(StateWriter out, ValueCodec codec) {
            out.writeDouble(sum);
            out.writeVarLong(count);
        }

        static Sum read(StateReader in) {
            Sum accumulator = new Sum();
            accumulator.sum = in.readDouble();
            accumulator.count = in.readVarLong();
            return accumulator;
        }
    }

    /** {@code min}, {@code max}, and the oldest or newest time of {@code time_since_*}. */
    static final class Extreme extends Accumulator {
        final boolean max;
        double value;
        boolean present;

        Extreme(boolean max) {
            this.max = max;
        }

        @Override
        boolean add(long ts, double num, Object obj) {
            if (present && (max ? num <= value : num >= value)) {
                return false;
            }
            value = num;
            present = true;
            return true;
        }

        @Override
        void merge(Accumulator other) {
            Extreme that = (Extreme) other;
            if (that.present) {
                add(0, that.value, null);
            }
        }

        @Override
        boolean isEmpty() {
            return !present;
        }

        @Override
        void write(StateWriter out, ValueCodec codec) {
            out.writeByte(present ? 1 : 0);
            if (present) {
                out.writeDouble(value);
            }
        }

        static Extreme read(StateReader in, boolean max) {
            Extreme accumulator = new Extreme(max);
            int flag = in.readByte();
            if (flag > 1) {
                throw in.fail("a presence flag is " + flag);
            }
            if (flag == 1) {
                accumulator.present = true;
                accumulator.value = in.readDouble();
            }
            return accumulator;
        }
    }

    /**
     * {@code first} and {@code last}: the value of the event with the smallest (largest) time. On equal times the
     * first keeps the earlier arrival and the last takes the later one.
     */
    static final class Pick extends Accumulator {
        final boolean last;
        long ts = Long.MIN_VALUE;
        Object value;

        Pick(boolean last) {
            this.last = last;
        }

        @Override
        boolean add(long time, double num, Object obj) {
            if (value != null && (last ? time < ts : time >= ts)) {
                return false;
            }
            ts = time;
            value = obj;
            return true;
        }

        @Override
        void merge(Accumulator other) {
            Pick that = (Pick) other;
            if (that.value != null) {
                add(that.ts, 0, that.value);
            }
        }

        @Override
        boolean isEmpty() {
            return value == null;
        }

        @Override
        void write(StateWriter out, ValueCodec codec) {
            out.writeByte(value == null ? 0 : 1);
            if (value != null) {
                out.writeZigZag(ts);
                codec.write(out, value);
            }
        }

        static Pick read(StateReader in, ValueCodec codec, boolean last) {
            Pick accumulator = new Pick(last);
            int flag = in.readByte();
            if (flag > 1) {
                throw in.fail("a presence flag is " + flag);
            }
            if (flag == 1) {
                accumulator.ts = in.readZigZag();
                accumulator.value = codec.read(in);
            }
            return accumulator;
        }
    }

    /**
     * {@code most_frequent}, {@code least_frequent}, {@code category_count}: a count per distinct value. When it holds
     * {@code cap} values, a new value evicts the one with the lowest count (on equal counts, the greatest value).
     */
    static final class Frequencies extends Accumulator {
        final int cap;
        final HashMap<Object, long[]> counts = new HashMap<>();

        Frequencies(int cap) {
            this.cap = cap;
        }

        @Override
        boolean add(long ts, double num, Object obj) {
            addCount(obj, 1);
            return true;
        }

        private void addCount(Object value, long count) {
            long[] known = counts.get(value);
            if (known != null) {
                known[0] += count;
                return;
            }
            if (counts.size() >= cap) {
                evictOne();
            }
            counts.put(value, new long[] {count});
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        private void evictOne() {
            Object victim = null;
            long lowest = Long.MAX_VALUE;
            for (Map.Entry<Object, long[]> entry : counts.entrySet()) {
                long count = entry.getValue()[0];
                if (count < lowest || (count == lowest && ((Comparable) entry.getKey()).compareTo(victim) > 0)) {
                    victim = entry.getKey();
                    lowest = count;
                }
            }
            counts.remove(victim);
        }

        @Override
        void merge(Accumulator other) {
            for (Map.Entry<Object, long[]> entry : ((Frequencies) other).counts.entrySet()) {
                addCount(entry.getKey(), entry.getValue()[0]);
            }
        }

        @Override
        boolean isEmpty() {
            return counts.isEmpty();
        }

        /** The value with the highest (or lowest) count; ties go to the smallest value. */
        @SuppressWarnings({"unchecked", "rawtypes"})
        Object pick(boolean most) {
            Object best = null;
            long bestCount = 0;
            for (Map.Entry<Object, long[]> entry : counts.entrySet()) {
                long count = entry.getValue()[0];
                boolean better = best == null
                        || (most ? count > bestCount : count < bestCount)
                        || (count == bestCount && ((Comparable) entry.getKey()).compareTo(best) < 0);
                if (better) {
                    best = entry.getKey();
                    bestCount = count;
                }
            }
            return best;
        }

        /** Up to {@code limit} values with their counts, highest count first, then smallest value. */
        @SuppressWarnings({"unchecked", "rawtypes"})
        List<Map.Entry<Object, Long>> top(int limit) {
            List<Map.Entry<Object, Long>> entries = new ArrayList<>(counts.size());
            for (Map.Entry<Object, long[]> entry : counts.entrySet()) {
                entries.add(Map.entry(entry.getKey(), entry.getValue()[0]));
            }
            Comparator<Map.Entry<Object, Long>> byCount = Map.Entry.comparingByValue(Comparator.reverseOrder());
            entries.sort(byCount.thenComparing(entry -> (Comparable) entry.getKey()));
            return entries.size() > limit ? entries.subList(0, limit) : entries;
        }

        @Override
        void write(StateWriter out, ValueCodec codec) {
            out.writeVarLong(counts.size());
            for (Map.Entry<Object, long[]> entry : counts.entrySet()) {
                codec.write(out, entry.getKey());
                out.writeVarLong(entry.getValue()[0]);
            }
        }

        static Frequencies read(StateReader in, ValueCodec codec, int cap) {
            Frequencies accumulator = new Frequencies(Math.max(cap, 1));
            int size = in.readCount(2);
            for (int i = 0; i < size; i++) {
                Object value = codec.read(in);
                long count = in.readVarLong();
                if (count <= 0 || accumulator.counts.put(value, new long[] {count}) != null) {
                    throw in.fail("a value count is repeated or not positive");
                }
            }
            return accumulator;
        }
    }

    /** Sorted-array helper: the first index in [from, to) whose time is greater than {@code time}. */
    static int upperBound(long[] times, int from, int to, long time) {
        int low = from;
        int high = to;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (times[middle] <= time) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    static long[] grow(long[] array, int needed) {
        return Arrays.copyOf(array, Math.max(needed, array.length + (array.length >> 1) + 4));
    }
}
