package io.signalbox.engine.warehouse;

import io.signalbox.events.AtomicField;
import io.signalbox.events.EnrichedEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.duckdb.DuckDBConnection;

/**
 * Reads the events of a query in order, one time slice after the other (see {@link DuckDbTimeSlices}), all inside
 * one read transaction, so every slice sees the same snapshot while the loader keeps appending. Owns its connection.
 */
final class DuckDbEventCursor implements EventCursor {
    private static final int MAX_PREALLOCATED = 4096;

    private final DuckDBConnection connection;
    private final int batchSize;
    private final Consumer<AutoCloseable> onClose;
    private final String filter;
    private final List<Object> filterParameters = new ArrayList<>();
    private final List<LocalDateTime> sliceStarts = new ArrayList<>();
    private final LocalDateTime until;
    private final long loadedOffset;
    private long remaining;
    private int nextSlice;
    private PreparedStatement statement;
    private ResultSet result;
    private boolean closed;

    DuckDbEventCursor(
            DuckDBConnection connection,
            EventQuery query,
            int batchSize,
            int sliceRows,
            Consumer<AutoCloseable> onClose)
            throws SQLException {
        this.connection = connection;
        this.batchSize = batchSize;
        this.onClose = onClose;
        this.until = utc(query.until());
        this.remaining = query.limit();
        this.filter = filter(query);
        connection.setAutoCommit(false);
        this.loadedOffset = DuckDbWarehouse.readLoadedOffset(connection);
        sliceStarts.add(utc(query.since()));
        if (query.limit() > sliceRows) {
            List<Object> parameters = new ArrayList<>(List.of(sliceStarts.getFirst(), until));
            parameters.addAll(filterParameters);
            sliceStarts.addAll(DuckDbTimeSlices.boundaries(
                    connection,
                    DuckDbSchema.EVENTS,
                    "derived_tstamp >= ? AND derived_tstamp < ?" + filter,
                    parameters,
                    sliceRows));
        }
    }

    private String filter(EventQuery query) throws SQLException {
        StringBuilder sql = new StringBuilder();
        addInFilter(sql, AtomicField.APP_ID, query.appIds());
        addInFilter(sql, AtomicField.EVENT_NAME, query.eventNames());
        if (query.keyColumn() != null) {
            addInFilter(sql, query.keyColumn(), query.keyValues());
        }
        return sql.toString();
    }

    /** A semi-join against the bound list: DuckDB hashes it, so thousands of values cost no more than a few. */
    private void addInFilter(StringBuilder sql, AtomicField column, Set<String> values) throws SQLException {
        if (values != null) {
            sql.append(" AND ").append(column.columnName()).append(" IN (SELECT unnest(?::VARCHAR[]))");
            filterParameters.add(connection.createArrayOf("VARCHAR", values.toArray()));
        }
    }

    @Override
    public long loadedOffset() {
        return loadedOffset;
    }

    @Override
    public List<EnrichedEvent> nextBatch() {
        if (closed) {
            return List.of();
        }
        List<EnrichedEvent> batch = new ArrayList<>(Math.min(batchSize, MAX_PREALLOCATED));
        try {
            while (batch.size() < batchSize && remaining > 0 && (result != null || openNextSlice())) {
                if (result.next()) {
                    batch.add(DuckDbRows.readPacked(result.getString(1)));
                    remaining--;
                } else {
                    closeSlice();
                }
            }
        } catch (SQLException e) {
            close();
            throw new WarehouseException("cannot read events from the warehouse: " + e.getMessage(), e);
        }
        if (batch.size() < batchSize) {
            close();
        }
        return batch;
    }

    private boolean openNextSlice() throws SQLException {
        if (nextSlice >= sliceStarts.size()) {
            return false;
        }
        LocalDateTime from = sliceStarts.get(nextSlice);
        LocalDateTime to = nextSlice + 1 < sliceStarts.size() ? sliceStarts.get(nextSlice + 1) : until;
        nextSlice++;
        statement = connection.prepareStatement("SELECT " + DuckDbSchema.PACKED_ROW + " FROM " + DuckDbSchema.EVENTS
                + " WHERE derived_tstamp >= ? AND derived_tstamp < ?" + filter + " ORDER BY " + DuckDbSchema.ORDER
                + " LIMIT ?");
        int parameter = 1;
        statement.setObject(parameter++, from);
        statement.setObject(parameter++, to);
        for (Object value : filterParameters) {
            statement.setObject(parameter++, value);
        }
        statement.setLong(parameter, remaining);
        result = statement.executeQuery();
        return true;
    }

    private void closeSlice() throws SQLException {
        ResultSet finishedResult = result;
        PreparedStatement finished = statement;
        result = null;
        statement = null;
        try (finished) {
            finishedResult.close();
        }
    }

    static LocalDateTime utc(java.time.Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (DuckDBConnection owned = connection) {
            if (result != null) {
                closeSlice();
            }
            owned.rollback();
        } catch (SQLException e) {
            // closing the connection ends the read transaction either way
        } finally {
            onClose.accept(this);
        }
    }
}
