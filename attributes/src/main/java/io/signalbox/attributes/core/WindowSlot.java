package io.signalbox.attributes.core;

import java.util.ArrayList;
import java.util.Arrays;

/**
 * A general rolling window: raw entries (time, and a number or a value) sorted by event time, plus tiles of merged
 * older entries once there are more than {@link CoreLimits#maxWindowEntries()}. The memory policy and its error bound
 * are described on {@link CoreLimits}.
 */
final class WindowSlot extends WindowedSlot {
    private long[] times;
    private double[] nums;
    private Object[] objs;
    private int head;
    private int size;
    private long tileWidth;
    private ArrayList<Tile> tiles;

    /** Merged entries of one aligned stretch of time. */
    static final class Tile {
        final long index;
        long minTs = Long.MAX_VALUE;
        long maxTs = Long.MIN_VALUE;
        final Accumulator accumulator;

        Tile(long index, Accumulator accumulator) {
            this.index = index;
            this.accumulator = accumulator;
        }
    }

    WindowSlot(CompiledAttribute attribute) {
        super(attribute);
        this.times = new long[4];
        this.nums = attribute.storesNumber() ? new double[4] : null;
        this.objs = attribute.storesObject() ? new Object[4] : null;
        this.tileWidth =
                Math.max(1, attribute.periodMillis() / attribute.limits().windowTiles());
    }

    @Override
    boolean add(long ts, double num, Object obj) {
        long period = attribute.periodMillis();
        if (newest != NONE && ts <= newest - period) {
            return false;
        }
        insert(ts, num, obj);
        if (ts > newest) {
            newest = ts;
            dropUpTo(newest - period);
        }
        int excess = size - attribute.limits().maxWindowEntries();
        if (excess > 0) {
            spill(excess);
        }
        return true;
    }

    private void insert(long ts, double num, Object obj) {
        int end = head + size;
        if (end == times.length) {
            makeRoom();
            end = size;
        }
        int position = size == 0 || times[end - 1] <= ts ? end : Accumulator.upperBound(times, head, end, ts);
        if (position < end) {
            System.arraycopy(times, position, times, position + 1, end - position);
            if (nums != null) {
                System.arraycopy(nums, position, nums, position + 1, end - position);
            }
            if (objs != null) {
                System.arraycopy(objs, position, objs, position + 1, end - position);
            }
        }
        times[position] = ts;
        if (nums != null) {
            nums[position] = num;
        }
        if (objs != null) {
            objs[position] = obj;
        }
        size++;
    }

    /** Moves the entries to the start of the arrays, growing them unless half of the room is free at the start. */
    private void makeRoom() {
        int capacity = head > 0 && head >= size / 2 ? times.length : times.length + (times.length >> 1) + 4;
        long[] newTimes = capacity == times.length ? times : new long[capacity];
        System.arraycopy(times, head, newTimes, 0, size);
        times = newTimes;
        if (nums != null) {
            double[] newNums = capacity == nums.length ? nums : new double[capacity];
            System.arraycopy(nums, head, newNums, 0, size);
            nums = newNums;
        }
        if (objs != null) {
            Object[] newObjs = capacity == objs.length ? objs : new Object[capacity];
            System.arraycopy(objs, head, newObjs, 0, size);
            if (newObjs == objs) {
                Arrays.fill(objs, size, size + head, null);
            }
            objs = newObjs;
        }
        head = 0;
    }

    private void dropUpTo(long limit) {
        while (size > 0 && times[head] <= limit) {
            if (objs != null) {
                objs[head] = null;
            }
            head++;
            size--;
        }
        if (size == 0) {
            head = 0;
        }
        if (tiles != null) {
            int expired = 0;
            while (expired < tiles.size() && tiles.get(expired).maxTs <= limit) {
                expired++;
            }
            tiles.subList(0, expired).clear();
            if (tiles.isEmpty()) {
                tiles = null;
            }
        }
    }

    /** Merges the {@code count} oldest raw entries into tiles. */
    private void spill(int count) {
        if (tiles == null) {
            tiles = new ArrayList<>();
        }
        for (int i = head; i < head + count; i++) {
            long ts = times[i];
            Tile tile = tileFor(Math.floorDiv(ts, tileWidth));
            tile.accumulator.add(ts, nums == null ? ts : nums[i], objs == null ? null : objs[i]);
            tile.minTs = Math.min(tile.minTs, ts);
            tile.maxTs = Math.max(tile.maxTs, ts);
            if (objs != null) {
                objs[i] = null;
            }
        }
        head += count;
        size -= count;
    }

    private Tile tileFor(long index) {
        int low = 0;
        int high = tiles.size();
        if (high > 0 && tiles.get(high - 1).index <= index) {
            low = high - 1;
        }
        while (low < high) {
            int middle = (low + high) >>> 1;
            long found = tiles.get(middle).index;
            if (found == index) {
                return tiles.get(middle);
            }
            if (found < index) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        Tile tile = new Tile(index, attribute.newAccumulator(true));
        tiles.add(low, tile);
        return tile;
    }

    @Override
    Accumulator read(long asOf) {
        if (newest == NONE) {
            return null;
        }
        long after = asOf - attribute.periodMillis();
        Accumulator window = attribute.newAccumulator(false);
        if (tiles != null) {
            for (Tile tile : tiles) {
                if (tile.minTs > after && tile.maxTs <= asOf) {
                    window.merge(tile.accumulator);
                }
            }
        }
        int end = head + size;
        int from = Accumulator.upperBound(times, head, end, after);
        int to = Accumulator.upperBound(times, from, end, asOf);
        window.addEntries(times, nums, objs, from, to);
        return window.isEmpty() ? null : window;
    }

    /** How many raw entries and tiles the window holds (for tests and diagnostics). */
    int rawEntries() {
        return size;
    }

    int tileCount() {
        return tiles == null ? 0 : tiles.size();
    }

    @Override
    int kind() {
        return 4;
    }

    @Override
    void write(StateWriter out) {
        ValueCodec codec = attribute.codec();
        out.writeZigZag(newest);
        out.writeVarLong(tileWidth);
        out.writeVarLong(size);
        long previous = 0;
        for (int i = head; i < head + size; i++) {
            out.writeZigZag(times[i] - previous);
            previous = times[i];
            if (nums != null) {
                out.writeDouble(nums[i]);
            }
            if (objs != null) {
                codec.write(out, objs[i]);
            }
        }
        out.writeVarLong(tiles == null ? 0 : tiles.size());
        if (tiles != null) {
            for (Tile tile : tiles) {
                out.writeZigZag(tile.index);
                out.writeZigZag(tile.minTs);
                out.writeVarLong(tile.maxTs - tile.minTs);
                tile.accumulator.write(out, codec);
            }
        }
    }

    static WindowSlot read(StateReader in, CompiledAttribute attribute) {
        WindowSlot slot = new WindowSlot(attribute);
        slot.newest = in.readZigZag();
        slot.tileWidth = in.readVarLong();
        if (slot.tileWidth < 1) {
            throw in.fail("a window's tile width is " + slot.tileWidth);
        }
        int count = in.readCount(1);
        int capacity = Math.max(4, count);
        slot.times = new long[capacity];
        slot.nums = slot.nums == null ? null : new double[capacity];
        slot.objs = slot.objs == null ? null : new Object[capacity];
        long previous = 0;
        for (int i = 0; i < count; i++) {
            long ts = previous + in.readZigZag();
            if (i > 0 && ts < previous) {
                throw in.fail("window entries are not in time order");
            }
            slot.times[i] = ts;
            previous = ts;
            if (slot.nums != null) {
                slot.nums[i] = in.readDouble();
            }
            if (slot.objs != null) {
                slot.objs[i] = attribute.codec().read(in);
            }
        }
        slot.size = count;
        int tileCount = in.readCount(3);
        if (tileCount > 0) {
            slot.tiles = new ArrayList<>(tileCount);
            for (int i = 0; i < tileCount; i++) {
                long index = in.readZigZag();
                long minTs = in.readZigZag();
                long maxTs = minTs + in.readVarLong();
                Tile read = new Tile(index, attribute.readAccumulator(in));
                read.minTs = minTs;
                read.maxTs = maxTs;
                if (i > 0 && read.index <= slot.tiles.get(i - 1).index) {
                    throw in.fail("window tiles are not in order");
                }
                slot.tiles.add(read);
            }
        }
        return slot;
    }
}
