package io.signalbox.tracking;

import io.signalbox.events.SchemaKey;
import java.util.Map;

/** The schema each non-self-describing event type stands for ({@code event_vendor/name/format/version}). */
final class EventSchemas {
    private static final String SNOWPLOW = "com.snowplowanalytics.snowplow";
    private static final Map<String, SchemaKey> BY_EVENT = Map.of(
            "page_view", SchemaKey.of(SNOWPLOW, "page_view", "1-0-0"),
            "page_ping", SchemaKey.of(SNOWPLOW, "page_ping", "1-0-0"),
            "struct", SchemaKey.of("com.google.analytics", "event", "1-0-0"),
            "transaction", SchemaKey.of(SNOWPLOW, "transaction", "1-0-0"),
            "transaction_item", SchemaKey.of(SNOWPLOW, "transaction_item", "1-0-0"));

    private EventSchemas() {}

    /** The schema of an event type other than {@code unstruct}, or {@code null} when the type has none. */
    static SchemaKey forEvent(String event) {
        return event == null ? null : BY_EVENT.get(event);
    }
}
