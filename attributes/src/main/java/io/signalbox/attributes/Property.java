package io.signalbox.attributes;

import io.signalbox.events.AtomicField;
import io.signalbox.events.FieldType;
import java.util.Objects;

/**
 * Where a value comes from in an enriched event: an atomic column, a field of the self-describing event, or a field
 * of an attached entity. Any kind may carry a {@link DatePart}, which turns a date-time into a part of it (UTC).
 */
public sealed interface Property permits Property.Atomic, Property.Event, Property.Entity {

    /** The date part to extract, or {@code null} for the value itself. */
    DatePart datePart();

    /** The same property with another date part. */
    Property withDatePart(DatePart datePart);

    /** Whether the property can hold a date-time; event and entity fields are assumed to. */
    boolean mayBeTimestamp();

    /** A short readable form for messages: {@code page_url}, {@code event com.acme/checkout/1 cart.total}. */
    String describe();

    /** An atomic column of the enriched event. */
    static Atomic atomic(AtomicField field) {
        return new Atomic(field, null);
    }

    /**
     * An atomic column of the canonical enriched event.
     *
     * @param field the column
     * @param datePart the date part to extract, or {@code null}
     */
    record Atomic(AtomicField field, DatePart datePart) implements Property {
        public Atomic {
            Objects.requireNonNull(field, "field");
        }

        @Override
        public Property withDatePart(DatePart part) {
            return new Atomic(field, part);
        }

        @Override
        public boolean mayBeTimestamp() {
            return field.type() == FieldType.TIMESTAMP;
        }

        @Override
        public String describe() {
            return field.columnName();
        }
    }

    /**
     * A field of the self-describing event. Any minor or patch version of the named major version matches.
     *
     * @param vendor the schema vendor
     * @param name the schema name
     * @param majorVersion the schema model, at least 1
     * @param path where the field is in the event's data
     * @param datePart the date part to extract, or {@code null}
     */
    record Event(String vendor, String name, int majorVersion, JsonPath path, DatePart datePart) implements Property {
        public Event {
            Objects.requireNonNull(vendor, "vendor");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(path, "path");
        }

        @Override
        public Property withDatePart(DatePart part) {
            return new Event(vendor, name, majorVersion, path, part);
        }

        @Override
        public boolean mayBeTimestamp() {
            return true;
        }

        @Override
        public String describe() {
            return "event " + vendor + "/" + name + "/" + majorVersion + " " + path;
        }
    }

    /**
     * A field of an entity attached to the event, sent ({@code contexts}) or derived ({@code derived_contexts}).
     *
     * @param vendor the schema vendor
     * @param name the schema name
     * @param majorVersion the schema model, at least 1
     * @param path where the field is in the entity's data
     * @param index which entity of that schema, counting sent entities first and then derived ones, from 0
     * @param datePart the date part to extract, or {@code null}
     */
    record Entity(String vendor, String name, int majorVersion, JsonPath path, int index, DatePart datePart)
            implements Property {
        public Entity {
            Objects.requireNonNull(vendor, "vendor");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(path, "path");
        }

        @Override
        public Property withDatePart(DatePart part) {
            return new Entity(vendor, name, majorVersion, path, index, part);
        }

        @Override
        public boolean mayBeTimestamp() {
            return true;
        }

        @Override
        public String describe() {
            return "entity " + vendor + "/" + name + "/" + majorVersion + "[" + index + "] " + path;
        }
    }
}
