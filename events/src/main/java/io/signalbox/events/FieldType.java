package io.signalbox.events;

/**
 * The value kinds of the canonical enriched event's columns, with the Java type each is held in.
 *
 * <ul>
 *   <li>{@link #STRING}: {@link String}, already sanitised for TSV (no tabs or control characters).
 *   <li>{@link #TIMESTAMP}: {@link java.time.Instant}, millisecond precision, UTC.
 *   <li>{@link #INTEGER}: {@link Integer}.
 *   <li>{@link #DECIMAL}: {@link java.math.BigDecimal}, exact as parsed (money, {@code se_value}).
 *   <li>{@link #COORDINATE}: {@link Double}, written with float precision ({@code geo_latitude}, {@code
 *       geo_longitude}).
 *   <li>{@link #BOOLEAN}: {@link Boolean}, written {@code 1}/{@code 0}.
 *   <li>{@link #JSON}: {@link String} holding compact self-describing JSON ({@code contexts}, {@code
 *       unstruct_event}, {@code derived_contexts}).
 * </ul>
 */
public enum FieldType {
    STRING,
    TIMESTAMP,
    INTEGER,
    DECIMAL,
    COORDINATE,
    BOOLEAN,
    JSON
}
