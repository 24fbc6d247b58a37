package io.signalbox.attributes.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads what {@link StateWriter} wrote, checking every length against the bytes left. */
final class StateReader {
    private final byte[] bytes;
    private final String owner;
    private int position;
    private final List<String> strings = new ArrayList<>();

    StateReader(byte[] bytes, String owner) {
        this.bytes = bytes;
        this.owner = owner;
    }

    int readByte() {
        if (position >= bytes.length) {
            throw fail("it ends early");
        }
        return bytes[position++] & 0xFF;
    }

    int readInt() {
        return readByte() << 24 | readByte() << 16 | readByte() << 8 | readByte();
    }

    long readVarLong() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw fail("a varint is longer than 10 bytes");
    }

    long readZigZag() {
        long raw = readVarLong();
        return (raw >>> 1) ^ -(raw & 1);
    }

    long readLong() {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = value << 8 | readByte();
        }
        return value;
    }

    double readDouble() {
        return Double.longBitsToDouble(readLong());
    }

    byte[] readBytes(int count) {
        if (count < 0 || count > bytes.length - position) {
            throw fail("a length of " + count + " runs past the end");
        }
        byte[] out = Arrays.copyOfRange(bytes, position, position + count);
        position += count;
        return out;
    }

    /** A count of items that each take at least {@code minBytesEach} bytes, checked against the bytes left. */
    int readCount(int minBytesEach) {
        long count = readVarLong();
        if (count < 0 || count * Math.max(1, minBytesEach) > bytes.length - position) {
            throw fail("a count of " + count + " items cannot fit in the " + (bytes.length - position) + " bytes left");
        }
        return (int) count;
    }

    String readString() {
        long code = readVarLong();
        if (code > 0) {
            if (code > strings.size()) {
                throw fail("string reference " + code + " is unknown");
            }
            return strings.get((int) code - 1);
        }
        int length = readCount(1);
        String text = new String(bytes, position, length, StandardCharsets.UTF_8);
        position += length;
        strings.add(text);
        return text;
    }

    void expectEnd() {
        if (position != bytes.length) {
            throw fail((bytes.length - position) + " bytes are left over");
        }
    }

    int position() {
        return position;
    }

    StateFormatException fail(String why) {
        return new StateFormatException("cannot read the profile state of " + owner + " (" + bytes.length + " bytes): "
                + why + " at byte " + position);
    }
}
