package io.signalbox.engine.warehouse;

import io.signalbox.events.EnrichedEvent;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * An import through a temporary table of its own connection. Every {@code chunkRows} staged events, and on commit,
 * one {@code INSERT … SELECT} (atomic, as every statement) copies the staged rows into {@code events}, leaving out
 * {@code event_id}s the table holds and repeats within the chunk, sorted by time so that the rows keep the time order
 * range reads rely on; then the staging table is emptied. DuckDB finds the rows to keep with a hash anti-join built on
 * the chunk, probing only the {@code event_id} column of {@code events}. Memory stays bounded by the chunk, whatever
 * the file's size: staging a whole 500 MB file before one insert ran out of memory at a 256 MiB limit.
 */
final class DuckDbBulkInsert implements BulkInsert {
    private static final String STAGING = "temp.main." + DuckDbSchema.STAGING;
    /** The first staged row of each event_id the warehouse lacks, found on two narrow columns. */
    private static final String INSERT_NEW = "INSERT INTO " + DuckDbSchema.EVENTS + " (" + DuckDbSchema.COLUMNS
            + ") SELECT " + DuckDbSchema.COLUMNS + " FROM " + STAGING + " WHERE staged_seq IN (SELECT min(staged_seq)"
            + " FROM " + STAGING + " s WHERE NOT EXISTS (SELECT 1 FROM " + DuckDbSchema.EVENTS
            + " e WHERE e.event_id = s.event_id) GROUP BY event_id) ORDER BY " + DuckDbSchema.ORDER;

    private final DuckDBConnection connection;
    private final DuckDbRows rows;
    private final int chunkRows;
    private final ReentrantLock insertLock;
    private final Consumer<AutoCloseable> onClose;
    private DuckDBAppender appender;
    private long staged;
    private long inserted;
    private int inChunk;
    private boolean done;

    DuckDbBulkInsert(
            DuckDBConnection connection,
            DuckDbRows rows,
            int chunkRows,
            ReentrantLock insertLock,
            Consumer<AutoCloseable> onClose)
            throws SQLException {
        this.connection = connection;
        this.rows = rows;
        this.chunkRows = chunkRows;
        this.insertLock = insertLock;
        this.onClose = onClose;
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMP TABLE " + DuckDbSchema.STAGING + " AS SELECT " + DuckDbSchema.COLUMNS
                    + ", 0::BIGINT AS staged_seq FROM " + DuckDbSchema.EVENTS + " LIMIT 0");
        }
        this.appender = newAppender();
    }

    private DuckDBAppender newAppender() throws SQLException {
        return connection.createAppender("temp", DuckDBConnection.DEFAULT_SCHEMA, DuckDbSchema.STAGING);
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
            if (++inChunk == chunkRows) {
                insertChunk();
            }
        } catch (SQLException e) {
            throw new WarehouseException(
                    "cannot import into the warehouse after " + inserted + " rows: " + e.getMessage(), e);
        }
    }

    /** Inserts the staged chunk; imports insert one at a time, so two of them cannot add the same event_id. */
    private void insertChunk() throws SQLException {
        appender.close();
        insertLock.lock();
        try (Statement statement = connection.createStatement()) {
            inserted += statement.executeUpdate(INSERT_NEW);
            statement.execute("DELETE FROM " + STAGING);
        } finally {
            insertLock.unlock();
        }
        inChunk = 0;
        appender = newAppender();
    }

    @Override
    public Result commit() {
        requireOpen();
        try {
            insertChunk();
            return new Result(staged, inserted);
        } catch (SQLException e) {
            throw new WarehouseException(
                    "cannot import into the warehouse after " + inserted + " rows: " + e.getMessage(), e);
        } finally {
            close();
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
            onClose.accept(this);
        }
    }
}
