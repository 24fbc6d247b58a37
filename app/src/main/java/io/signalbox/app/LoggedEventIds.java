package io.signalbox.app;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.signalbox.engine.log.LogRecord;
import io.signalbox.engine.log.RocksEventLog;
import io.signalbox.engine.log.SyncPolicy;
import io.signalbox.engine.store.EmbeddedStore;
import io.signalbox.events.EnrichedTsv;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The event ids in the event log of a stopped node's data directory, for checks that count what a node kept: the
 * soak command and the crash and overload tests. Reads the log in pages, so a long log needs no more memory than
 * the caller keeps.
 */
public final class LoggedEventIds {
    private static final int PAGE = 10_000;

    private LoggedEventIds() {}

    /** Hands each logged event's id to {@code eventId}, in log order. */
    public static void forEach(Path dataDir, Consumer<String> eventId) {
        try (EmbeddedStore store = EmbeddedStore.open(dataDir.resolve("rocksdb"), 8 << 20);
                RocksEventLog log = new RocksEventLog(store, SyncPolicy.ALWAYS, 1 << 20)) {
            long offset = 0;
            List<LogRecord> page;
            while (!(page = log.read(offset, PAGE)).isEmpty()) {
                for (LogRecord record : page) {
                    eventId.accept(EnrichedTsv.parse(new String(record.payload(), UTF_8))
                            .eventId());
                    offset = record.offset() + 1;
                }
            }
        }
    }
}
