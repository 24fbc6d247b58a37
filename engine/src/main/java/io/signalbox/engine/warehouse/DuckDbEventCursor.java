package io.signalbox.engine.warehouse;

import io.signalbox.events.EnrichedEvent;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Reads a streamed DuckDB result in batches; owns its connection. */
final class DuckDbEventCursor implements EventCursor {
    private static final int MAX_PREALLOCATED = 4096;

    private final Connection connection;
    private final Statement statement;
    private final ResultSet result;
    private final int batchSize;
    private final Consumer<AutoCloseable> onClose;
    private boolean exhausted;
    private boolean closed;

    DuckDbEventCursor(
            Connection connection,
            Statement statement,
            ResultSet result,
            int batchSize,
            Consumer<AutoCloseable> onClose) {
        this.connection = connection;
        this.statement = statement;
        this.result = result;
        this.batchSize = batchSize;
        this.onClose = onClose;
    }

    @Override
    public List<EnrichedEvent> nextBatch() {
        if (exhausted || closed) {
            return List.of();
        }
        List<EnrichedEvent> batch = new ArrayList<>(Math.min(batchSize, MAX_PREALLOCATED));
        try {
            while (batch.size() < batchSize && result.next()) {
                batch.add(DuckDbRows.read(result));
            }
        } catch (SQLException e) {
            close();
            throw new WarehouseException("cannot read events from the warehouse: " + e.getMessage(), e);
        }
        if (batch.size() < batchSize) {
            exhausted = true;
            close();
        }
        return batch;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try (connection;
                statement;
                result) {
            onClose.accept(this);
        } catch (SQLException e) {
            // the connection is gone either way
        }
    }
}
