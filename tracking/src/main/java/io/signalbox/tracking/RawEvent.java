package io.signalbox.tracking;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One event's tracker-protocol parameters, split out of a collector payload by the adapter.
 *
 * @param parameters parameter name to value, in the order they arrived
 * @param source the request the event came in
 */
public record RawEvent(Map<String, String> parameters, CollectorPayload source) {

    public RawEvent {
        Objects.requireNonNull(source, "source");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** A parameter's value, or {@code null}. */
    public String parameter(String name) {
        return parameters.get(name);
    }
}
