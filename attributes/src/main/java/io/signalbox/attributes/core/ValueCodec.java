package io.signalbox.attributes.core;

import io.signalbox.attributes.AttributeType;

/** How a held value of one element type is written: text, zig-zag integer, raw double or one byte. */
enum ValueCodec {
    TEXT,
    INTEGER,
    DOUBLE,
    BOOL;

    static ValueCodec of(AttributeType element) {
        return switch (element) {
            case INT32, INT64, UNIX_TIMESTAMP -> INTEGER;
            case DOUBLE, FLOAT -> DOUBLE;
            case BOOL -> BOOL;
            default -> TEXT;
        };
    }

    void write(StateWriter out, Object value) {
        switch (this) {
            case TEXT -> out.writeString((String) value);
            case INTEGER -> out.writeZigZag((Long) value);
            case DOUBLE -> out.writeDouble((Double) value);
            case BOOL -> out.writeByte(((Boolean) value) ? 1 : 0);
        }
    }

    Object read(StateReader in) {
        return switch (this) {
            case TEXT -> in.readString();
            case INTEGER -> in.readZigZag();
            case DOUBLE -> in.readDouble();
            case BOOL -> {
                int flag = in.readByte();
                if (flag > 1) {
                    throw in.fail("a boolean is " + flag);
                }
                yield flag == 1;
            }
        };
    }
}
