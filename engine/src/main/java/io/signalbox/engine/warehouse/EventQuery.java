package io.signalbox.engine.warehouse;

import io.signalbox.events.AtomicField;
import io.signalbox.events.FieldType;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * Which events to read from the warehouse: those whose {@code derived_tstamp} lies in {@code [since, until)}, narrowed
 * by the optional filters. A {@code null} filter selects everything; an empty set selects nothing.
 *
 * <p>Start with {@link #between} or {@link #all} and narrow with the {@code with…} methods:
 *
 * <pre>{@code
 * EventQuery.between(since, until)
 *         .withEventNames(List.of("page_view", "submit_form"))
 *         .withKeys(AtomicField.DOMAIN_USERID, sampledUsers)
 *         .withLimit(100_000);
 * }</pre>
 *
 * @param since the earliest {@code derived_tstamp}, inclusive
 * @param until the latest {@code derived_tstamp}, exclusive
 * @param appIds the {@code app_id} values to keep, or {@code null} for all
 * @param eventNames the {@code event_name} values to keep, or {@code null} for all
 * @param keyColumn a string column to filter on, such as {@code domain_userid}, or {@code null}
 * @param keyValues the values of {@code keyColumn} to keep; {@code null} exactly when {@code keyColumn} is
 * @param limit the most events to return, {@link Long#MAX_VALUE} for no limit
 */
public record EventQuery(
        Instant since,
        Instant until,
        Set<String> appIds,
        Set<String> eventNames,
        AtomicField keyColumn,
        Set<String> keyValues,
        long limit) {

    /** The earliest instant a query can name: the start of year 0. */
    public static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");

    /** The latest instant a query can name: the start of year 10000. */
    public static final Instant LATEST = Instant.parse("+10000-01-01T00:00:00Z");

    public EventQuery {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        requireWithinRange("since", since);
        requireWithinRange("until", until);
        if (until.isBefore(since)) {
            throw new IllegalArgumentException(
                    "event query: until must not be before since, was " + until + " before " + since);
        }
        if ((keyColumn == null) != (keyValues == null)) {
            throw new IllegalArgumentException("event query: key column and key values go together, was column "
                    + keyColumn + " with " + (keyValues == null ? "no values" : "values"));
        }
        if (keyColumn != null) {
            requireStringColumn(keyColumn);
        }
        if (limit <= 0) {
            throw new IllegalArgumentException("event query: limit must be positive, was " + limit);
        }
        appIds = appIds == null ? null : Set.copyOf(appIds);
        eventNames = eventNames == null ? null : Set.copyOf(eventNames);
        keyValues = keyValues == null ? null : Set.copyOf(keyValues);
    }

    /** Events with {@code since <= derived_tstamp < until}. */
    public static EventQuery between(Instant since, Instant until) {
        return new EventQuery(since, until, null, null, null, null, Long.MAX_VALUE);
    }

    /** Every event that has a {@code derived_tstamp}. */
    public static EventQuery all() {
        return between(EARLIEST, LATEST);
    }

    /** Keeps only events of these apps. */
    public EventQuery withAppIds(Collection<String> newAppIds) {
        return new EventQuery(since, until, Set.copyOf(newAppIds), eventNames, keyColumn, keyValues, limit);
    }

    /** Keeps only events with these {@code event_name}s. */
    public EventQuery withEventNames(Collection<String> newEventNames) {
        return new EventQuery(since, until, appIds, Set.copyOf(newEventNames), keyColumn, keyValues, limit);
    }

    /** Keeps only events whose {@code column} holds one of {@code values}. */
    public EventQuery withKeys(AtomicField column, Collection<String> values) {
        return new EventQuery(since, until, appIds, eventNames, column, Set.copyOf(values), limit);
    }

    /** Returns at most this many events: the first ones in query order. */
    public EventQuery withLimit(long newLimit) {
        return new EventQuery(since, until, appIds, eventNames, keyColumn, keyValues, newLimit);
    }

    static void requireStringColumn(AtomicField column) {
        if (column.type() != FieldType.STRING) {
            throw new IllegalArgumentException(
                    "key column must be a string column, was " + column.columnName() + " of type " + column.type());
        }
    }

    private static void requireWithinRange(String name, Instant instant) {
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new IllegalArgumentException(
                    "event query: " + name + " must be within years 0 to 9999, was " + instant);
        }
    }
}
