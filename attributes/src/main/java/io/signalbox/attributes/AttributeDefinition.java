package io.signalbox.attributes;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One attribute of an attribute group: which events it counts, what it reads from them and how it folds them.
 *
 * @param name the attribute's name, unique in its group
 * @param type the type of its value
 * @param aggregation how events are folded
 * @param events the selectors an event must match one of; empty means all events
 * @param property what is read from each event; {@code null} for {@code counter}, and for {@code time_since_*}
 *     (which then use {@code derived_tstamp})
 * @param criteria the event filter, or {@code null}
 * @param period the rolling window, or {@code null} for lifetime
 * @param defaultValue the value when there is no result: a {@link String}, {@link Long}, {@link Double}, {@link
 *     Boolean}, a list of those, a map for {@code dict}, or {@code null} for the type's default
 * @param ttl the time to live of a lifetime attribute, or {@code null} to inherit from the group or key
 * @param timeUnit the unit of a {@code time_since_*} value, else {@code null}
 * @param description free text, or {@code null}
 */
public record AttributeDefinition(
        String name,
        AttributeType type,
        Aggregation aggregation,
        List<EventSelector> events,
        Property property,
        Criteria criteria,
        Duration period,
        Object defaultValue,
        Duration ttl,
        TimeUnit timeUnit,
        String description) {

    public AttributeDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(aggregation, "aggregation");
        events = events == null ? List.of() : List.copyOf(events);
    }

    /** Whether the attribute covers a rolling window rather than its whole lifetime. */
    public boolean isWindowed() {
        return period != null;
    }
}
