package io.signalbox.scoring.simulator;

import io.signalbox.engine.warehouse.BulkInsert;
import io.signalbox.engine.warehouse.Warehouse;
import io.signalbox.tracking.CollectorPayload;
import io.signalbox.tracking.Enricher;
import io.signalbox.tracking.EnricherConfig;
import io.signalbox.tracking.EnrichmentResult;
import io.signalbox.tracking.GoodEvent;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a simulation straight into the warehouse, as if every event had come through the collector: each request
 * goes through the same enrichment as live traffic (with the collector's receipt time a moment after the event), and
 * the enriched events are imported in bulk. Bad rows would mean the simulator sends what a tracker would not, so they
 * fail the write.
 */
public final class SimulatedHistory {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedHistory.class);
    private static final long COLLECTOR_DELAY_MILLIS = 120;
    private static final int PROGRESS_EVERY = 100_000;

    private SimulatedHistory() {}

    /** What a write did. */
    public record Written(long events, long inserted, Instant first, Instant last) {}

    /**
     * Enriches and imports every event of the simulation.
     *
     * @param progress told the number of events written so far, every 100,000 events
     */
    public static Written write(ProspectSimulator simulator, Warehouse warehouse, LongConsumer progress) {
        SimulatedClock clock = new SimulatedClock();
        Enricher enricher =
                new Enricher(EnricherConfig.defaults().withProcessor("signalbox-simulator", "1.0.0"), clock);
        long events = 0;
        Instant first = null;
        Instant last = null;
        try (BulkInsert insert = warehouse.beginImport()) {
            for (TrackerRequest request : simulator) {
                Instant received = request.at().plusMillis(COLLECTOR_DELAY_MILLIS);
                clock.set(received);
                EnrichmentResult result = enricher.enrich(payload(request, received));
                if (!result.bad().isEmpty()) {
                    throw new IllegalStateException("the simulator sent an event enrichment refuses: "
                            + result.bad().getFirst());
                }
                for (GoodEvent good : result.good()) {
                    insert.add(good.event());
                }
                events++;
                first = first == null ? request.at() : first;
                last = request.at();
                if (events % PROGRESS_EVERY == 0) {
                    progress.accept(events);
                }
            }
            BulkInsert.Result result = insert.commit();
            LOG.info(
                    "Simulated history written events=[{}] inserted=[{}] from=[{}] to=[{}]",
                    events,
                    result.inserted(),
                    first,
                    last);
            return new Written(events, result.inserted(), first, last);
        }
    }

    /** The collector payload of a {@code GET /i} request carrying the event. */
    static CollectorPayload payload(TrackerRequest request, Instant received) {
        return new CollectorPayload(
                "com.snowplowanalytics.snowplow",
                "tp1",
                "/i",
                request.queryString(),
                null,
                null,
                "collector.signalbox.local",
                request.ipAddress(),
                received,
                request.userAgent(),
                request.parameters().get("url"),
                request.networkUserId(),
                List.of("User-Agent: " + request.userAgent()),
                "signalbox-simulator");
    }

    /** The enricher's clock, set to each event's receipt time so {@code etl_tstamp} is deterministic. */
    private static final class SimulatedClock implements InstantSource {
        private Instant now = Instant.EPOCH;

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
