package io.signalbox.attributes.core;

import java.util.Arrays;

/**
 * A HyperLogLog sketch of 2^14 registers over 64-bit xxHash values, for {@code approx_count_distinct}.
 *
 * <p>While it has seen at most {@value #SPARSE_LIMIT} distinct hashes it keeps them, sorted, and counts exactly
 * (barring 64-bit collisions). Beyond that it switches to the 16 KiB register array and estimates with Ertl's
 * improved estimator ("New cardinality estimation algorithms for HyperLogLog sketches", 2017), which needs no bias
 * tables; its relative standard error is about {@code 1.04 / sqrt(2^14)}, 0.81 %. Sketches merge by register-wise
 * maximum, so a union is as accurate as a single sketch.
 */
final class HyperLogLog extends Accumulator {
    static final int PRECISION = 14;
    static final int REGISTERS = 1 << PRECISION;
    static final int SPARSE_LIMIT = 2_048;
    private static final int MAX_RANK = 64 - PRECISION + 1;

    private long[] hashes = new long[4];
    private int size;
    private byte[] registers;

    @Override
    boolean add(long ts, double num, Object obj) {
        return addHash(XxHash64.hash(Values.text(obj)));
    }

    boolean addHash(long hash) {
        if (registers != null) {
            return setRegister(hash);
        }
        int position = Arrays.binarySearch(hashes, 0, size, hash);
        if (position >= 0) {
            return false;
        }
        position = -position - 1;
        if (size == hashes.length) {
            hashes = Arrays.copyOf(hashes, size * 2);
        }
        System.arraycopy(hashes, position, hashes, position + 1, size - position);
        hashes[position] = hash;
        size++;
        if (size > SPARSE_LIMIT) {
            toDense();
        }
        return true;
    }

    private boolean setRegister(long hash) {
        int index = (int) (hash >>> (64 - PRECISION));
        long rest = hash << PRECISION;
        int rank = rest == 0 ? MAX_RANK : Long.numberOfLeadingZeros(rest) + 1;
        if (registers[index] >= rank) {
            return false;
        }
        registers[index] = (byte) rank;
        return true;
    }

    private void toDense() {
        registers = new byte[REGISTERS];
        for (int i = 0; i < size; i++) {
            setRegister(hashes[i]);
        }
        hashes = null;
        size = 0;
    }

    @Override
    void merge(Accumulator other) {
        HyperLogLog that = (HyperLogLog) other;
        if (that.registers == null) {
            for (int i = 0; i < that.size; i++) {
                addHash(that.hashes[i]);
            }
            return;
        }
        if (registers == null) {
            toDense();
        }
        for (int i = 0; i < REGISTERS; i++) {
            if (that.registers[i] > registers[i]) {
                registers[i] = that.registers[i];
            }
        }
    }

    @Override
    boolean isEmpty() {
        return registers == null && size == 0;
    }

    /** The estimated number of distinct values: exact in sparse mode. */
    long estimate() {
        if (registers == null) {
            return size;
        }
        int[] histogram = new int[MAX_RANK + 1];
        for (byte register : registers) {
            histogram[register]++;
        }
        double m = REGISTERS;
        double z = m * tau(1 - histogram[MAX_RANK] / m);
        for (int k = MAX_RANK - 1; k >= 1; k--) {
            z = 0.5 * (z + histogram[k]);
        }
        z += m * sigma(histogram[0] / m);
        return Math.round(m * m / (2 * Math.log(2)) / z);
    }

    private static double sigma(double x) {
        if (x == 1) {
            return Double.POSITIVE_INFINITY;
        }
        double y = 1;
        double z = x;
        double previous;
        do {
            x *= x;
            previous = z;
            z += x * y;
            y += y;
        } while (z != previous);
        return z;
    }

    private static double tau(double x) {
        if (x == 0 || x == 1) {
            return 0;
        }
        double y = 1;
        double z = 1 - x;
        double previous;
        do {
            x = Math.sqrt(x);
            previous = z;
            y *= 0.5;
            z -= Math.pow(1 - x, 2) * y;
        } while (z != previous);
        return z / 3;
    }

    @Override
    void write(StateWriter out, ValueCodec codec) {
        if (registers == null) {
            out.writeByte(0);
            out.writeVarLong(size);
            for (int i = 0; i < size; i++) {
                out.writeLong(hashes[i]);
            }
        } else {
            out.writeByte(1);
            out.writeBytes(registers);
        }
    }

    static HyperLogLog read(StateReader in) {
        HyperLogLog sketch = new HyperLogLog();
        int mode = in.readByte();
        if (mode == 0) {
            int count = in.readCount(8);
            if (count > SPARSE_LIMIT) {
                throw in.fail("a sparse sketch holds " + count + " hashes");
            }
            sketch.hashes = new long[Math.max(4, count)];
            for (int i = 0; i < count; i++) {
                long hash = in.readLong();
                if (i > 0 && hash <= sketch.hashes[i - 1]) {
                    throw in.fail("sketch hashes are not sorted");
                }
                sketch.hashes[i] = hash;
            }
            sketch.size = count;
        } else if (mode == 1) {
            sketch.registers = in.readBytes(REGISTERS);
            sketch.hashes = null;
            for (byte register : sketch.registers) {
                if (register < 0 || register > MAX_RANK) {
                    throw in.fail("a register holds " + register);
                }
            }
        } else {
            throw in.fail("sketch mode " + mode + " is unknown");
        }
        return sketch;
    }
}
