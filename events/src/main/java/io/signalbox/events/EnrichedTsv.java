package io.signalbox.events;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The canonical enriched-event TSV: one line of 131 tab-separated columns, no header, empty for a missing value.
 *
 * <p>Strings are expected to be sanitised already (no tabs or line breaks); {@link #sanitise} does that.
 */
public final class EnrichedTsv {
    private EnrichedTsv() {}

    /** Writes one event as a TSV line (without a line terminator). */
    public static String format(EnrichedEvent event) {
        // A browser event's line is 1 to 2 KB; sized so that most lines need no second buffer.
        StringBuilder line = new StringBuilder(2048);
        for (AtomicField field : AtomicField.ALL) {
            if (field.ordinal() > 0) {
                line.append('\t');
            }
            Object value = event.get(field);
            if (value != null) {
                appendValue(line, field, value);
            }
        }
        return line.toString();
    }

    /** Appends what {@link #formatValue} returns, without building it first for the common types. */
    private static void appendValue(StringBuilder line, AtomicField field, Object value) {
        switch (field.type()) {
            case STRING, JSON -> line.append((String) value);
            case TIMESTAMP -> Timestamps.appendTo(line, ((Instant) value).toEpochMilli());
            case INTEGER -> {
                if (value instanceof Integer number) {
                    line.append(number.intValue());
                } else {
                    line.append(value);
                }
            }
            default -> line.append(formatValue(field, value));
        }
    }

    /** The TSV text of one value. */
    public static String formatValue(AtomicField field, Object value) {
        return switch (field.type()) {
            case STRING, JSON -> (String) value;
            case TIMESTAMP -> Timestamps.format((Instant) value);
            case INTEGER -> value.toString();
            case DECIMAL -> ((BigDecimal) value).toString();
            case COORDINATE -> Float.toString(((Double) value).floatValue());
            case BOOLEAN -> ((Boolean) value) ? "1" : "0";
        };
    }

    /**
     * Reads one TSV line of exactly 131 columns.
     *
     * @throws IllegalArgumentException naming the column when the line or a value is malformed
     */
    public static EnrichedEvent parse(String line) {
        EnrichedEvent event = new EnrichedEvent();
        int start = 0;
        int column = 0;
        int length = line.length();
        if (length > 0 && line.charAt(length - 1) == '\n') {
            length--;
            if (length > 0 && line.charAt(length - 1) == '\r') {
                length--;
            }
        }
        for (int i = 0; i <= length; i++) {
            if (i == length || line.charAt(i) == '\t') {
                if (column >= AtomicField.COUNT) {
                    throw new IllegalArgumentException(
                            "an enriched TSV line has " + AtomicField.COUNT + " columns, this one has more");
                }
                if (i > start) {
                    AtomicField field = AtomicField.ALL.get(column);
                    event.set(field, parseValue(field, line.substring(start, i)));
                }
                column++;
                start = i + 1;
            }
        }
        if (column != AtomicField.COUNT) {
            throw new IllegalArgumentException(
                    "an enriched TSV line has " + AtomicField.COUNT + " columns, this one has " + column);
        }
        return event;
    }

    /**
     * Splits a TSV line of exactly 131 columns and parses each column only when it is first read. Use it for lines
     * this system wrote (the event log); a malformed value then surfaces as an {@link IllegalArgumentException} when
     * its column is read. Use {@link #parse} for input from outside.
     *
     * @throws IllegalArgumentException when the line does not have 131 columns
     */
    public static EnrichedEvent parseLazy(String line) {
        int length = line.length();
        if (length > 0 && line.charAt(length - 1) == '\n') {
            length--;
            if (length > 0 && line.charAt(length - 1) == '\r') {
                length--;
            }
        }
        int[] starts = new int[AtomicField.COUNT + 1];
        int column = 1;
        for (int i = 0; i < length; i++) {
            if (line.charAt(i) == '\t') {
                if (column == AtomicField.COUNT) {
                    throw new IllegalArgumentException(
                            "an enriched TSV line has " + AtomicField.COUNT + " columns, this one has more");
                }
                starts[column++] = i + 1;
            }
        }
        if (column != AtomicField.COUNT) {
            throw new IllegalArgumentException(
                    "an enriched TSV line has " + AtomicField.COUNT + " columns, this one has " + column);
        }
        starts[AtomicField.COUNT] = length + 1;
        return EnrichedEvent.lazy(line, starts);
    }

    /**
     * Reads the TSV text of one value.
     *
     * @throws IllegalArgumentException naming the column when the text does not fit the field's type
     */
    public static Object parseValue(AtomicField field, String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return switch (field.type()) {
                case STRING, JSON -> text;
                case TIMESTAMP -> Timestamps.parseLenient(text);
                case INTEGER -> Integer.valueOf(text);
                case DECIMAL -> new BigDecimal(text);
                case COORDINATE -> Double.valueOf(text);
                case BOOLEAN -> parseBoolean(text);
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "column " + field.columnName() + ": cannot read '" + abbreviate(text) + "' as " + field.type(), e);
        }
    }

    private static Boolean parseBoolean(String text) {
        return switch (text) {
            case "1", "true", "TRUE", "True" -> Boolean.TRUE;
            case "0", "false", "FALSE", "False" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException("expected 1 or 0");
        };
    }

    /**
     * Makes free text safe for a TSV column: each tab becomes four spaces, other control characters are removed,
     * and an empty result becomes {@code null}.
     */
    public static String sanitise(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
            if (control && out == null) {
                out = new StringBuilder(text.length() + 8);
                out.append(text, 0, i);
            }
            if (out != null) {
                if (c == '\t') {
                    out.append("    ");
                } else if (!control) {
                    out.append(c);
                }
            }
        }
        String result = out == null ? text : out.toString();
        return result.isEmpty() ? null : result;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
