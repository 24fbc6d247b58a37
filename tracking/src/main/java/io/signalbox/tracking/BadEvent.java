package io.signalbox.tracking;

import java.util.Objects;

/**
 * A failure with what it failed on.
 *
 * @param row the bad row
 * @param payload the request it came from
 * @param raw the event's raw parameters, or {@code null} when the failure came before the request was split into
 *     events
 */
public record BadEvent(BadRow row, CollectorPayload payload, RawEvent raw) {
    public BadEvent {
        Objects.requireNonNull(row, "row");
        Objects.requireNonNull(payload, "payload");
    }
}
