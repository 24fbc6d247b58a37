package io.signalbox.attributes;

import java.util.HashMap;
import java.util.Map;

/**
 * How an attribute folds the events it counts into one value. The semantics, shared by every caller of the engine,
 * are described on {@link io.signalbox.attributes.core.CompiledGroup}.
 */
public enum Aggregation {
    COUNTER("counter"),
    SUM("sum"),
    MIN("min"),
    MAX("max"),
    MEAN("mean"),
    FIRST("first"),
    LAST("last"),
    UNIQUE_LIST("unique_list"),
    MOST_FREQUENT("most_frequent"),
    LEAST_FREQUENT("least_frequent"),
    CATEGORY_COUNT("category_count"),
    APPROX_COUNT_DISTINCT("approx_count_distinct"),
    TIME_SINCE_LAST("time_since_last"),
    TIME_SINCE_FIRST("time_since_first");

    private static final Map<String, Aggregation> BY_WIRE_NAME = new HashMap<>();

    static {
        for (Aggregation aggregation : values()) {
            BY_WIRE_NAME.put(aggregation.wireName, aggregation);
        }
    }

    private final String wireName;

    Aggregation(String wireName) {
        this.wireName = wireName;
    }

    /** The name in definition JSON, such as {@code counter}. */
    public String wireName() {
        return wireName;
    }

    /** The aggregation of that wire name, or {@code null} when there is none. */
    public static Aggregation fromWireName(String name) {
        return BY_WIRE_NAME.get(name);
    }

    /** Whether the aggregation folds numbers ({@code sum}, {@code min}, {@code max}, {@code mean}). */
    public boolean isNumeric() {
        return this == SUM || this == MIN || this == MAX || this == MEAN;
    }

    /** Whether the aggregation measures time since an event ({@code time_since_*}). */
    public boolean isTimeSince() {
        return this == TIME_SINCE_LAST || this == TIME_SINCE_FIRST;
    }

    /** Whether {@code date_part} may be used with this aggregation. */
    public boolean allowsDatePart() {
        return switch (this) {
            case MOST_FREQUENT, LEAST_FREQUENT, FIRST, LAST, UNIQUE_LIST, CATEGORY_COUNT, APPROX_COUNT_DISTINCT -> true;
            default -> false;
        };
    }

    @Override
    public String toString() {
        return wireName;
    }
}
