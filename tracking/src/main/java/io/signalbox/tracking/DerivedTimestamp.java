package io.signalbox.tracking;

import java.time.Instant;

/**
 * Computes {@code derived_tstamp}: the true timestamp when the tracker sent one; else the collector time minus the
 * device's own measure of how long the event waited before it was sent; else the collector time. A device whose
 * clocks are so far apart that the difference would put the event before year 0 gets the collector time too, as the
 * enriched format cannot hold such a timestamp.
 */
final class DerivedTimestamp {
    /** 0000-01-01T00:00:00Z, the earliest timestamp the enriched format holds. */
    private static final long EARLIEST_MILLIS = -62_167_219_200_000L;

    private DerivedTimestamp() {}

    /**
     * @param trueTstamp {@code true_tstamp} ({@code ttm}), or {@code null}
     * @param collectorTstamp {@code collector_tstamp}, or {@code null}
     * @param deviceCreated {@code dvce_created_tstamp} ({@code dtm}), or {@code null}
     * @param deviceSent {@code dvce_sent_tstamp} ({@code stm}), or {@code null}
     * @return the derived timestamp, or {@code null} when there is no timestamp at all
     */
    static Instant derive(Instant trueTstamp, Instant collectorTstamp, Instant deviceCreated, Instant deviceSent) {
        if (trueTstamp != null) {
            return trueTstamp;
        }
        if (collectorTstamp != null
                && deviceCreated != null
                && deviceSent != null
                && deviceCreated.isBefore(deviceSent)) {
            long waitedMillis = deviceSent.toEpochMilli() - deviceCreated.toEpochMilli();
            long derivedMillis = collectorTstamp.toEpochMilli() - waitedMillis;
            return derivedMillis < EARLIEST_MILLIS ? collectorTstamp : Instant.ofEpochMilli(derivedMillis);
        }
        return collectorTstamp;
    }
}
