package io.signalbox.attributes.core;

import io.signalbox.attributes.DatePart;
import io.signalbox.attributes.JsonPath;
import io.signalbox.attributes.Property;
import io.signalbox.events.AtomicField;
import io.signalbox.events.EnrichedEvent;
import io.signalbox.events.SchemaKey;
import io.signalbox.events.SelfDescribingData;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Reads one {@link Property} from enriched events. The result is null when the property is missing; otherwise an
 * atomic column's own value (String, Integer, BigDecimal, Double, Boolean, Instant), or for JSON fields text, Long,
 * Double, Boolean or the container node; with a date part, the part ({@link Values#datePart}).
 *
 * <p>JSON columns are parsed once per event by the event itself. A column that holds malformed JSON reads as missing.
 */
abstract sealed class ValueReader {

    static ValueReader of(Property property) {
        return switch (property) {
            case Property.Atomic atomic -> new Atomic(atomic.field(), atomic.datePart());
            case Property.Event event ->
                new Event(event.vendor(), event.name(), event.majorVersion(), event.path(), event.datePart());
            case Property.Entity entity ->
                new Entity(
                        entity.vendor(),
                        entity.name(),
                        entity.majorVersion(),
                        entity.path(),
                        entity.index(),
                        entity.datePart());
        };
    }

    private final DatePart datePart;

    ValueReader(DatePart datePart) {
        this.datePart = datePart;
    }

    final Object read(EnrichedEvent event) {
        Object value = readRaw(event);
        if (value == null || datePart == null) {
            return value;
        }
        long millis = Values.toEpochMillis(value);
        return millis == Long.MIN_VALUE ? null : Values.datePart(datePart, millis);
    }

    abstract Object readRaw(EnrichedEvent event);

    private static final class Atomic extends ValueReader {
        private final AtomicField field;

        Atomic(AtomicField field, DatePart datePart) {
            super(datePart);
            this.field = field;
        }

        @Override
        Object readRaw(EnrichedEvent event) {
            return event.get(field);
        }
    }

    private static boolean matches(SchemaKey key, String vendor, String name, int major) {
        return key.version().model() == major
                && key.name().equals(name)
                && key.vendor().equals(vendor);
    }

    private static final class Event extends ValueReader {
        private final String vendor;
        private final String name;
        private final int major;
        private final JsonPath path;

        Event(String vendor, String name, int major, JsonPath path, DatePart datePart) {
            super(datePart);
            this.vendor = vendor;
            this.name = name;
            this.major = major;
            this.path = path;
        }

        @Override
        Object readRaw(EnrichedEvent event) {
            if (event.get(AtomicField.UNSTRUCT_EVENT) == null) {
                return null;
            }
            SelfDescribingData data;
            try {
                data = event.unstructEvent();
            } catch (IllegalArgumentException e) {
                return null;
            }
            if (data == null || !matches(data.schema(), vendor, name, major)) {
                return null;
            }
            return Values.fromJson(path.read(data.data()));
        }
    }

    private static final class Entity extends ValueReader {
        private final String vendor;
        private final String name;
        private final int major;
        private final JsonPath path;
        private final int index;

        Entity(String vendor, String name, int major, JsonPath path, int index, DatePart datePart) {
            super(datePart);
            this.vendor = vendor;
            this.name = name;
            this.major = major;
            this.path = path;
            this.index = index;
        }

        @Override
        Object readRaw(EnrichedEvent event) {
            int seen = 0;
            if (event.get(AtomicField.CONTEXTS) != null) {
                List<SelfDescribingData> sent = entities(event, false);
                for (SelfDescribingData entity : sent) {
                    if (matches(entity.schema(), vendor, name, major) && seen++ == index) {
                        return value(entity.data());
                    }
                }
            }
            if (event.get(AtomicField.DERIVED_CONTEXTS) != null) {
                List<SelfDescribingData> derived = entities(event, true);
                for (SelfDescribingData entity : derived) {
                    if (matches(entity.schema(), vendor, name, major) && seen++ == index) {
                        return value(entity.data());
                    }
                }
            }
            return null;
        }

        private Object value(JsonNode data) {
            return Values.fromJson(path.read(data));
        }

        private static List<SelfDescribingData> entities(EnrichedEvent event, boolean derived) {
            try {
                return derived ? event.derivedContexts() : event.contexts();
            } catch (IllegalArgumentException e) {
                return List.of();
            }
        }
    }
}
