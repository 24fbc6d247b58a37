package io.signalbox.tracking;

import io.signalbox.events.EnrichedEvent;
import java.util.Objects;

/**
 * An event that passed enrichment, with the raw parameters it came from.
 *
 * @param event the enriched event
 * @param raw the tracker-protocol parameters and the request they came in
 */
public record GoodEvent(EnrichedEvent event, RawEvent raw) {
    public GoodEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(raw, "raw");
    }
}
