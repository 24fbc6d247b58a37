package io.signalbox.app;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Reads the event log of a stopped node's data directory. */
final class LoggedEvents {
    private LoggedEvents() {}

    /** How often each event id is in the log. */
    static Map<String, Integer> countsById(Path dataDir) {
        Map<String, Integer> counts = new HashMap<>();
        LoggedEventIds.forEach(dataDir, id -> counts.merge(id, 1, Integer::sum));
        return counts;
    }
}
