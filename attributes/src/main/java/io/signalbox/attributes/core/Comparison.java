package io.signalbox.attributes.core;

import io.signalbox.attributes.Operator;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * One operator with its value, compiled once and applied to many values; the semantics are those documented on
 * {@link Operator}. The tested value may come from an event (text, numbers, booleans, Instants, JSON containers) or
 * from a profile (numbers, text, booleans, lists, maps).
 */
final class Comparison {
    private static final int INCOMPARABLE = Integer.MIN_VALUE;

    private final Operator operator;
    private final Object value;
    private final LikePattern like;
    private final Pattern regex;
    private final long valueMillis;
    private final Object[] items;
    private final long[] itemMillis;

    private Comparison(Operator operator, Object value) {
        this.operator = operator;
        this.value = value;
        this.like =
                operator == Operator.LIKE || operator == Operator.NOT_LIKE ? LikePattern.compile((String) value) : null;
        this.regex =
                operator == Operator.RLIKE || operator == Operator.NOT_RLIKE ? Pattern.compile((String) value) : null;
        this.valueMillis = millisOf(value);
        if (value instanceof List<?> list) {
            this.items = list.toArray();
            this.itemMillis = new long[items.length];
            for (int i = 0; i < items.length; i++) {
                itemMillis[i] = millisOf(items[i]);
            }
        } else {
            this.items = null;
            this.itemMillis = null;
        }
    }

    /** The epoch milliseconds of a value that is date-time text, computed once so that tests never parse it. */
    private static long millisOf(Object value) {
        return value instanceof String text ? Values.toEpochMillis(text) : Long.MIN_VALUE;
    }

    /**
     * Compiles an operator and its value (a String, Long, Double, Boolean or a list of those; null for operators
     * without a value).
     */
    static Comparison of(Operator operator, Object value) {
        return new Comparison(operator, value);
    }

    Operator operator() {
        return operator;
    }

    /** Whether the value passes; {@code changed} never passes here. */
    boolean test(Object actual) {
        switch (operator) {
            case IS_NULL:
                return actual == null;
            case IS_NOT_NULL:
                return actual != null;
            case CHANGED:
                return false;
            default:
                break;
        }
        if (actual == null) {
            return false;
        }
        return switch (operator) {
            case EQ -> equal(actual, value, valueMillis);
            case NE -> !equal(actual, value, valueMillis);
            case LT -> ordered(actual) < 0;
            case LE -> ordered(actual) <= 0;
            case GT -> ordered(actual) > 0;
            case GE -> ordered(actual) >= 0;
            case LIKE -> like.matches(Values.text(actual));
            case NOT_LIKE -> !like.matches(Values.text(actual));
            case RLIKE -> regex.matcher(Values.text(actual)).find();
            case NOT_RLIKE -> !regex.matcher(Values.text(actual)).find();
            case IN -> in(actual);
            case NOT_IN -> !in(actual);
            default -> false;
        };
    }

    /** The comparison for ordering operators, with INCOMPARABLE mapped so that every ordering test fails. */
    private int ordered(Object actual) {
        int result = compare(actual, value, valueMillis);
        if (result != INCOMPARABLE) {
            return result;
        }
        return switch (operator) {
            case LT, LE -> 1;
            default -> -1;
        };
    }

    private boolean in(Object actual) {
        if (items != null) {
            if (isList(actual)) {
                for (Object element : elements(actual)) {
                    if (equalsAnItem(element)) {
                        return true;
                    }
                }
                return false;
            }
            return equalsAnItem(actual);
        }
        if (isList(actual)) {
            for (Object element : elements(actual)) {
                if (equal(element, value, valueMillis)) {
                    return true;
                }
            }
            return false;
        }
        return equal(actual, value, valueMillis);
    }

    private boolean equalsAnItem(Object actual) {
        for (int i = 0; i < items.length; i++) {
            if (equal(actual, items[i], itemMillis[i])) {
                return true;
            }
        }
        return false;
    }

    private static boolean isList(Object actual) {
        return actual instanceof List<?> || (actual instanceof JsonNode node && node.isArray());
    }

    private static List<?> elements(Object actual) {
        if (actual instanceof List<?> list) {
            return list;
        }
        JsonNode array = (JsonNode) actual;
        ArrayList<Object> elements = new ArrayList<>(array.size());
        for (JsonNode element : array) {
            elements.add(Values.fromJson(element));
        }
        return elements;
    }

    /** Equality of a tested value and a criterion value (whose date-time reading is given). */
    private static boolean equal(Object actual, Object expected, long expectedMillis) {
        return actual != null && expected != null && compare(actual, expected, expectedMillis) == 0;
    }

    /**
     * Orders a tested value against a criterion value: numbers numerically (text read as a number against a
     * number), text by UTF-16 units, booleans false before true, date-times by time against date-time text or epoch
     * milliseconds; INCOMPARABLE otherwise.
     */
    private static int compare(Object actual, Object expected, long expectedMillis) {
        if (expected instanceof Number number) {
            if (actual instanceof Instant instant) {
                return Long.compare(instant.toEpochMilli(), number.longValue());
            }
            return compareWithNumber(actual, number);
        }
        if (expected instanceof String text) {
            if (actual instanceof Instant instant) {
                return expectedMillis == Long.MIN_VALUE
                        ? sign(Values.text(instant).compareTo(text))
                        : Long.compare(instant.toEpochMilli(), expectedMillis);
            }
            if (actual instanceof Number number && Values.isNumeric(text)) {
                return -sign(compareWithNumber(text, number));
            }
            if (actual instanceof String actualText) {
                return sign(actualText.compareTo(text));
            }
            if (actual instanceof Boolean flag) {
                return sign(flag.toString().compareTo(text));
            }
            if (actual instanceof Number number) {
                return sign(Values.text(number).compareTo(text));
            }
            return INCOMPARABLE;
        }
        if (expected instanceof Boolean flag) {
            if (actual instanceof Boolean actualFlag) {
                return Boolean.compare(actualFlag, flag);
            }
            if (actual instanceof String text && (text.equals("true") || text.equals("false"))) {
                return Boolean.compare(Boolean.parseBoolean(text), flag);
            }
        }
        return INCOMPARABLE;
    }

    private static int compareWithNumber(Object actual, Number expected) {
        if (actual instanceof Number number) {
            if (number instanceof BigDecimal decimal) {
                return sign(Double.compare(decimal.doubleValue(), expected.doubleValue()));
            }
            return sign(Values.compareNumbers(number, expected));
        }
        if (actual instanceof String text && Values.isNumeric(text)) {
            return sign(Double.compare(Double.parseDouble(text), expected.doubleValue()));
        }
        return INCOMPARABLE;
    }

    private static int sign(int comparison) {
        return Integer.signum(comparison);
    }
}
