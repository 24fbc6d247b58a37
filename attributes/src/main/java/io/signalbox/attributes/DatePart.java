package io.signalbox.attributes;

/**
 * A part of a date-time property, computed in UTC. Extract parts give integers; truncate parts give the date the
 * time falls in, truncated like SQL {@code date_trunc}, as {@code YYYY-MM-DD} text.
 */
public enum DatePart {
    /** 0 to 23. */
    HOUR_OF_DAY("hour_of_day", true),
    /** ISO: 1 is Monday, 7 is Sunday. */
    DAY_OF_WEEK("day_of_week", true),
    /** 1 to 12. */
    MONTH_OF_YEAR("month_of_year", true),
    /** The day, {@code 2025-04-23}. */
    ACTIVE_DAY("active_day", false),
    /** The Monday that starts the ISO week, {@code 2025-04-21}. */
    ACTIVE_WEEK("active_week", false),
    /** The first day of the month, {@code 2025-04-01}. */
    ACTIVE_MONTH("active_month", false);

    private final String wireName;
    private final boolean extract;

    DatePart(String wireName, boolean extract) {
        this.wireName = wireName;
        this.extract = extract;
    }

    /** The name in definition JSON, such as {@code hour_of_day}. */
    public String wireName() {
        return wireName;
    }

    /** Whether the part is an integer (extract) rather than a date string (truncate). */
    public boolean isExtract() {
        return extract;
    }

    /** The part of that wire name, or {@code null} when there is none. */
    public static DatePart fromWireName(String name) {
        for (DatePart part : values()) {
            if (part.wireName.equals(name)) {
                return part;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return wireName;
    }
}
