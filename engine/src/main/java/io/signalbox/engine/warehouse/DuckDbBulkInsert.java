package io.signalbox.engine.warehouse;

import io.signalbox.events.EnrichedEvent;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * An import staged in a temporary table of its own connection, then copied into {@code events} in one transaction
 * that leaves out known and repeated {@code event_id}s and inserts in time order, slice by slice (see {@link
 * DuckDbTimeSlices}), so the imported rows keep the time ordering that range reads rely on.
 */
final class DuckDbBulkInsert implements BulkInsert {
    private static final String STAGING = "temp.main." + DuckDbSchema.STAGING;
    private static final String KEEP = "import_keep";

    private final DuckDBConnection connection;
    private final DuckDbRows rows;
    private final int sliceRows;
    private final ReentrantLock commitLock;
    private final Consumer<AutoCloseable> onClose;
    private DuckDBAppender appender;
    private long staged;
    private boolean done;

    DuckDbBulkInsert(
            DuckDBConnection connection,
            DuckDbRows rows,
            int sliceRows,
            ReentrantLock commitLock,
            Consumer<AutoCloseable> onClose)
            throws SQLException {
        this.connection = connection;
        this.sliceRows = sliceRows;
        this.rows = rows;
        this.commitLock = commitLock;
        this.onClose = onClose;
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMP TABLE " + DuckDbSchema.STAGING + " AS SELECT " + DuckDbSchema.COLUMNS
                    + ", 0::BIGINT AS staged_seq FROM " + DuckDbSchema.EVENTS + " LIMIT 0");
        }
        this.appender = connection.createAppender("temp", DuckDBConnection.DEFAULT_SCHEMA, DuckDbSchema.STAGING);
    }

    @Override
    public void add(EnrichedEvent event) {
        requireOpen();
        try {
            appender.beginRow();
            rows.appendValues(appender, event);
            appender.append(staged);
            appender.endRow();
            staged++;
        } catch (SQLException e) {
            throw new WarehouseException("cannot stage an event for import: " + e.getMessage(), e);
        }
    }

    @Override
    public Result commit() {
        requireOpen();
        try {
            appender.close();
            commitLock.lock();
            try {
                return new Result(staged, insertNewEvents());
            } finally {
                commitLock.unlock();
            }
        } catch (SQLException e) {
            throw new WarehouseException("cannot insert " + staged + " imported events: " + e.getMessage(), e);
        } finally {
            close();
        }
    }

    /**
     * Picks the first staged row of each {@code event_id} the warehouse does not hold, then inserts them one time
     * slice after the other, in time order, all in one transaction.
     */
    private long insertNewEvents() throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMP TABLE " + KEEP + " AS SELECT min(staged_seq) AS seq FROM " + STAGING
                    + " s WHERE NOT EXISTS (SELECT 1 FROM " + DuckDbSchema.EVENTS
                    + " e WHERE e.event_id = s.event_id) GROUP BY event_id");
            String kept = "staged_seq IN (SELECT seq FROM " + KEEP + ")";
            List<LocalDateTime> starts = DuckDbTimeSlices.boundaries(connection, STAGING, kept, List.of(), sliceRows);
            long inserted = insertSlice(kept + " AND derived_tstamp IS NULL", null, null);
            for (int i = 0; i <= starts.size(); i++) {
                inserted +=
                        insertSlice(kept, i > 0 ? starts.get(i - 1) : null, i < starts.size() ? starts.get(i) : null);
            }
            connection.commit();
            return inserted;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        }
    }

    private long insertSlice(String where, LocalDateTime from, LocalDateTime to) throws SQLException {
        String sql = "INSERT INTO " + DuckDbSchema.EVENTS + " (" + DuckDbSchema.COLUMNS + ") SELECT "
                + DuckDbSchema.COLUMNS + " FROM " + STAGING + " WHERE " + where
                + (from != null ? " AND derived_tstamp >= ?" : "") + (to != null ? " AND derived_tstamp < ?" : "")
                + " ORDER BY " + DuckDbSchema.ORDER;
        try (PreparedStatement insert = connection.prepareStatement(sql)) {
            int parameter = 1;
            if (from != null) {
                insert.setObject(parameter++, from);
            }
            if (to != null) {
                insert.setObject(parameter, to);
            }
            return insert.executeUpdate();
        }
    }

    private void requireOpen() {
        if (done) {
            throw new IllegalStateException("this import has been committed or closed");
        }
    }

    @Override
    public void close() {
        if (done) {
            return;
        }
        done = true;
        try (connection) {
            if (!appender.isClosed()) {
                appender.close();
            }
        } catch (SQLException e) {
            // closing the connection drops the temporary table either way
        } finally {
            appender = null;
            onClose.accept(this);
        }
    }
}
