package io.signalbox.engine.warehouse;

import io.signalbox.events.AtomicField;
import io.signalbox.events.EnrichedEvent;
import io.signalbox.events.EnrichedTsv;
import io.signalbox.events.Json;
import io.signalbox.events.Timestamps;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.duckdb.DuckDBAppender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;

/**
 * Converts between enriched events and rows of the events table.
 *
 * <p>Decimals are stored as {@code DECIMAL(38,9)}: more than nine fraction digits are rounded half-even, and a value
 * with more than 29 integer digits does not fit and is stored as NULL. Reading gives the shortest scale that holds the
 * value ({@code 10.0} comes back as {@code 10}, {@code 9.90} as {@code 9.9}): numerically equal, but the scale of the
 * original text is not kept. Timestamps outside years 0 to 9999, which the TSV form cannot write, are stored as NULL.
 * JSON columns that do not parse as one JSON value are stored as NULL too, since one bad
 * value would make DuckDB's JSON functions fail for every query that touches it. Each NULL stored instead of a value
 * is counted and logged. Strings lose any {@code U+0001}, the separator of packed rows; enriched events never hold
 * control characters.
 */
final class DuckDbRows {
    private static final Logger LOG = LoggerFactory.getLogger(DuckDbRows.class);
    private static final int DECIMAL_SCALE = 9;
    private static final int DECIMAL_PRECISION = 38;

    private final AtomicLong droppedValues = new AtomicLong();

    long droppedValues() {
        return droppedValues.get();
    }

    /** Appends the 131 values of an event to the current row; the caller begins and ends the row. */
    void appendValues(DuckDBAppender appender, EnrichedEvent event) throws SQLException {
        for (AtomicField field : AtomicField.ALL) {
            Object value = event.get(field);
            if (value == null) {
                appender.appendNull();
                continue;
            }
            switch (field.type()) {
                case STRING -> appendString(appender, (String) value);
                case JSON -> appendJson(appender, field, event, (String) value);
                case TIMESTAMP -> appendTimestamp(appender, field, event, (Instant) value);
                case INTEGER -> appender.append(((Integer) value).intValue());
                case DECIMAL -> appendDecimal(appender, field, event, (BigDecimal) value);
                case COORDINATE -> appender.append(((Double) value).doubleValue());
                case BOOLEAN -> appender.append(((Boolean) value).booleanValue());
            }
        }
    }

    /** Strings are stored without {@link DuckDbSchema#PACKED_SEPARATOR}, a control character TSV text never has. */
    private static void appendString(DuckDBAppender appender, String text) throws SQLException {
        String stored = text.indexOf(DuckDbSchema.PACKED_SEPARATOR) < 0
                ? text
                : text.replace(String.valueOf(DuckDbSchema.PACKED_SEPARATOR), "");
        if (stored.isEmpty()) {
            appender.appendNull();
        } else {
            appender.append(stored);
        }
    }

    private void appendJson(DuckDBAppender appender, AtomicField field, EnrichedEvent event, String json)
            throws SQLException {
        if (isOneJsonValue(json)) {
            appender.append(json);
        } else {
            drop(field, event, "not JSON");
            appender.appendNull();
        }
    }

    private void appendTimestamp(DuckDBAppender appender, AtomicField field, EnrichedEvent event, Instant value)
            throws SQLException {
        if (value.isBefore(EventQuery.EARLIEST) || !value.isBefore(EventQuery.LATEST)) {
            drop(field, event, "outside years 0 to 9999");
            appender.appendNull();
        } else {
            appender.appendEpochMicros(value.toEpochMilli() * 1000);
        }
    }

    private void appendDecimal(DuckDBAppender appender, AtomicField field, EnrichedEvent event, BigDecimal value)
            throws SQLException {
        BigDecimal scaled = value.setScale(DECIMAL_SCALE, RoundingMode.HALF_EVEN);
        if (scaled.precision() <= DECIMAL_PRECISION) {
            appender.append(scaled);
        } else {
            drop(field, event, "beyond DECIMAL(38,9)");
            appender.appendNull();
        }
    }

    private void drop(AtomicField field, EnrichedEvent event, String reason) {
        long total = droppedValues.incrementAndGet();
        if (isPowerOfTen(total)) {
            LOG.warn(
                    "Warehouse stored NULL for a value that does not fit its column column=[{}] reason=[{}]"
                            + " event_id=[{}] dropped_values_total=[{}]",
                    field.columnName(),
                    reason,
                    event.eventId(),
                    total);
        } else {
            LOG.debug(
                    "Warehouse stored NULL column=[{}] reason=[{}] event_id=[{}]",
                    field.columnName(),
                    reason,
                    event.eventId());
        }
    }

    private static boolean isPowerOfTen(long n) {
        long power = 1;
        while (power < n && power <= Long.MAX_VALUE / 10) {
            power *= 10;
        }
        return power == n;
    }

    /** Whether the text is exactly one well-formed JSON value. */
    static boolean isOneJsonValue(String text) {
        try (JsonParser parser = Json.MAPPER.createParser(text)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (JacksonException e) {
            return false;
        }
    }

    /**
     * Reads an event from its packed row (see {@link DuckDbSchema#PACKED_ROW}).
     *
     * @throws WarehouseException when the row does not hold 131 values
     */
    static EnrichedEvent readPacked(String row) {
        EnrichedEvent event = new EnrichedEvent();
        int start = 0;
        for (AtomicField field : AtomicField.ALL) {
            int end = row.indexOf(DuckDbSchema.PACKED_SEPARATOR, start);
            boolean last = field.ordinal() == AtomicField.COUNT - 1;
            if (last != (end < 0)) {
                throw new WarehouseException("a warehouse row does not hold " + AtomicField.COUNT + " values: "
                        + row.substring(0, Math.min(row.length(), 80)));
            }
            end = last ? row.length() : end;
            if (end > start) {
                event.set(field, packedValue(field, row.substring(start, end)));
            }
            start = end + 1;
        }
        return event;
    }

    private static Object packedValue(AtomicField field, String text) {
        return switch (field.type()) {
            case TIMESTAMP -> Timestamps.parse(text);
            case DECIMAL -> shortestScale(new BigDecimal(text));
            default -> EnrichedTsv.parseValue(field, text);
        };
    }

    private static BigDecimal shortestScale(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0, RoundingMode.UNNECESSARY) : stripped;
    }
}
