package io.signalbox.engine.warehouse;

import io.signalbox.events.EnrichedEvent;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * An import staged in a temporary table of its own connection, then copied into {@code events} by one {@code INSERT
 * … SELECT} (atomic as any statement) that leaves out known and repeated {@code event_id}s and sorts by time, so the
 * imported rows keep the time ordering that range reads rely on.
 */
final class DuckDbBulkInsert implements BulkInsert {
    private static final String STAGING = "temp.main." + DuckDbSchema.STAGING;

    private final DuckDBConnection connection;
    private final DuckDbRows rows;
    private final ReentrantLock commitLock;
    private final Consumer<AutoCloseable> onClose;
    private DuckDBAppender appender;
    private long staged;
    private boolean done;

    DuckDbBulkInsert(
            DuckDBConnection connection, DuckDbRows rows, ReentrantLock commitLock, Consumer<AutoCloseable> onClose)
            throws SQLException {
        this.connection = connection;
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
            long inserted;
            commitLock.lock();
            try (Statement statement = connection.createStatement()) {
                inserted = statement.executeUpdate(insertNewEvents());
            } finally {
                commitLock.unlock();
            }
            return new Result(staged, inserted);
        } catch (SQLException e) {
            throw new WarehouseException("cannot insert " + staged + " imported events: " + e.getMessage(), e);
        } finally {
            close();
        }
    }

    private static String insertNewEvents() {
        return "INSERT INTO " + DuckDbSchema.EVENTS + " (" + DuckDbSchema.COLUMNS + ") SELECT "
                + DuckDbSchema.COLUMNS + " FROM " + STAGING + " s WHERE NOT EXISTS (SELECT 1 FROM "
                + DuckDbSchema.EVENTS + " e WHERE e.event_id = s.event_id)"
                + " QUALIFY row_number() OVER (PARTITION BY event_id ORDER BY staged_seq) = 1"
                + " ORDER BY " + DuckDbSchema.ORDER;
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
