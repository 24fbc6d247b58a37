package io.signalbox.attributes;

/**
 * A comparison operator, shared by attribute criteria (which filter events) and intervention criteria (which test
 * attribute values). {@link #CHANGED} is for interventions only.
 *
 * <p>The semantics, the same in both places:
 *
 * <ul>
 *   <li>A missing value ({@code null}) fails every operator except {@code is null}; so {@code !=}, {@code not like}
 *       and {@code not in} are false for a missing value, as in SQL.
 *   <li>{@code = != < > <= >=} compare numbers as numbers whatever their Java type ({@code 3 = 3.0}), text as text
 *       (by UTF-16 code unit), booleans as booleans; a text value is read as a number when compared with a number.
 *       Values that cannot be compared fail.
 *   <li>{@code like} is SQL LIKE: {@code %} matches any run, {@code _} one character, no escape character, case
 *       sensitive, whole value. {@code rlike} is a Java regular expression that must be found somewhere in the value.
 *   <li>{@code in} with a list is true when the value (or, for a list value, any of its elements) equals one of the
 *       list's items. {@code in} with a scalar asks whether a list value contains that scalar (a scalar value is
 *       compared for equality).
 *   <li>{@code not like}, {@code not rlike}, {@code not in} and {@code !=} are the negations of their positive
 *       forms for a present value.
 * </ul>
 */
public enum Operator {
    EQ("="),
    NE("!="),
    LT("<"),
    GT(">"),
    LE("<="),
    GE(">="),
    LIKE("like"),
    NOT_LIKE("not like"),
    RLIKE("rlike"),
    NOT_RLIKE("not rlike"),
    IN("in"),
    NOT_IN("not in"),
    IS_NULL("is null"),
    IS_NOT_NULL("is not null"),
    CHANGED("changed");

    private final String text;

    Operator(String text) {
        this.text = text;
    }

    /** The operator as definitions write it, such as {@code >=} or {@code not like}. */
    public String text() {
        return text;
    }

    /** The operator written exactly so, such as {@code not like}; {@code null} when there is none. */
    public static Operator fromText(String text) {
        for (Operator operator : values()) {
            if (operator.text.equals(text)) {
                return operator;
            }
        }
        return null;
    }

    /** Whether the operator takes no value ({@code is null}, {@code is not null}, {@code changed}). */
    public boolean takesNoValue() {
        return this == IS_NULL || this == IS_NOT_NULL || this == CHANGED;
    }

    /** Whether the operator orders values ({@code < > <= >=}). */
    public boolean isOrdering() {
        return this == LT || this == GT || this == LE || this == GE;
    }

    /** Whether the operator matches text ({@code like}, {@code rlike} and their negations). */
    public boolean isPattern() {
        return this == LIKE || this == NOT_LIKE || this == RLIKE || this == NOT_RLIKE;
    }

    @Override
    public String toString() {
        return text;
    }
}
