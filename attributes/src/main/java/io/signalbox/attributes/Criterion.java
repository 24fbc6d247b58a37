package io.signalbox.attributes;

import java.util.Objects;

/**
 * One condition on an event: a property compared with a value.
 *
 * @param property what to read from the event
 * @param operator how to compare (never {@link Operator#CHANGED})
 * @param value a {@link String}, {@link Long}, {@link Double} or {@link Boolean}, a list of those, or {@code null}
 *     for {@code is null} and {@code is not null}
 */
public record Criterion(Property property, Operator operator, Object value) {
    public Criterion {
        Objects.requireNonNull(property, "property");
        Objects.requireNonNull(operator, "operator");
    }
}
