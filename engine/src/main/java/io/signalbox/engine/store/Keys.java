package io.signalbox.engine.store;

/** Fixed-width big-endian encodings, so byte order equals numeric order in RocksDB. */
public final class Keys {
    private Keys() {}

    /** An 8-byte big-endian key for a non-negative sequence number. */
    public static byte[] sequence(long value) {
        byte[] key = new byte[8];
        for (int i = 7; i >= 0; i--) {
            key[i] = (byte) value;
            value >>>= 8;
        }
        return key;
    }

    /** Reads an 8-byte big-endian number. */
    public static long readSequence(byte[] key) {
        if (key.length != 8) {
            throw new IllegalArgumentException("a sequence key has 8 bytes, this one has " + key.length);
        }
        long value = 0;
        for (byte b : key) {
            value = (value << 8) | (b & 0xff);
        }
        return value;
    }
}
