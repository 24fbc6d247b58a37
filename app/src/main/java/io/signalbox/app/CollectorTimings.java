package io.signalbox.app;

import io.micrometer.core.instrument.Timer;
import io.signalbox.api.metrics.ApiMetrics;
import io.signalbox.tracking.CollectorPayload;
import io.signalbox.tracking.EnrichmentResult;
import io.signalbox.tracking.EventSink;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Histograms of the two steps of a tracking request, so that a slow answer can be put down to one: enriching its
 * events on the request's thread, and waiting for the sink (the event log's group commit, or Kafka) to acknowledge them
 * as durable. With the request's wait for a thread ({@link ApiMetrics}) they make up nearly all of its latency.
 */
final class CollectorTimings {
    private final Timer enrichment;
    private final Timer storing;

    CollectorTimings(ApiMetrics metrics) {
        enrichment =
                metrics.timer("signalbox_collector_enrichment", "Time to enrich the events of one tracking request");
        storing = metrics.timer(
                "signalbox_collector_store",
                "Time from handing a tracking request's events to the sink to their acknowledgement as durable");
    }

    /** {@code enrich}, timed. */
    Function<CollectorPayload, EnrichmentResult> enrichment(Function<CollectorPayload, EnrichmentResult> enrich) {
        return payload -> {
            long started = System.nanoTime();
            try {
                return enrich.apply(payload);
            } finally {
                enrichment.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            }
        };
    }

    /** {@code sink}, with the time to each acknowledgement; refusals and failures are not timed. */
    EventSink sink(EventSink sink) {
        return result -> {
            long started = System.nanoTime();
            CompletionStage<Void> stored = sink.append(result);
            return stored.whenComplete((ignored, failure) -> {
                if (failure == null) {
                    storing.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                }
            });
        };
    }
}
