package io.signalbox.app;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.signalbox.engine.log.LogRecord;
import io.signalbox.engine.log.RocksEventLog;
import io.signalbox.engine.log.SyncPolicy;
import io.signalbox.engine.store.EmbeddedStore;
import io.signalbox.events.EnrichedTsv;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the event log of a stopped node's data directory. */
final class LoggedEvents {
    private LoggedEvents() {}

    /** How often each event id is in the log. */
    static Map<String, Integer> countsById(Path dataDir) {
        Map<String, Integer> counts = new HashMap<>();
        try (EmbeddedStore store = EmbeddedStore.open(dataDir.resolve("rocksdb"), 8 << 20);
                RocksEventLog log = new RocksEventLog(store, SyncPolicy.ALWAYS, 1 << 20)) {
            long offset = 0;
            List<LogRecord> batch;
            while (!(batch = log.read(offset, 10_000)).isEmpty()) {
                for (LogRecord record : batch) {
                    String id = EnrichedTsv.parse(new String(record.payload(), UTF_8))
                            .eventId();
                    counts.merge(id, 1, Integer::sum);
                    offset = record.offset() + 1;
                }
            }
        }
        return counts;
    }
}
