package io.signalbox.app.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.signalbox.app.NodeSettings;
import io.signalbox.events.EnrichedTsv;
import io.signalbox.tracking.CollectorPayload;
import io.signalbox.tracking.Enricher;
import io.signalbox.tracking.EnricherConfig;
import io.signalbox.tracking.EnrichmentResult;
import io.signalbox.tracking.GoodEvent;
import java.time.Instant;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The collector's work per request on one thread: the collector benchmark's batch of ten browser events enriched
 * with the default enrichments and encoded as the event log stores them, against the ceiling of decoding the same
 * body into text. Run by {@code signalbox bench collector} through JMH; it says how much of a request's CPU is
 * enrichment, which the HTTP figures cannot.
 */
public class EnrichmentMicrobenchmark {

    /** One enricher and one captured request, as the collector's handler sees them. */
    @State(Scope.Thread)
    public static class Request {
        Enricher enricher;
        byte[] body;

        @Setup
        public void setUp() {
            enricher = new Enricher(
                    EnricherConfig.defaults().withProcessor("signalbox", io.signalbox.app.Main.releaseVersion()),
                    java.time.InstantSource.system());
            enricher.warmUp();
            body = CollectorBenchmark.batchBody();
            EnrichmentResult result = enricher.enrich(payload(new String(body, UTF_8)));
            if (result.good().size() != CollectorBenchmark.EVENTS_PER_BATCH) {
                throw new IllegalStateException("the benchmark batch makes bad rows: " + result.bad());
            }
        }

        private static CollectorPayload payload(String text) {
            return new CollectorPayload(
                    "com.snowplowanalytics.snowplow",
                    "tp2",
                    "/com.snowplowanalytics.snowplow/tp2",
                    null,
                    text,
                    "application/json; charset=utf-8",
                    "127.0.0.1",
                    "127.0.0.1",
                    Instant.now(),
                    CollectorBenchmark.USER_AGENT,
                    CollectorBenchmark.REFERER,
                    "c6ef3124-b53a-4b13-a233-0088f79dcbcb",
                    List.of("Host: 127.0.0.1", "User-Agent: " + CollectorBenchmark.USER_AGENT),
                    NodeSettings.collectorName());
        }
    }

    /** Enriches the batch and encodes every event as a log record, as a collector request does. */
    @Benchmark
    public int enrichAndEncode(Request request) {
        EnrichmentResult result = request.enricher.enrich(Request.payload(new String(request.body, UTF_8)));
        int bytes = 0;
        for (GoodEvent good : result.good()) {
            bytes += EnrichedTsv.format(good.event()).getBytes(UTF_8).length;
        }
        return bytes;
    }

    /** The ceiling: decodes the body into text, the only part of that work the bare endpoint shares. */
    @Benchmark
    public int decodeOnly(Request request) {
        return Request.payload(new String(request.body, UTF_8)).body().length();
    }
}
