package io.signalbox.attributes.core;

import io.signalbox.attributes.AttributeType;
import io.signalbox.attributes.DatePart;
import io.signalbox.attributes.DefinitionWriter;
import io.signalbox.events.Json;
import io.signalbox.events.Timestamps;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Conversions between the forms a value takes: read from an event (String, Integer, Long, Double, BigDecimal,
 * Boolean, Instant, or a JSON container), held in state (String, Long, Double, Boolean; a {@code unix_timestamp} as
 * Long epoch milliseconds) and written out (the attribute's type, see {@link AttributeType}).
 */
final class Values {
    private static final long MILLIS_PER_DAY = 86_400_000L;

    private Values() {}

    /** A JSON node as a Java value: text, Long, Double, Boolean, the container node itself, or null. */
    static Object fromJson(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : (Object) node.doubleValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node;
    }

    /** The value as a finite double, or NaN when it is not a number (text is read strictly as a decimal number). */
    static double toDouble(Object value) {
        if (value instanceof Number number) {
            double result = number.doubleValue();
            return Double.isFinite(result) ? result : Double.NaN;
        }
        if (value instanceof String text && isNumeric(text)) {
            return Double.parseDouble(text);
        }
        return Double.NaN;
    }

    /** Epoch milliseconds of a date-time value (an Instant, or text in ISO-8601 or the TSV form); else MIN_VALUE. */
    static long toEpochMillis(Object value) {
        if (value instanceof Instant instant) {
            return instant.toEpochMilli();
        }
        if (value instanceof String text) {
            try {
                return Timestamps.parseLenient(text).toEpochMilli();
            } catch (RuntimeException e) {
                return Long.MIN_VALUE;
            }
        }
        return Long.MIN_VALUE;
    }

    /**
     * The value held in state for an element of the given type, or null when the value does not convert: any value
     * converts to text; numbers (and numeric text) to int and double types; booleans (and "true"/"false") to bool;
     * date-times to unix_timestamp.
     */
    static Object toElement(Object value, AttributeType element) {
        if (value == null) {
            return null;
        }
        if (value instanceof String text && (element == AttributeType.STRING || element == AttributeType.BYTES)) {
            return text;
        }
        return switch (element) {
            case INT32, INT64 -> toLong(value);
            case DOUBLE, FLOAT -> {
                double number = toDouble(value);
                yield Double.isNaN(number) ? null : (Object) number;
            }
            case BOOL -> toBoolean(value);
            case UNIX_TIMESTAMP -> {
                long millis = toEpochMillis(value);
                yield millis == Long.MIN_VALUE ? null : (Object) millis;
            }
            default -> text(value);
        };
    }

    private static Long toLong(Object value) {
        if (value instanceof Long number) {
            return number;
        }
        if (value instanceof Integer number) {
            return number.longValue();
        }
        double number = toDouble(value);
        if (Double.isNaN(number) || number != Math.rint(number) || Math.abs(number) >= 0x1p63) {
            return null;
        }
        return (long) number;
    }

    private static Boolean toBoolean(Object value) {
        if (value instanceof Boolean flag) {
            return flag;
        }
        if (value instanceof String text) {
            if (text.equals("true")) {
                return Boolean.TRUE;
            }
            if (text.equals("false")) {
                return Boolean.FALSE;
            }
        }
        return null;
    }

    /** The text form of any value: numbers as Java writes them, date-times in ISO-8601 with milliseconds. */
    static String text(Object value) {
        return switch (value) {
            case String text -> text;
            case BigDecimal decimal -> decimal.toPlainString();
            case Instant instant -> isoMillis(instant.toEpochMilli());
            case JsonNode node -> Json.write(node);
            case List<?> list -> Json.write(DefinitionWriter.value(list));
            case Map<?, ?> map -> Json.write(DefinitionWriter.value(map));
            default -> String.valueOf(value);
        };
    }

    /** {@code 2025-04-23T00:21:24.939Z}: always three fraction digits, so the text sorts as the time does. */
    static String isoMillis(long epochMillis) {
        String tsv = Timestamps.format(epochMillis);
        return tsv.substring(0, 10) + 'T' + tsv.substring(11) + 'Z';
    }

    /** Whether text is a plain decimal number: optional minus, digits, optional fraction and exponent. */
    static boolean isNumeric(String text) {
        int length = text.length();
        int i = 0;
        if (i < length && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            i++;
        }
        int digits = 0;
        while (i < length && Character.isDigit(text.charAt(i))) {
            i++;
            digits++;
        }
        if (i < length && text.charAt(i) == '.') {
            i++;
            while (i < length && Character.isDigit(text.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0 || digits > 400) {
            return false;
        }
        if (i < length && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < length && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < length && Character.isDigit(text.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == length;
    }

    /** A date part (UTC) of epoch milliseconds: an Integer-valued Long for extract parts, a date string otherwise. */
    static Object datePart(DatePart part, long epochMillis) {
        long day = Math.floorDiv(epochMillis, MILLIS_PER_DAY);
        int isoDayOfWeek = Math.floorMod(day + 3, 7) + 1;
        return switch (part) {
            case HOUR_OF_DAY -> Math.floorMod(epochMillis, MILLIS_PER_DAY) / 3_600_000L;
            case DAY_OF_WEEK -> (long) isoDayOfWeek;
            case MONTH_OF_YEAR -> (long) LocalDate.ofEpochDay(day).getMonthValue();
            case ACTIVE_DAY -> LocalDate.ofEpochDay(day).toString();
            case ACTIVE_WEEK -> LocalDate.ofEpochDay(day - (isoDayOfWeek - 1)).toString();
            case ACTIVE_MONTH -> LocalDate.ofEpochDay(day).withDayOfMonth(1).toString();
        };
    }

    /** A number written as the attribute's numeric type: integers round half up and saturate. */
    static Object number(double value, AttributeType type) {
        return switch (type) {
            case INT32 -> (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Math.round(value)));
            case INT64 -> Math.round(value);
            default -> value;
        };
    }

    /** A count written as the attribute's numeric type. */
    static Object count(long value, AttributeType type) {
        return switch (type) {
            case INT32 -> (int) Math.min(Integer.MAX_VALUE, value);
            case INT64 -> value;
            default -> (double) value;
        };
    }

    /** A held element written as its output type. */
    static Object output(Object held, AttributeType element) {
        if (held == null) {
            return null;
        }
        return switch (element) {
            case INT32 -> {
                long value = ((Number) held).longValue();
                yield (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
            }
            case INT64 -> ((Number) held).longValue();
            case DOUBLE, FLOAT -> ((Number) held).doubleValue();
            case UNIX_TIMESTAMP -> isoMillis(((Number) held).longValue());
            default -> held;
        };
    }

    /** Whether two read values are the same, comparing numbers by value whatever their Java type. */
    static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return compareNumbers(x, y) == 0;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    /** Compares two numbers exactly when both are integral, as doubles otherwise. */
    static int compareNumbers(Number a, Number b) {
        if (isIntegral(a) && isIntegral(b)) {
            return Long.compare(a.longValue(), b.longValue());
        }
        return Double.compare(a.doubleValue(), b.doubleValue());
    }

    private static boolean isIntegral(Number number) {
        return number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte;
    }
}
