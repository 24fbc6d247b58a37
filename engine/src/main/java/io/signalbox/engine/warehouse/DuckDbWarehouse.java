package io.signalbox.engine.warehouse;

import io.signalbox.events.AtomicField;
import io.signalbox.events.EnrichedEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded warehouse: one DuckDB file (see {@link DuckDbSchema} for the tables and column types).
 *
 * <p>Threads: a DuckDB connection must not be used by two threads at once, so this class keeps one root connection
 * that it never runs statements on concurrently, and gives every operation its own connection, duplicated from the root
 * (a duplicate costs about 10 µs and shares the database). A cursor or import keeps its connection until it is
 * closed. DuckDB's multi-version concurrency lets the loader append while readers read and an import runs; imports
 * insert their chunks one at a time, so two of them cannot both insert the same {@code event_id}.
 *
 * <p>Exactly-once loading: {@link #append} runs in one transaction that first moves the loaded offset (the
 * statement that opens the transaction, guarded by the expected old offset) and then adds the rows with DuckDB's
 * appender. The appender writes into the connection's open transaction, so commit makes both durable together and a
 * crash before commit leaves neither; DuckDB's write-ahead log discards an unfinished transaction on restart.
 *
 * <p>Only one process can open the file; opening it while another holds it throws {@link
 * WarehouseLockedException}.
 */
public final class DuckDbWarehouse implements Warehouse {
    private static final Logger LOG = LoggerFactory.getLogger(DuckDbWarehouse.class);

    /** The warehouse file's name inside a data directory. */
    public static final String FILE_NAME = "warehouse.duckdb";

    /** DuckDB's memory limit unless given: it spills larger sorts and imports to a temporary directory. */
    public static final long DEFAULT_MEMORY_LIMIT_BYTES = 1L << 30;

    /**
     * The least memory limit accepted: a scan of all 131 columns pins a block per column and thread, and with less
     * than about 128 MiB even a three-row query can fail.
     */
    public static final long MIN_MEMORY_LIMIT_BYTES = 256L << 20;

    /**
     * How much write-ahead log DuckDB collects before it checkpoints into the file. Its default, 16 MB, makes a
     * loader that commits every few MB rewrite the same row group again and again (loads ran 1.5 times slower);
     * the cost of more is a longer replay when the file is opened after a crash.
     */
    private static final String CHECKPOINT_THRESHOLD = "256MB";

    /**
     * DuckDB's worker threads. One: on a small machine its default, a worker per core, let each load take every core
     * for the length of a batch, which stalled the collector and the engine beside it (in back-to-back benchmark
     * runs the collector's p99 at half its throughput went from 89 ms to 47 ms with one thread, a noisy figure), and
     * the loader itself got through 86% of the log instead of 51% in the same time. Warehouse reads are single scans
     * that one thread serves well enough.
     */
    private static final int THREADS = 1;

    /** Rows per import chunk: 20,000 events of 1.6 KB imported within a 256 MiB limit, 50,000 did not. */
    private static final int IMPORT_CHUNK_ROWS = 20_000;

    private final Path file;
    private final DuckDBConnection root;
    private final DuckDbRows rows = new DuckDbRows();
    private final int sliceRows;
    private final int importChunkRows;
    private final ReentrantLock rootLock = new ReentrantLock();
    private final ReentrantLock importInsertLock = new ReentrantLock();
    private final Set<AutoCloseable> openResources = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private DuckDbWarehouse(Path file, DuckDBConnection root, int sliceRows) {
        this.file = file;
        this.root = root;
        this.sliceRows = sliceRows;
        this.importChunkRows = Math.min(sliceRows, IMPORT_CHUNK_ROWS);
    }

    /** Opens (or creates) the warehouse file {@value #FILE_NAME} in a data directory. */
    public static DuckDbWarehouse openInDataDir(Path dataDir) {
        return open(dataDir.resolve(FILE_NAME), DEFAULT_MEMORY_LIMIT_BYTES);
    }

    /**
     * Opens (or creates) a warehouse file.
     *
     * @param memoryLimitBytes the memory DuckDB may use before spilling to disk
     * @throws WarehouseLockedException when another process has the file open
     * @throws WarehouseException when the file cannot be opened or holds an incompatible events table
     */
    public static DuckDbWarehouse open(Path file, long memoryLimitBytes) {
        return open(file, memoryLimitBytes, DuckDbTimeSlices.sliceRows(memoryLimitBytes));
    }

    /**
     * {@link #open(Path, long)} with the rows per sorted slice of a read (see {@link DuckDbTimeSlices}), which also
     * caps the rows per chunk of an import.
     */
    static DuckDbWarehouse open(Path file, long memoryLimitBytes, int sliceRows) {
        if (memoryLimitBytes < MIN_MEMORY_LIMIT_BYTES) {
            throw new IllegalArgumentException(
                    "warehouse memory limit must be at least 256 MiB, was " + memoryLimitBytes + " bytes");
        }
        DuckDBConnection root = connectRoot(file);
        try {
            try (Statement statement = root.createStatement()) {
                statement.execute("SET memory_limit = '" + (memoryLimitBytes >> 20) + "MiB'");
                statement.execute("SET checkpoint_threshold = '" + CHECKPOINT_THRESHOLD + "'");
                statement.execute("SET threads = " + THREADS);
            }
            DuckDbSchema.create(root);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(root);
            throw e instanceof WarehouseException we
                    ? we
                    : new WarehouseException("cannot prepare the warehouse " + file + ": " + e.getMessage(), e);
        }
        DuckDbWarehouse warehouse = new DuckDbWarehouse(file, root, sliceRows);
        LOG.info(
                "Opened warehouse file=[{}] events=[{}] loaded_offset=[{}] memory_limit_mib=[{}]",
                file,
                warehouse.count(),
                warehouse.loadedOffset(),
                memoryLimitBytes >> 20);
        return warehouse;
    }

    private static DuckDBConnection connectRoot(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath())
                    .unwrap(DuckDBConnection.class);
        } catch (java.io.IOException e) {
            throw new WarehouseException("cannot create the directory of the warehouse " + file + ": " + e, e);
        } catch (SQLException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("Could not set lock")) {
                throw new WarehouseLockedException(
                        "the warehouse " + file + " is in use by another process (a running signalbox server?): "
                                + message,
                        e);
            }
            throw new WarehouseException("cannot open the warehouse " + file + ": " + message, e);
        }
    }

    /** The DuckDB file. */
    public Path file() {
        return file;
    }

    @Override
    public long loadedOffset() {
        try (DuckDBConnection connection = connect()) {
            return readLoadedOffset(connection);
        } catch (SQLException e) {
            throw failure("read the loaded offset", e);
        }
    }

    static long readLoadedOffset(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT next_offset FROM " + DuckDbSchema.OFFSETS
                        + " WHERE log_name = '" + DuckDbSchema.EVENT_LOG + "'")) {
            return result.next() ? result.getLong(1) : 0;
        }
    }

    @Override
    public void append(List<EnrichedEvent> events, long fromOffset, long nextOffset) {
        append(events, fromOffset, nextOffset, () -> {});
    }

    /** {@link #append}, running {@code beforeCommit} after the rows are written and before the commit. */
    void append(List<EnrichedEvent> events, long fromOffset, long nextOffset, Runnable beforeCommit) {
        if (fromOffset < 0 || nextOffset < fromOffset || nextOffset - fromOffset < events.size()) {
            throw new IllegalArgumentException("cannot append " + events.size() + " events for log offsets ["
                    + fromOffset + ", " + nextOffset + ")");
        }
        try (DuckDBConnection connection = connect()) {
            connection.setAutoCommit(false);
            try {
                moveLoadedOffset(connection, fromOffset, nextOffset);
                appendRows(connection, events);
                beforeCommit.run();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            }
        } catch (SQLException e) {
            throw failure(
                    "append " + events.size() + " events for log offsets [" + fromOffset + ", " + nextOffset + ")", e);
        }
    }

    /**
     * Writes the lines to a scratch file beside the warehouse and lets DuckDB's own CSV reader parse and insert them,
     * in the same transaction as the offset move; a value that does not fit its column becomes {@code NULL}.
     */
    @Override
    public TsvWritten appendTsv(long fromOffset, TsvSource source) {
        Path batch = file.resolveSibling(file.getFileName() + ".batch.tsv");
        TsvWritten written = null;
        try {
            try (java.io.OutputStream out =
                    new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(batch), 1 << 20)) {
                written = source.writeTo(out);
            }
            if (written.nextOffset() < fromOffset || written.nextOffset() - fromOffset < written.lines()) {
                throw new IllegalArgumentException("cannot append " + written.lines() + " lines for log offsets ["
                        + fromOffset + ", " + written.nextOffset() + ")");
            }
            if (written.nextOffset() == fromOffset) {
                return written;
            }
            try (DuckDBConnection connection = connect()) {
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement()) {
                    moveLoadedOffset(connection, fromOffset, written.nextOffset());
                    if (written.lines() > 0) {
                        statement.execute(DuckDbSchema.insertFromTsv(batch));
                    }
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(connection);
                    throw e;
                }
            }
            return written;
        } catch (SQLException | java.io.IOException e) {
            throw new WarehouseException(
                    "cannot append the log entries from offset " + fromOffset
                            + (written == null ? "" : " to " + written.nextOffset()) + ": " + e.getMessage(),
                    e);
        } finally {
            try {
                java.nio.file.Files.deleteIfExists(batch);
            } catch (java.io.IOException e) {
                LOG.debug("Could not delete {}: {}", batch, e.getMessage());
            }
        }
    }

    /** The first statement of the load transaction: JDBC opens the transaction here, before the appender runs. */
    private static void moveLoadedOffset(Connection connection, long fromOffset, long nextOffset) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + DuckDbSchema.OFFSETS
                + " SET next_offset = ? WHERE log_name = '" + DuckDbSchema.EVENT_LOG + "' AND next_offset = ?")) {
            update.setLong(1, nextOffset);
            update.setLong(2, fromOffset);
            if (update.executeUpdate() != 1) {
                throw new OffsetMismatchException(fromOffset, readLoadedOffset(connection));
            }
        }
    }

    private void appendRows(DuckDBConnection connection, List<EnrichedEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (DuckDBAppender appender =
                connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, DuckDbSchema.EVENTS)) {
            for (EnrichedEvent event : events) {
                appender.beginRow();
                rows.appendValues(appender, event);
                appender.endRow();
            }
            appender.flush();
        }
    }

    @Override
    public BulkInsert beginImport() {
        DuckDBConnection connection = connect();
        try {
            DuckDbBulkInsert insert =
                    new DuckDbBulkInsert(connection, rows, importChunkRows, importInsertLock, openResources::remove);
            openResources.add(insert);
            return insert;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw failure("start an import", e);
        }
    }

    @Override
    public EventCursor events(EventQuery query, int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, was " + batchSize);
        }
        DuckDBConnection connection = connect();
        try {
            DuckDbEventCursor cursor =
                    new DuckDbEventCursor(connection, query, batchSize, sliceRows, openResources::remove);
            openResources.add(cursor);
            return cursor;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw failure("query events", e);
        }
    }

    @Override
    public List<String> sampleKeys(AtomicField keyColumn, Instant since, int limit) {
        EventQuery.requireStringColumn(keyColumn);
        if (limit <= 0) {
            throw new IllegalArgumentException("sample size must be positive, was " + limit);
        }
        EventQuery.between(since, EventQuery.LATEST); // checks the range of since
        String column = keyColumn.columnName();
        String sql = "SELECT key FROM (SELECT DISTINCT " + column + " AS key FROM " + DuckDbSchema.EVENTS
                + " WHERE derived_tstamp >= ? AND " + column + " IS NOT NULL) USING SAMPLE reservoir(" + limit
                + " ROWS)";
        try (DuckDBConnection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, DuckDbEventCursor.utc(since));
            List<String> keys = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    keys.add(result.getString(1));
                }
            }
            return keys;
        } catch (SQLException e) {
            throw failure("sample " + column + " values", e);
        }
    }

    @Override
    public long count() {
        return query("SELECT count(*) FROM " + DuckDbSchema.EVENTS, result -> {
            result.next();
            return result.getLong(1);
        });
    }

    @Override
    public long droppedValues() {
        return rows.droppedValues();
    }

    @Override
    public <T> T query(String sql, ResultSetMapper<T> mapper) {
        try (DuckDBConnection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            return mapper.map(result);
        } catch (SQLException e) {
            throw failure("run the query", e);
        }
    }

    private DuckDBConnection connect() {
        if (closed) {
            throw new WarehouseException("the warehouse " + file + " is closed");
        }
        rootLock.lock();
        try {
            return root.duplicate();
        } catch (SQLException e) {
            throw failure("open a connection", e);
        } finally {
            rootLock.unlock();
        }
    }

    private WarehouseException failure(String action, SQLException e) {
        return new WarehouseException("cannot " + action + " in the warehouse " + file + ": " + e.getMessage(), e);
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debug("Rollback failed, closing the connection discards the transaction: {}", e.getMessage());
        }
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            LOG.debug("Closing {} failed: {}", resource.getClass().getSimpleName(), e.getMessage());
        }
    }

    @Override
    public void close() {
        rootLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            openResources.forEach(DuckDbWarehouse::closeQuietly);
            try (Statement statement = root.createStatement()) {
                statement.execute("CHECKPOINT");
            } catch (SQLException e) {
                LOG.warn("Warehouse checkpoint on close failed, the next open replays its log: {}", e.getMessage());
            }
            closeQuietly(root);
        } finally {
            rootLock.unlock();
        }
        LOG.info("Closed warehouse file=[{}]", file);
    }
}
