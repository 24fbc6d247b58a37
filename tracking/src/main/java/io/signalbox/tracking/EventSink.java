package io.signalbox.tracking;

import java.util.concurrent.CompletionStage;

/**
 * Where the collector hands the outcome of a request. The collector answers the client only once the returned stage
 * completes, so an acknowledged event is never lost.
 */
public interface EventSink {

    /**
     * Stores a request's good events and bad rows.
     *
     * @return a stage that completes when everything is durable, or completes exceptionally with {@link
     *     SinkOverloadedException} when the sink cannot take more now
     */
    CompletionStage<Void> append(EnrichmentResult result);
}
