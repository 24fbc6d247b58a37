package io.signalbox.tracking;

import java.util.List;

/**
 * What one collector payload became: good events and bad rows, in the order of the events in the request.
 *
 * @param good the enriched events
 * @param bad the failures
 */
public record EnrichmentResult(List<GoodEvent> good, List<BadEvent> bad) {
    public EnrichmentResult {
        good = List.copyOf(good);
        bad = List.copyOf(bad);
    }

    /** A result of one failure and no events. */
    public static EnrichmentResult failed(BadEvent bad) {
        return new EnrichmentResult(List.of(), List.of(bad));
    }
}
