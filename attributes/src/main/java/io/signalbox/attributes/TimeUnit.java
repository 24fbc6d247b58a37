package io.signalbox.attributes;

/** The unit of a {@code time_since_*} attribute's value. */
public enum TimeUnit {
    SECONDS("s", 1_000L),
    MINUTES("min", 60_000L),
    HOURS("h", 3_600_000L),
    DAYS("d", 86_400_000L);

    private final String wireName;
    private final long millis;

    TimeUnit(String wireName, long millis) {
        this.wireName = wireName;
        this.millis = millis;
    }

    /** The name in definition JSON: {@code s}, {@code min}, {@code h} or {@code d}. */
    public String wireName() {
        return wireName;
    }

    /** The length of one unit in milliseconds. */
    public long millis() {
        return millis;
    }

    /** The unit of that wire name, or {@code null} when there is none. */
    public static TimeUnit fromWireName(String name) {
        for (TimeUnit unit : values()) {
            if (unit.wireName.equals(name)) {
                return unit;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
