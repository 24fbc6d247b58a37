package io.signalbox.attributes.oracle;

import io.signalbox.attributes.Aggregation;
import io.signalbox.attributes.AttributeDefinition;
import io.signalbox.attributes.AttributeGroupDefinition;
import io.signalbox.attributes.AttributeKeyDefinition;
import io.signalbox.attributes.AttributeType;
import io.signalbox.attributes.Criteria;
import io.signalbox.attributes.Criterion;
import io.signalbox.attributes.DatePart;
import io.signalbox.attributes.EventSelector;
import io.signalbox.attributes.Property;
import io.signalbox.events.AtomicField;
import io.signalbox.events.EnrichedEvent;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * An independent computation of attribute values in SQL (DuckDB), for checking the engine against.
 *
 * <p>{@link #load} puts events into a table {@code events}: every atomic column (timestamps as epoch milliseconds,
 * decimals as doubles, the JSON columns as text) plus {@code seq}, the arrival position. {@link #expected} then
 * computes, for each attribute of a group and each instant {@code t}, the value the documented semantics give:
 * events selected by the selectors ({@code OR}) and criteria ({@code AND(all) AND OR(any)}, SQL null logic), with
 * the property present, {@code ts <= t} and, for a window, {@code ts > t - period}; for a lifetime TTL, only the
 * last run of events less than a TTL apart, and nothing once {@code t >= newest + ttl}. Event and entity fields are
 * read with {@code json_extract}; ties in time are broken by {@code seq}.
 *
 * <p>It shares no code with the engine beyond the definition records, so the engine's processors can be checked
 * against it too.
 */
public final class OracleSql {
    private static final String TABLE = "events";
    private static final String POINTS = "oracle_points";
    private static final String KEYED = "oracle_keyed";
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** The SQL type of an expression, which decides how it converts. */
    enum SqlType {
        TEXT,
        INTEGER,
        DOUBLE,
        MILLIS,
        BOOL,
        JSON
    }

    record Expr(String sql, SqlType type) {}

    private OracleSql() {}

    /** Creates the {@code events} table and appends the events, {@code seq} being their position in the list. */
    public static void load(Connection connection, List<EnrichedEvent> arrivalOrder) throws SQLException {
        StringJoiner columns = new StringJoiner(", ", "CREATE TABLE " + TABLE + " (seq BIGINT, ", ")");
        for (AtomicField field : AtomicField.ALL) {
            columns.add(quote(field.columnName()) + " " + columnType(field));
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            statement.execute(columns.toString());
        }
        DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
        try (DuckDBAppender appender = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, TABLE)) {
            long seq = 0;
            for (EnrichedEvent event : arrivalOrder) {
                appender.beginRow();
                appender.append(seq++);
                for (AtomicField field : AtomicField.ALL) {
                    appendValue(appender, field, event.get(field));
                }
                appender.endRow();
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE " + TABLE + " ADD COLUMN oracle_entities JSON[]");
            statement.execute("UPDATE " + TABLE + " SET oracle_entities = list_concat("
                    + "coalesce(CAST(json_extract(contexts, '$.data') AS JSON[]), []::JSON[]), "
                    + "coalesce(CAST(json_extract(derived_contexts, '$.data') AS JSON[]), []::JSON[]))");
        }
    }

    private static String columnType(AtomicField field) {
        return switch (field.type()) {
            case STRING, JSON -> "VARCHAR";
            case TIMESTAMP -> "BIGINT";
            case INTEGER -> "INTEGER";
            case DECIMAL, COORDINATE -> "DOUBLE";
            case BOOLEAN -> "BOOLEAN";
        };
    }

    private static void appendValue(DuckDBAppender appender, AtomicField field, Object value) throws SQLException {
        if (value == null) {
            appender.appendNull();
            return;
        }
        switch (field.type()) {
            case STRING, JSON -> appender.append((String) value);
            case TIMESTAMP -> appender.append(((Instant) value).toEpochMilli());
            case INTEGER -> appender.append((int) (Integer) value);
            case DECIMAL -> appender.append(((BigDecimal) value).doubleValue());
            case COORDINATE -> appender.append((double) (Double) value);
            case BOOLEAN -> appender.append((boolean) (Boolean) value);
        }
    }

    /**
     * Where a value is read: a key value and an instant.
     *
     * @param key the attribute-key value
     * @param asOf the instant
     */
    public record ReadPoint(String key, Instant asOf) {}

    /**
     * The read points for every key value found in the events: each of the given instants, and each offset after
     * the newest event time of that key (so that short windows are read while they still hold something).
     */
    public static List<ReadPoint> readPoints(
            Connection connection, AttributeKeyDefinition key, List<Instant> instants, List<Duration> afterNewest)
            throws SQLException {
        String keyExpr = text(raw(key.keyProperty())).sql();
        String sql = "SELECT " + keyExpr + " AS k, max(derived_tstamp) AS newest FROM " + TABLE
                + " WHERE k IS NOT NULL AND k <> '' GROUP BY k ORDER BY k";
        java.util.Set<ReadPoint> points = new java.util.LinkedHashSet<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                String value = rows.getString("k");
                Instant newest = Instant.ofEpochMilli(rows.getLong("newest"));
                instants.forEach(instant -> points.add(new ReadPoint(value, instant)));
                afterNewest.forEach(offset -> points.add(new ReadPoint(value, newest.plus(offset))));
            }
        }
        return List.copyOf(points);
    }

    /**
     * The values the group's attributes should have at each read point.
     *
     * @return read point &rarr; attribute &rarr; value (JSON-friendly, typed as the engine types them)
     */
    public static Map<ReadPoint, Map<String, Object>> expected(
            Connection connection, AttributeGroupDefinition group, AttributeKeyDefinition key, List<ReadPoint> points)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE TABLE " + POINTS + " (k VARCHAR, at_ms BIGINT)");
            statement.execute("CREATE OR REPLACE TABLE " + KEYED + " AS SELECT *, "
                    + text(raw(key.keyProperty())).sql() + " AS oracle_key FROM " + TABLE);
        }
        DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
        try (DuckDBAppender appender = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, POINTS)) {
            for (ReadPoint point : points) {
                appender.beginRow();
                appender.append(point.key());
                appender.append(point.asOf().toEpochMilli());
                appender.endRow();
            }
        }
        Map<ReadPoint, Map<String, Object>> result = new LinkedHashMap<>();
        for (ReadPoint point : points) {
            Map<String, Object> defaults = new LinkedHashMap<>();
            for (AttributeDefinition attribute : group.attributes()) {
                defaults.put(attribute.name(), defaultValue(attribute));
            }
            result.put(point, defaults);
        }
        for (AttributeDefinition attribute : group.attributes()) {
            fill(connection, attribute, result);
        }
        return result;
    }

    private static void fill(
            Connection connection, AttributeDefinition attribute, Map<ReadPoint, Map<String, Object>> result)
            throws SQLException {
        String sql = attributeSql(attribute);
        Map<ReadPoint, Object> building = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                ReadPoint point = new ReadPoint(rows.getString("k"), Instant.ofEpochMilli(rows.getLong("at_ms")));
                Object value = convert(attribute, rows, point.asOf(), building.get(point));
                building.put(point, value);
                result.get(point).put(attribute.name(), value);
            }
        } catch (SQLException e) {
            throw new SQLException("attribute " + attribute.name() + ": " + e.getMessage() + "\n" + sql, e);
        }
    }

    /**
     * The query for one attribute: rows of (at_ms, k, result columns) for every read point with a result, reading
     * the points from the table {@code oracle_points (k, at_ms)}.
     */
    public static String attributeSql(AttributeDefinition attribute) {
        String value = valueExpr(attribute);
        String where = selectorSql(attribute.events()) + " AND " + criteriaSql(attribute.criteria());
        StringBuilder sql = new StringBuilder("WITH ");
        sql.append(
                        "base AS (SELECT oracle_key AS k, derived_tstamp AS ts, seq, derived_tstamp * 1000000 + seq AS ord, ")
                .append(value)
                .append(" AS v FROM ")
                .append(KEYED)
                .append(" WHERE ")
                .append(where)
                .append("),\n");
        String accepted = "SELECT p.at_ms, b.* FROM base b JOIN " + POINTS + " p ON b.k = p.k AND b.ts <= p.at_ms"
                + (attribute.period() == null
                        ? ""
                        : " AND b.ts > p.at_ms - " + attribute.period().toMillis())
                + " WHERE b.v IS NOT NULL";
        if (attribute.period() == null && attribute.ttl() != null) {
            long ttl = attribute.ttl().toMillis();
            sql.append("acc0 AS (").append(accepted).append("),\n");
            sql.append("gaps AS (SELECT *, CASE WHEN ts - lag(ts) OVER (PARTITION BY at_ms, k ORDER BY ts, seq) >= ")
                    .append(ttl)
                    .append(" THEN 1 ELSE 0 END AS brk FROM acc0),\n");
            sql.append("runs AS (SELECT *, sum(brk) OVER (PARTITION BY at_ms, k ORDER BY ts, seq "
                    + "ROWS UNBOUNDED PRECEDING) AS run FROM gaps),\n");
            sql.append("marked AS (SELECT *, max(run) OVER (PARTITION BY at_ms, k) AS last_run, "
                    + "max(ts) OVER (PARTITION BY at_ms, k) AS newest FROM runs),\n");
            sql.append(
                            "acc AS (SELECT at_ms, k, ts, seq, ord, v FROM marked WHERE run = last_run AND at_ms < newest + ")
                    .append(ttl)
                    .append(")\n");
        } else {
            sql.append("acc AS (").append(accepted).append(")\n");
        }
        sql.append(aggregateSql(attribute.aggregation()));
        return sql.toString();
    }

    private static String aggregateSql(Aggregation aggregation) {
        return switch (aggregation) {
            case COUNTER -> "SELECT at_ms, k, count(*) AS r FROM acc GROUP BY at_ms, k";
            case SUM -> "SELECT at_ms, k, sum(v) AS r FROM acc GROUP BY at_ms, k";
            case MEAN -> "SELECT at_ms, k, avg(v) AS r FROM acc GROUP BY at_ms, k";
            case MIN -> "SELECT at_ms, k, min(v) AS r FROM acc GROUP BY at_ms, k";
            case MAX, TIME_SINCE_LAST -> "SELECT at_ms, k, max(v) AS r FROM acc GROUP BY at_ms, k";
            case TIME_SINCE_FIRST -> "SELECT at_ms, k, min(v) AS r FROM acc GROUP BY at_ms, k";
            case FIRST -> "SELECT at_ms, k, arg_min(v, ord) AS r FROM acc GROUP BY at_ms, k";
            case LAST -> "SELECT at_ms, k, arg_max(v, ord) AS r FROM acc GROUP BY at_ms, k";
            case APPROX_COUNT_DISTINCT -> "SELECT at_ms, k, count(DISTINCT v) AS r FROM acc GROUP BY at_ms, k";
            case MOST_FREQUENT ->
                "SELECT at_ms, k, first(v ORDER BY c DESC, v ASC) AS r FROM "
                        + "(SELECT at_ms, k, v, count(*) AS c FROM acc GROUP BY at_ms, k, v) GROUP BY at_ms, k";
            case LEAST_FREQUENT ->
                "SELECT at_ms, k, first(v ORDER BY c ASC, v ASC) AS r FROM "
                        + "(SELECT at_ms, k, v, count(*) AS c FROM acc GROUP BY at_ms, k, v) GROUP BY at_ms, k";
            case UNIQUE_LIST ->
                "SELECT at_ms, k, v AS r, max(ord) AS o FROM acc GROUP BY at_ms, k, v " + "ORDER BY at_ms, k, o";
            case CATEGORY_COUNT ->
                "SELECT at_ms, k, v AS r, count(*) AS c FROM acc GROUP BY at_ms, k, v "
                        + "ORDER BY at_ms, k, c DESC, v ASC";
        };
    }

    // ---- values ---------------------------------------------------------------------------------------------

    /** The SQL of what an attribute takes from each event, typed as the engine holds it. */
    static String valueExpr(AttributeDefinition attribute) {
        Aggregation aggregation = attribute.aggregation();
        if (aggregation == Aggregation.COUNTER) {
            return "1";
        }
        if (aggregation.isTimeSince()) {
            return attribute.property() == null
                    ? "derived_tstamp"
                    : millis(raw(attribute.property())).sql();
        }
        Expr raw = raw(attribute.property());
        if (aggregation.isNumeric()) {
            return number(raw).sql();
        }
        if (aggregation == Aggregation.CATEGORY_COUNT || aggregation == Aggregation.APPROX_COUNT_DISTINCT) {
            return text(raw).sql();
        }
        return switch (attribute.type().elementType()) {
            case INT32, INT64 -> integer(raw).sql();
            case DOUBLE, FLOAT -> number(raw).sql();
            case BOOL -> bool(raw).sql();
            case UNIX_TIMESTAMP -> millis(raw).sql();
            default -> text(raw).sql();
        };
    }

    /** A property read from the table: a typed column, or a JSON value (JSON null as SQL NULL). */
    static Expr raw(Property property) {
        Expr value = switch (property) {
            case Property.Atomic atomic ->
                new Expr(
                        quote(atomic.field().columnName()),
                        switch (atomic.field().type()) {
                            case STRING, JSON -> SqlType.TEXT;
                            case TIMESTAMP -> SqlType.MILLIS;
                            case INTEGER -> SqlType.INTEGER;
                            case DECIMAL, COORDINATE -> SqlType.DOUBLE;
                            case BOOLEAN -> SqlType.BOOL;
                        });
            case Property.Event event -> {
                String prefix =
                        "iglu:" + event.vendor() + "/" + event.name() + "/jsonschema/" + event.majorVersion() + "-";
                yield json("CASE WHEN starts_with(json_extract_string(unstruct_event, '$.data.schema'), "
                        + literal(prefix) + ") THEN json_extract(unstruct_event, "
                        + literal("$.data.data." + strip(event.path().text())) + ") END");
            }
            case Property.Entity entity -> {
                String prefix =
                        "iglu:" + entity.vendor() + "/" + entity.name() + "/jsonschema/" + entity.majorVersion() + "-";
                String picked = "list_filter(oracle_entities, x -> starts_with(json_extract_string(x, '$.schema'), "
                        + literal(prefix) + "))[" + (entity.index() + 1) + "]";
                yield json("json_extract(" + picked + ", "
                        + literal("$.data." + strip(entity.path().text())) + ")");
            }
        };
        DatePart part = property.datePart();
        return part == null ? value : datePart(value, part);
    }

    private static Expr json(String sql) {
        return new Expr("(CASE WHEN json_type(" + sql + ") = 'NULL' THEN NULL ELSE " + sql + " END)", SqlType.JSON);
    }

    private static String strip(String path) {
        return path.startsWith("$.") ? path.substring(2) : path;
    }

    static Expr text(Expr raw) {
        return switch (raw.type()) {
            case TEXT -> raw;
            case INTEGER, DOUBLE, BOOL -> new Expr("CAST(" + raw.sql() + " AS VARCHAR)", SqlType.TEXT);
            case MILLIS ->
                new Expr("strftime(make_timestamp(" + raw.sql() + " * 1000), '%Y-%m-%dT%H:%M:%S.%gZ')", SqlType.TEXT);
            case JSON -> new Expr("json_extract_string(" + raw.sql() + ", '$')", SqlType.TEXT);
        };
    }

    static Expr number(Expr raw) {
        return switch (raw.type()) {
            case INTEGER, DOUBLE -> new Expr("CAST(" + raw.sql() + " AS DOUBLE)", SqlType.DOUBLE);
            case TEXT -> new Expr("TRY_CAST(" + raw.sql() + " AS DOUBLE)", SqlType.DOUBLE);
            case JSON -> new Expr("TRY_CAST(json_extract_string(" + raw.sql() + ", '$') AS DOUBLE)", SqlType.DOUBLE);
            case MILLIS, BOOL -> new Expr("CAST(NULL AS DOUBLE)", SqlType.DOUBLE);
        };
    }

    static Expr integer(Expr raw) {
        if (raw.type() == SqlType.INTEGER) {
            return new Expr("CAST(" + raw.sql() + " AS BIGINT)", SqlType.INTEGER);
        }
        String number = number(raw).sql();
        return new Expr(
                "(CASE WHEN " + number + " = floor(" + number + ") THEN CAST(" + number + " AS BIGINT) END)",
                SqlType.INTEGER);
    }

    static Expr millis(Expr raw) {
        return switch (raw.type()) {
            case MILLIS -> raw;
            case TEXT, JSON -> new Expr("epoch_ms(TRY_CAST(" + text(raw).sql() + " AS TIMESTAMPTZ))", SqlType.MILLIS);
            default -> new Expr("CAST(NULL AS BIGINT)", SqlType.MILLIS);
        };
    }

    static Expr bool(Expr raw) {
        if (raw.type() == SqlType.BOOL) {
            return raw;
        }
        String text = text(raw).sql();
        return new Expr("(CASE " + text + " WHEN 'true' THEN true WHEN 'false' THEN false END)", SqlType.BOOL);
    }

    private static Expr datePart(Expr value, DatePart part) {
        String time = "make_timestamp(" + millis(value).sql() + " * 1000)";
        return switch (part) {
            case HOUR_OF_DAY -> new Expr("CAST(hour(" + time + ") AS BIGINT)", SqlType.INTEGER);
            case DAY_OF_WEEK -> new Expr("CAST(isodow(" + time + ") AS BIGINT)", SqlType.INTEGER);
            case MONTH_OF_YEAR -> new Expr("CAST(month(" + time + ") AS BIGINT)", SqlType.INTEGER);
            case ACTIVE_DAY -> new Expr("strftime(" + time + ", '%Y-%m-%d')", SqlType.TEXT);
            case ACTIVE_WEEK -> new Expr("strftime(date_trunc('week', " + time + "), '%Y-%m-%d')", SqlType.TEXT);
            case ACTIVE_MONTH -> new Expr("strftime(date_trunc('month', " + time + "), '%Y-%m-%d')", SqlType.TEXT);
        };
    }

    // ---- selection ------------------------------------------------------------------------------------------

    static String selectorSql(List<EventSelector> selectors) {
        if (selectors.isEmpty()) {
            return "true";
        }
        StringJoiner any = new StringJoiner(" OR ", "(", ")");
        for (EventSelector selector : selectors) {
            StringJoiner all = new StringJoiner(" AND ", "(", ")");
            all.add("true");
            if (selector.vendor() != null) {
                all.add("event_vendor = " + literal(selector.vendor()));
            }
            if (selector.name() != null) {
                all.add("event_name = " + literal(selector.name()));
            }
            if (selector.version() != null) {
                all.add("event_version = " + literal(selector.version()));
            }
            any.add(all.toString());
        }
        return any.toString();
    }

    static String criteriaSql(Criteria criteria) {
        if (criteria == null || criteria.isEmpty()) {
            return "true";
        }
        StringJoiner all = new StringJoiner(" AND ", "(", ")");
        all.add("true");
        criteria.all().forEach(criterion -> all.add("coalesce(" + criterionSql(criterion) + ", false)"));
        if (!criteria.any().isEmpty()) {
            StringJoiner any = new StringJoiner(" OR ", "(", ")");
            criteria.any().forEach(criterion -> any.add("coalesce(" + criterionSql(criterion) + ", false)"));
            all.add(any.toString());
        }
        return all.toString();
    }

    static String criterionSql(Criterion criterion) {
        Expr raw = raw(criterion.property());
        Object value = criterion.value();
        return switch (criterion.operator()) {
            case IS_NULL -> raw.sql() + " IS NULL";
            case IS_NOT_NULL -> raw.sql() + " IS NOT NULL";
            case EQ, NE, LT, GT, LE, GE ->
                typed(raw, value) + " " + criterion.operator().text() + " " + literal(value);
            case LIKE -> text(raw).sql() + " LIKE " + literal(value);
            case NOT_LIKE -> text(raw).sql() + " NOT LIKE " + literal(value);
            case RLIKE -> "regexp_matches(" + text(raw).sql() + ", " + literal(value) + ")";
            case NOT_RLIKE -> "NOT regexp_matches(" + text(raw).sql() + ", " + literal(value) + ")";
            case IN -> inSql(raw, value);
            case NOT_IN -> "NOT " + inSql(raw, value);
            case CHANGED -> throw new IllegalArgumentException("changed is not an attribute criteria operator");
        };
    }

    private static String inSql(Expr raw, Object value) {
        if (value instanceof List<?> items) {
            StringJoiner list = new StringJoiner(", ", "(", ")");
            items.forEach(item -> list.add(literal(item)));
            return "(" + typed(raw, items.getFirst()) + " IN " + list + ")";
        }
        if (raw.type() == SqlType.JSON) {
            return "(CASE WHEN json_type(" + raw.sql() + ") = 'ARRAY' THEN list_contains(CAST(" + raw.sql()
                    + " AS VARCHAR[]), " + literal(value) + ") ELSE " + typed(raw, value) + " = " + literal(value)
                    + " END)";
        }
        return "(" + typed(raw, value) + " = " + literal(value) + ")";
    }

    /** The property converted for comparison with a value of that kind. */
    private static String typed(Expr raw, Object value) {
        if (value instanceof Number) {
            return number(raw).sql();
        }
        if (value instanceof Boolean) {
            return bool(raw).sql();
        }
        return text(raw).sql();
    }

    static String literal(Object value) {
        if (value instanceof String text) {
            return "'" + text.replace("'", "''") + "'";
        }
        return String.valueOf(value);
    }

    private static String quote(String column) {
        return "\"" + column + "\"";
    }

    // ---- results --------------------------------------------------------------------------------------------

    /** The value of one result row, folded into the list or map built so far for list and map results. */
    private static Object convert(AttributeDefinition attribute, ResultSet row, Instant asOf, Object building)
            throws SQLException {
        AttributeType type = attribute.type();
        return switch (attribute.aggregation()) {
            case COUNTER, APPROX_COUNT_DISTINCT -> count(row.getLong("r"), type);
            case SUM, MEAN, MIN, MAX -> number(row.getDouble("r"), type);
            case TIME_SINCE_FIRST, TIME_SINCE_LAST ->
                Math.max(0, asOf.toEpochMilli() - row.getLong("r"))
                        / (double) attribute.timeUnit().millis();
            case FIRST, LAST, MOST_FREQUENT, LEAST_FREQUENT -> element(row.getObject("r"), type.elementType());
            case UNIQUE_LIST -> {
                List<Object> list = building == null ? new ArrayList<>() : castList(building);
                list.add(element(row.getObject("r"), type.elementType()));
                yield list;
            }
            case CATEGORY_COUNT -> {
                Map<String, Long> map = building == null ? new LinkedHashMap<>() : castMap(building);
                map.put(row.getString("r"), row.getLong("c"));
                yield map;
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static List<Object> castList(Object value) {
        return (List<Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> castMap(Object value) {
        return (Map<String, Long>) value;
    }

    private static Object count(long count, AttributeType type) {
        return switch (type) {
            case INT32 -> (int) Math.min(Integer.MAX_VALUE, count);
            case INT64 -> count;
            default -> (double) count;
        };
    }

    private static Object number(double value, AttributeType type) {
        return switch (type) {
            case INT32 -> (int) Math.round(value);
            case INT64 -> Math.round(value);
            default -> value;
        };
    }

    private static Object element(Object value, AttributeType element) {
        if (value == null) {
            return null;
        }
        return switch (element) {
            case INT32 -> ((Number) value).intValue();
            case INT64 -> ((Number) value).longValue();
            case DOUBLE, FLOAT -> ((Number) value).doubleValue();
            case BOOL -> (Boolean) value;
            case UNIX_TIMESTAMP -> ISO_MILLIS.format(Instant.ofEpochMilli(((Number) value).longValue()));
            default -> value.toString();
        };
    }

    private static Object defaultValue(AttributeDefinition attribute) {
        return switch (attribute.aggregation()) {
            case COUNTER, APPROX_COUNT_DISTINCT -> count(0, attribute.type());
            case CATEGORY_COUNT -> Map.of();
            case UNIQUE_LIST -> List.of();
            default -> null;
        };
    }
}
