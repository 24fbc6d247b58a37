package io.signalbox.attributes;

import java.util.HashMap;
import java.util.Map;

/**
 * The value type of an attribute, as the Signals definition model names it. The {@code _list} types hold the values
 * of {@code unique_list}; {@code dict} holds the {@code {value: count}} map of {@code category_count}.
 *
 * <p>Values read from a profile are JSON-friendly Java objects: {@code int32} is an {@link Integer}, {@code int64} a
 * {@link Long}, {@code double} and {@code float} a {@link Double}, {@code string} and {@code bytes} a {@link String},
 * {@code bool} a {@link Boolean}, {@code unix_timestamp} an ISO-8601 {@link String} in UTC with milliseconds (as a
 * JSON encoder writes a date-time), list types a {@link java.util.List} of the element type and {@code dict} a
 * {@link java.util.Map} from {@link String} to {@link Long}.
 */
public enum AttributeType {
    BYTES("bytes"),
    STRING("string"),
    INT32("int32"),
    INT64("int64"),
    DOUBLE("double"),
    FLOAT("float"),
    BOOL("bool"),
    UNIX_TIMESTAMP("unix_timestamp"),
    BYTES_LIST("bytes_list"),
    STRING_LIST("string_list"),
    INT32_LIST("int32_list"),
    INT64_LIST("int64_list"),
    DOUBLE_LIST("double_list"),
    FLOAT_LIST("float_list"),
    BOOL_LIST("bool_list"),
    UNIX_TIMESTAMP_LIST("unix_timestamp_list"),
    DICT("dict");

    private static final Map<String, AttributeType> BY_WIRE_NAME = new HashMap<>();

    static {
        for (AttributeType type : values()) {
            BY_WIRE_NAME.put(type.wireName, type);
        }
    }

    private final String wireName;

    AttributeType(String wireName) {
        this.wireName = wireName;
    }

    /** The name in definition JSON, such as {@code int32} or {@code string_list}. */
    public String wireName() {
        return wireName;
    }

    /** The type of that wire name, or {@code null} when there is none. */
    public static AttributeType fromWireName(String name) {
        return BY_WIRE_NAME.get(name);
    }

    public boolean isList() {
        return wireName.endsWith("_list");
    }

    /** The type of one element: the scalar type of a list type, the type itself otherwise. */
    public AttributeType elementType() {
        return switch (this) {
            case BYTES_LIST -> BYTES;
            case STRING_LIST -> STRING;
            case INT32_LIST -> INT32;
            case INT64_LIST -> INT64;
            case DOUBLE_LIST -> DOUBLE;
            case FLOAT_LIST -> FLOAT;
            case BOOL_LIST -> BOOL;
            case UNIX_TIMESTAMP_LIST -> UNIX_TIMESTAMP;
            default -> this;
        };
    }

    /** Whether this is {@code int32}, {@code int64}, {@code double} or {@code float}. */
    public boolean isNumeric() {
        return this == INT32 || this == INT64 || this == DOUBLE || this == FLOAT;
    }

    /** Whether this is {@code int32} or {@code int64}. */
    public boolean isInteger() {
        return this == INT32 || this == INT64;
    }

    /** Whether this is a scalar (neither a list nor {@code dict}). */
    public boolean isScalar() {
        return !isList() && this != DICT;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
