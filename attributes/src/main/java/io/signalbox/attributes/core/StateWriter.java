package io.signalbox.attributes.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes the binary profile format: unsigned LEB128 varints, zig-zag for signed values, 8-byte big-endian doubles,
 * and strings through a per-state dictionary (a repeated string costs one varint).
 */
final class StateWriter {
    private byte[] buffer = new byte[128];
    private int length;
    private Map<String, Integer> strings;

    void writeByte(int value) {
        ensure(1);
        buffer[length++] = (byte) value;
    }

    void writeInt(int value) {
        ensure(4);
        buffer[length++] = (byte) (value >>> 24);
        buffer[length++] = (byte) (value >>> 16);
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) value;
    }

    void writeVarLong(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            buffer[length++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buffer[length++] = (byte) value;
    }

    void writeZigZag(long value) {
        writeVarLong((value << 1) ^ (value >> 63));
    }

    void writeLong(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[length++] = (byte) (value >>> shift);
        }
    }

    void writeDouble(double value) {
        writeLong(Double.doubleToRawLongBits(value));
    }

    void writeBytes(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    /** A string: 0 and the UTF-8 bytes the first time, then {@code 1 + its index} in the dictionary. */
    void writeString(String text) {
        if (strings == null) {
            strings = new HashMap<>();
        }
        Integer known = strings.putIfAbsent(text, strings.size());
        if (known != null) {
            writeVarLong(known + 1L);
            return;
        }
        writeVarLong(0);
        if (isAscii(text)) {
            writeVarLong(text.length());
            ensure(text.length());
            for (int i = 0; i < text.length(); i++) {
                buffer[length++] = (byte) text.charAt(i);
            }
        } else {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            writeVarLong(utf8.length);
            writeBytes(utf8);
        }
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, length);
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
