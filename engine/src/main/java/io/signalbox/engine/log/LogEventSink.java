package io.signalbox.engine.log;

import io.signalbox.events.EnrichedTsv;
import io.signalbox.tracking.BadEvent;
import io.signalbox.tracking.EnrichmentResult;
import io.signalbox.tracking.EventSink;
import io.signalbox.tracking.GoodEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** The collector's sink in the embedded mode: enriched events as TSV lines and bad rows as JSON into the log. */
public final class LogEventSink implements EventSink {
    private final EventLog log;

    public LogEventSink(EventLog log) {
        this.log = log;
    }

    @Override
    public CompletionStage<Void> append(EnrichmentResult result) {
        List<byte[]> events = new ArrayList<>(result.good().size());
        for (GoodEvent good : result.good()) {
            events.add(EnrichedTsv.format(good.event()).getBytes(StandardCharsets.UTF_8));
        }
        List<byte[]> badRows = new ArrayList<>(result.bad().size());
        for (BadEvent bad : result.bad()) {
            badRows.add(bad.row().toJsonString().getBytes(StandardCharsets.UTF_8));
        }
        return log.append(events, badRows).thenApply(end -> null);
    }
}
