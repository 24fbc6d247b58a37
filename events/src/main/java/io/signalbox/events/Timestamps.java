package io.signalbox.events;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads and writes the enriched event's timestamp format, {@code yyyy-MM-dd HH:mm:ss.SSS} in UTC.
 *
 * <p>The strict form is hand-parsed because it sits on the hot path of every codec; {@link #parseLenient} accepts
 * what warehouse exports contain as well (ISO-8601 with {@code T}, any fraction length, a zone suffix).
 */
public final class Timestamps {
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private Timestamps() {}

    /** Formats an instant as {@code yyyy-MM-dd HH:mm:ss.SSS}, truncated to the millisecond. */
    public static String format(Instant instant) {
        return format(instant.toEpochMilli());
    }

    /** Formats epoch milliseconds as {@code yyyy-MM-dd HH:mm:ss.SSS}. */
    public static String format(long epochMillis) {
        return appendTo(new StringBuilder(23), epochMillis).toString();
    }

    /**
     * Appends epoch milliseconds as {@code yyyy-MM-dd HH:mm:ss.SSS}, for codecs that write many timestamps into one
     * line.
     *
     * @return {@code out}
     */
    public static StringBuilder appendTo(StringBuilder out, long epochMillis) {
        long days = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
        long millisOfDay = Math.floorMod(epochMillis, MILLIS_PER_DAY);
        LocalDate date = LocalDate.ofEpochDay(days);
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("timestamp year must be within 0..9999, was " + year);
        }
        char[] text = new char[23];
        put(text, 0, year, 4);
        text[4] = '-';
        put(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        put(text, 8, date.getDayOfMonth(), 2);
        text[10] = ' ';
        put(text, 11, (int) (millisOfDay / 3_600_000L), 2);
        text[13] = ':';
        put(text, 14, (int) (millisOfDay / 60_000L % 60), 2);
        text[16] = ':';
        put(text, 17, (int) (millisOfDay / 1000 % 60), 2);
        text[19] = '.';
        put(text, 20, (int) (millisOfDay % 1000), 3);
        return out.append(text);
    }

    /**
     * Parses the strict TSV form {@code yyyy-MM-dd HH:mm:ss.SSS}.
     *
     * @throws IllegalArgumentException when the text is not in that form
     */
    public static Instant parse(String text) {
        return Instant.ofEpochMilli(parseMillis(text));
    }

    /** Parses the strict TSV form into epoch milliseconds. */
    public static long parseMillis(String text) {
        if (text.length() != 23
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != ' '
                || text.charAt(13) != ':'
                || text.charAt(16) != ':'
                || text.charAt(19) != '.') {
            throw new IllegalArgumentException("expected a timestamp like 2024-03-01 09:15:02.007, was '" + text + "'");
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int millis = digits(text, 20, 3);
        if (hour > 23 || minute > 59 || second > 59) {
            throw new IllegalArgumentException("time of day out of range in '" + text + "'");
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("invalid date in '" + text + "'", e);
        }
        return epochDay * MILLIS_PER_DAY + hour * 3_600_000L + minute * 60_000L + second * 1000L + millis;
    }

    /**
     * Parses the timestamp forms found in exports: the TSV form, the same with fewer or more fraction digits,
     * ISO-8601 with {@code T}, with or without {@code Z} or an offset (a missing zone means UTC). Digits beyond
     * milliseconds are truncated.
     *
     * @throws IllegalArgumentException when no form fits
     */
    public static Instant parseLenient(String text) {
        String trimmed = text.strip();
        if (trimmed.length() == 23 && trimmed.charAt(10) == ' ') {
            try {
                return parse(trimmed);
            } catch (IllegalArgumentException e) {
                // fall through to the general forms
            }
        }
        String iso = trimmed.replace(' ', 'T');
        if (iso.endsWith(" UTC")) {
            iso = iso.substring(0, iso.length() - 4);
        }
        boolean hasZone = iso.endsWith("Z") || iso.matches(".*[+-]\\d\\d(:?\\d\\d)?$") && iso.indexOf('T') > 0;
        try {
            Instant instant = hasZone ? OffsetDateTime.parse(iso).toInstant() : Instant.parse(iso + "Z");
            return Instant.ofEpochMilli(instant.toEpochMilli());
        } catch (DateTimeParseException e) {
            if (trimmed.length() == 10) {
                try {
                    return LocalDate.parse(trimmed)
                            .atStartOfDay(java.time.ZoneOffset.UTC)
                            .toInstant();
                } catch (DateTimeParseException ignored) {
                    // reported below
                }
            }
            throw new IllegalArgumentException("not a timestamp: '" + text + "'", e);
        }
    }

    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("expected a digit at position " + i + " of '" + text + "'");
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static void put(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
