package io.signalbox.attributes.core;

import java.nio.charset.StandardCharsets;

/** The 64-bit xxHash of byte strings (seed 0), written out here so the profile format does not depend on a library. */
final class XxHash64 {
    private static final long PRIME1 = 0x9E3779B185EBCA87L;
    private static final long PRIME2 = 0xC2B2AE3D27D4EB4FL;
    private static final long PRIME3 = 0x165667B19E3779F9L;
    private static final long PRIME4 = 0x85EBCA77C2B2AE63L;
    private static final long PRIME5 = 0x27D4EB2F165667C5L;

    private XxHash64() {}

    /** The hash of the text's UTF-8 bytes. */
    static long hash(String text) {
        return hash(text.getBytes(StandardCharsets.UTF_8));
    }

    static long hash(byte[] input) {
        int length = input.length;
        int i = 0;
        long hash;
        if (length >= 32) {
            long v1 = PRIME1 + PRIME2;
            long v2 = PRIME2;
            long v3 = 0;
            long v4 = -PRIME1;
            for (; i + 32 <= length; i += 32) {
                v1 = round(v1, readLong(input, i));
                v2 = round(v2, readLong(input, i + 8));
                v3 = round(v3, readLong(input, i + 16));
                v4 = round(v4, readLong(input, i + 24));
            }
            hash = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
            hash = mergeRound(hash, v1);
            hash = mergeRound(hash, v2);
            hash = mergeRound(hash, v3);
            hash = mergeRound(hash, v4);
        } else {
            hash = PRIME5;
        }
        hash += length;
        for (; i + 8 <= length; i += 8) {
            hash ^= round(0, readLong(input, i));
            hash = Long.rotateLeft(hash, 27) * PRIME1 + PRIME4;
        }
        if (i + 4 <= length) {
            hash ^= (readInt(input, i) & 0xFFFFFFFFL) * PRIME1;
            hash = Long.rotateLeft(hash, 23) * PRIME2 + PRIME3;
            i += 4;
        }
        for (; i < length; i++) {
            hash ^= (input[i] & 0xFFL) * PRIME5;
            hash = Long.rotateLeft(hash, 11) * PRIME1;
        }
        hash ^= hash >>> 33;
        hash *= PRIME2;
        hash ^= hash >>> 29;
        hash *= PRIME3;
        hash ^= hash >>> 32;
        return hash;
    }

    private static long round(long accumulator, long input) {
        accumulator += input * PRIME2;
        accumulator = Long.rotateLeft(accumulator, 31);
        return accumulator * PRIME1;
    }

    private static long mergeRound(long accumulator, long value) {
        accumulator ^= round(0, value);
        return accumulator * PRIME1 + PRIME4;
    }

    private static long readLong(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = (value << 8) | (bytes[offset + i] & 0xFFL);
        }
        return value;
    }

    private static int readInt(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF)
                | (bytes[offset + 1] & 0xFF) << 8
                | (bytes[offset + 2] & 0xFF) << 16
                | (bytes[offset + 3] & 0xFF) << 24;
    }
}
