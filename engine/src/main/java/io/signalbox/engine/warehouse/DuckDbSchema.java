package io.signalbox.engine.warehouse;

import io.signalbox.events.AtomicField;
import io.signalbox.events.FieldType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The DuckDB tables of the warehouse.
 *
 * <p>{@code events} has the 131 atomic columns in TSV order. Types: {@code VARCHAR} for strings; {@code TIMESTAMP}
 * (no zone) holding UTC instants, as Snowplow's own warehouses do, so SQL compares them without a session time
 * zone; {@code INTEGER}; {@code DECIMAL(38,9)} for money and {@code se_value}, so sums are exact (a {@code DOUBLE}
 * would turn 0.1 + 0.2 into 0.30000000000000004); {@code DOUBLE} for coordinates, which the event holds as doubles;
 * {@code BOOLEAN}; and DuckDB's {@code JSON} type, which the JDBC driver bundles, for {@code contexts}, {@code
 * derived_contexts} and {@code unstruct_event}, holding the self-describing JSON text of the enriched event.
 *
 * <p>There are no indexes and no constraints. DuckDB keeps a min/max summary of every column per row group, and rows
 * arrive roughly in {@code derived_tstamp} order (the loader appends in log order, an import sorts each chunk), so
 * time-range reads skip most of the file. Key-column filters scan that one column and fetch the matching rows; an
 * ART index on {@code domain_userid} halved the time of a one-user read of 200,000 events (about 110 to 55 ms) but
 * lives in memory at tens of bytes a row, which the memory limit cannot spare on a large warehouse. Reads for many
 * keys at once, as training sets make them, cost one scan.
 *
 * <p>{@code loader_offsets} holds the loaded offset of the event log, written in the same transaction as the rows.
 */
final class DuckDbSchema {
    static final String EVENTS = "events";
    static final String OFFSETS = "loader_offsets";
    static final String STAGING = "import_staging";
    static final String EVENT_LOG = "events";

    /** The 131 column names, comma-separated, in TSV order. */
    static final String COLUMNS =
            AtomicField.ALL.stream().map(AtomicField::columnName).collect(Collectors.joining(", "));

    /** Separates the values of a packed row; control characters never occur in the stored text. */
    static final char PACKED_SEPARATOR = '\u0001';

    /**
     * One VARCHAR per row holding the 131 values in their TSV text form, separated by {@link #PACKED_SEPARATOR}, with
     * empty text for NULL. The JDBC driver creates each string through JNI, about a microsecond apiece, so reading a
     * row as one string instead of forty is several times faster.
     */
    static final String PACKED_ROW = "concat("
            + AtomicField.ALL.stream().map(DuckDbSchema::packedValue).collect(Collectors.joining(", chr(1), "))
            + ")";

    /** The read order of {@link Warehouse#events}. */
    static final String ORDER = "derived_tstamp, collector_tstamp, event_id";

    private DuckDbSchema() {}

    private static String packedValue(AtomicField field) {
        String column = field.columnName();
        return switch (field.type()) {
            case STRING -> "coalesce(" + column + ", '')";
            case TIMESTAMP -> "coalesce(strftime(" + column + ", '%Y-%m-%d %H:%M:%S.%g'), '')";
            case BOOLEAN -> "coalesce(" + column + "::INTEGER::VARCHAR, '')";
            case INTEGER, DECIMAL, COORDINATE, JSON -> "coalesce(" + column + "::VARCHAR, '')";
        };
    }

    /**
     * {@code INSERT INTO events SELECT ... FROM read_csv(file)} for enriched TSV lines: every column is read as text
     * (no quoting, no escapes, empty = {@code NULL}) and cast to its type, a value that does not fit becoming
     * {@code NULL}.
     */
    static String insertFromTsv(java.nio.file.Path file) {
        StringBuilder columns = new StringBuilder();
        StringBuilder casts = new StringBuilder();
        for (AtomicField field : AtomicField.ALL) {
            String raw = "c" + field.ordinal();
            columns.append(field.ordinal() == 0 ? "" : ", ")
                    .append('\'')
                    .append(raw)
                    .append("': 'VARCHAR'");
            casts.append(field.ordinal() == 0 ? "" : ", ").append(castFromText(field, raw));
        }
        String path = file.toAbsolutePath().toString().replace("'", "''");
        return "INSERT INTO " + EVENTS + " SELECT " + casts + " FROM read_csv('" + path + "', delim = '\t', "
                + "header = false, quote = '', escape = '', auto_detect = false, columns = {" + columns + "})";
    }

    private static String castFromText(AtomicField field, String raw) {
        return switch (field.type()) {
            case STRING -> raw;
            case JSON -> "CASE WHEN json_valid(" + raw + ") THEN " + raw + "::JSON END";
            default -> "TRY_CAST(" + raw + " AS " + sqlType(field.type()) + ")";
        };
    }

    static String sqlType(FieldType type) {
        return switch (type) {
            case STRING -> "VARCHAR";
            case TIMESTAMP -> "TIMESTAMP";
            case INTEGER -> "INTEGER";
            case DECIMAL -> "DECIMAL(38,9)";
            case COORDINATE -> "DOUBLE";
            case BOOLEAN -> "BOOLEAN";
            case JSON -> "JSON";
        };
    }

    /** Creates the tables when missing and checks that an existing events table has the expected columns. */
    static void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + EVENTS + " (" + columnDefinitions() + ")");
            statement.execute("CREATE TABLE IF NOT EXISTS " + OFFSETS
                    + " (log_name VARCHAR NOT NULL, next_offset BIGINT NOT NULL)");
            statement.execute("INSERT INTO " + OFFSETS + " SELECT '" + EVENT_LOG
                    + "', 0 WHERE NOT EXISTS (SELECT 1 FROM " + OFFSETS + " WHERE log_name = '" + EVENT_LOG + "')");
        }
        verifyEventsColumns(connection);
    }

    private static String columnDefinitions() {
        return AtomicField.ALL.stream()
                .map(field -> field.columnName() + " " + sqlType(field.type()))
                .collect(Collectors.joining(", "));
    }

    private static void verifyEventsColumns(Connection connection) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT column_name, data_type FROM information_schema.columns"
                        + " WHERE table_schema = 'main' AND table_name = '" + EVENTS + "' ORDER BY ordinal_position")) {
            while (rows.next()) {
                found.add(rows.getString(1) + " " + rows.getString(2));
            }
        }
        List<String> expected = AtomicField.ALL.stream()
                .map(field -> field.columnName() + " " + sqlType(field.type()))
                .toList();
        if (found.equals(expected)) {
            return;
        }
        int at = 0;
        while (at < found.size() && at < expected.size() && found.get(at).equals(expected.get(at))) {
            at++;
        }
        throw new WarehouseException("the events table has other columns than the " + AtomicField.COUNT
                + " atomic ones: column " + (at + 1) + " is '" + (at < found.size() ? found.get(at) : "missing")
                + "', expected '" + (at < expected.size() ? expected.get(at) : "none") + "'");
    }
}
