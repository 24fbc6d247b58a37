package io.signalbox.attributes.core;

import io.signalbox.attributes.AttributeDefinition;
import io.signalbox.attributes.AttributeGroupDefinition;
import io.signalbox.attributes.AttributeKeyDefinition;
import io.signalbox.attributes.EventSelector;
import io.signalbox.attributes.IsoDurations;
import io.signalbox.attributes.Property;
import io.signalbox.events.EnrichedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * An attribute group prepared for computing: the pure attribute engine. The live processor, the cluster processor,
 * the warehouse backfill and the training-set builder all use it, so that they compute the same values.
 *
 * <p>The engine keeps aggregation state per profile and computes values when they are read: {@link #apply} folds an
 * event into a {@link ProfileState} (state + event &rarr; state), {@link #values} evaluates a state as of an instant
 * (state + time &rarr; values). Nothing here reads a clock, does I/O or logs. A compiled group is immutable and safe
 * to share between threads; each {@link ProfileState} must have one writer at a time.
 *
 * <h2>Semantics</h2>
 *
 * <ul>
 *   <li><b>Event time</b> is {@code derived_tstamp} (the collector time when it is missing; events with neither are
 *       skipped). Events of one profile may arrive in any order; a late event updates whatever it belongs to.
 *   <li><b>Selection.</b> An event counts for an attribute when it matches one of the attribute's event selectors
 *       (none means all events) and passes its criteria ({@code AND(all) AND OR(any)}, operators as documented on
 *       {@link io.signalbox.attributes.Operator}). If the attribute's property is missing from the event, or does
 *       not convert to the attribute's type, the event leaves the attribute unchanged.
 *   <li><b>Attribute key.</b> {@link #keyOf} reads the key's property (built-in keys read their atomic column); an
 *       event whose key is missing or empty is skipped by the group. {@link #apply} itself does not look at the key:
 *       callers route events by it.
 *   <li><b>first / last</b> are ordered by event time; on equal times {@code first} keeps the earlier arrival and
 *       {@code last} takes the later one. <b>unique_list</b> orders values by when each was last seen (event time,
 *       then arrival), oldest first. <b>most_frequent / least_frequent</b> break ties by the smallest value. <b>
 *       category_count</b> writes {@code {value: count}} for the highest counts, highest first. <b>sum / min / max /
 *       mean</b> read numbers (and numeric text); integer types round half up. <b>time_since_first / last</b> keep
 *       the oldest / newest time (of {@code derived_tstamp}, or of the property) and give {@code asOf - time} in the
 *       time unit as a double, clamped at 0. <b>approx_count_distinct</b> hashes the value's text with 64-bit
 *       xxHash into a HyperLogLog of 2^14 registers (Ertl's improved estimator): exact up to 2,048 distinct values,
 *       beyond that a relative standard error of about {@code 1.04 / sqrt(2^14)} = 0.81 %.
 *   <li><b>Windows.</b> An attribute with a period {@code P} read as of {@code t} covers the events with {@code t -
 *       P < derived_tstamp <= t}, exact to the millisecond, with no cap on the number of events as long as the window
 *       holds at most {@link CoreLimits#maxWindowEntries()} of them; beyond that see {@link CoreLimits} for the memory
 *       policy and its precise error bound. {@code last}, {@code time_since_last} (of the event time) and {@code
 *       unique_list} windows stay exact at any size. Values decay as {@code asOf} moves, with no new events.
 *   <li><b>Lifetime attributes</b> keep running aggregates. TTL applies to them only: the attribute's {@code ttl},
 *       else the group's, else the key's, else none. A value expires {@code ttl} after the newest event that updated
 *       the attribute and then reads as its default; an event at or after that instant starts afresh, exactly as if a
 *       store had deleted the expired state. So the attribute's events form runs, split where two consecutive
 *       events (by event time) are a TTL or more apart, and the value is that of the last run. A late event within
 *       a TTL before the run's start joins it; one a TTL or more before belongs to an expired run and is ignored.
 *       The one inexactness: a late event that would bridge the current run with an earlier, already expired one
 *       does not revive that run.
 *   <li><b>Reading</b> as of any {@code t} at or after {@link #lastEventTime} is exact. Reading before it is not
 *       point-in-time: windows are cut at {@code t} over what the state still holds, lifetime aggregates include
 *       later events. Replay events up to {@code t} into a fresh state for that.
 *   <li><b>Defaults.</b> {@code default_value} when set; else 0 for {@code counter} and {@code
 *       approx_count_distinct}, {@code {}} for {@code category_count}, {@code []} for {@code unique_list}, null
 *       otherwise.
 *   <li><b>Bounds</b>: see {@link CoreLimits} for the caps on entries and distinct values and what happens at
 *       them.
 * </ul>
 *
 * <h2>State format</h2>
 *
 * {@link #encode} writes a compact binary form whose first byte is the format version ({@value #FORMAT_VERSION}),
 * followed by a fingerprint of the group's layout, the newest event time and one record per attribute. {@link
 * #decode} refuses other versions, other layouts and malformed bytes with a {@link StateFormatException}.
 */
public final class CompiledGroup {
    /** The version written as the first byte of every encoded state. */
    public static final int FORMAT_VERSION = 1;

    private final AttributeGroupDefinition definition;
    private final AttributeKeyDefinition attributeKey;
    private final ValueReader keyReader;
    private final CompiledAttribute[] attributes;
    private final Map<String, Integer> indexByName;
    private final SelectorIndex selectors;
    private final int fingerprint;
    private final String label;

    private CompiledGroup(AttributeGroupDefinition definition, AttributeKeyDefinition key, CoreLimits limits) {
        this.definition = definition;
        this.attributeKey = key;
        this.label = definition.describe();
        Property keyProperty = key.keyProperty();
        if (keyProperty == null) {
            throw new IllegalArgumentException(label + ": attribute key '" + key.name()
                    + "' has no property or atomic column to read from events");
        }
        this.keyReader = ValueReader.of(keyProperty);
        List<AttributeDefinition> definitions = definition.attributes();
        this.attributes = new CompiledAttribute[definitions.size()];
        Map<String, Integer> byName = new LinkedHashMap<>();
        List<List<EventSelector>> selectorLists = new ArrayList<>();
        for (int i = 0; i < definitions.size(); i++) {
            AttributeDefinition attribute = definitions.get(i);
            Duration ttl =
                    attribute.ttl() != null ? attribute.ttl() : definition.ttl() != null ? definition.ttl() : key.ttl();
            attributes[i] = new CompiledAttribute(i, attribute, ttl, limits);
            if (byName.put(attribute.name(), i) != null) {
                throw new IllegalArgumentException(label + ": attribute '" + attribute.name() + "' is defined twice");
            }
            selectorLists.add(attribute.events());
        }
        this.indexByName = Collections.unmodifiableMap(byName);
        this.selectors = new SelectorIndex(selectorLists);
        this.fingerprint = fingerprint(definition, attributes);
    }

    /**
     * Compiles a group for its resolved attribute key with the default limits.
     *
     * @throws IllegalArgumentException when the key cannot be read from events or an attribute cannot be computed
     */
    public static CompiledGroup compile(AttributeGroupDefinition group, AttributeKeyDefinition key) {
        return compile(group, key, CoreLimits.DEFAULT);
    }

    /**
     * Compiles a group for its resolved attribute key.
     *
     * @throws IllegalArgumentException when the key cannot be read from events or an attribute cannot be computed
     */
    public static CompiledGroup compile(AttributeGroupDefinition group, AttributeKeyDefinition key, CoreLimits limits) {
        return new CompiledGroup(group, key, limits);
    }

    public AttributeGroupDefinition definition() {
        return definition;
    }

    public AttributeKeyDefinition attributeKey() {
        return attributeKey;
    }

    /** The attribute names, in definition order. */
    public List<String> attributeNames() {
        return List.copyOf(indexByName.keySet());
    }

    /** The attribute-key value of an event (its text form), or null when it is missing or empty. */
    public String keyOf(EnrichedEvent event) {
        Object value = keyReader.read(event);
        if (value == null || (value instanceof JsonNode node && node.isContainer())) {
            return null;
        }
        String text = Values.text(value);
        return text.isEmpty() ? null : text;
    }

    /**
     * A cheap test: whether the event has a time, some attribute's selectors pick it and it has a key. Callers that
     * need the key anyway can call {@link #keyOf} and {@link #apply} directly: apply returns false for events no
     * attribute selects.
     */
    public boolean isRelevant(EnrichedEvent event) {
        return event.derivedTstamp() != null && selected(event).length > 0 && keyOf(event) != null;
    }

    private int[] selected(EnrichedEvent event) {
        return selectors.attributesFor(event.eventVendor(), event.eventName(), event.eventVersion());
    }

    /** A state with no events. */
    public ProfileState newState() {
        return new ProfileState(this, attributes.length);
    }

    /**
     * Folds an event into a profile's state.
     *
     * @return whether the state changed (and so needs storing)
     * @throws IllegalArgumentException when the state belongs to another group
     */
    public boolean apply(ProfileState state, EnrichedEvent event) {
        checkOwner(state);
        Instant time = event.derivedTstamp();
        if (time == null) {
            return false;
        }
        int[] selected = selected(event);
        if (selected.length == 0) {
            return false;
        }
        long ts = time.toEpochMilli();
        boolean changed = false;
        for (int index : selected) {
            changed |= attributes[index].apply(state.slots, event, ts);
        }
        if (changed && ts > state.newest) {
            state.newest = ts;
        }
        return changed;
    }

    /** Every attribute's value as of an instant, in definition order; see the class description for semantics. */
    public Map<String, Object> values(ProfileState state, Instant asOf) {
        checkOwner(state);
        long asOfMillis = asOf.toEpochMilli();
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < attributes.length; i++) {
            values.put(attributes[i].name(), attributes[i].value(state.slots[i], asOfMillis));
        }
        return values;
    }

    /**
     * The values of some attributes as of an instant, in definition order: what a caller that needs only a few of a
     * large group's attributes computes, since each value costs time in proportion to the events its window holds.
     *
     * @throws IllegalArgumentException when the group has no attribute of one of the names
     */
    public Map<String, Object> values(ProfileState state, Instant asOf, java.util.Collection<String> names) {
        checkOwner(state);
        long asOfMillis = asOf.toEpochMilli();
        Map<String, Object> values = new LinkedHashMap<>();
        for (String name : names) {
            Integer index = indexByName.get(name);
            if (index == null) {
                throw new IllegalArgumentException(label + " has no attribute '" + name + "'");
            }
            values.put(name, attributes[index].value(state.slots[index], asOfMillis));
        }
        return values;
    }

    /**
     * What a reader of the profile is served as of an instant: the values, or {@code null} when there is no state,
     * it never took an event, or it has expired (every value then reads as its default, and a store may already have
     * deleted it). The API answers {@code null} for such a key; training sets read the same way, so a prospect the
     * API does not know is unknown in training too.
     *
     * @param state the state, or null when the store holds none
     */
    public Map<String, Object> servedValues(ProfileState state, Instant asOf) {
        if (state == null) {
            return null;
        }
        Instant expiresAt = expiresAt(state);
        if (expiresAt != null && !expiresAt.isAfter(asOf)) {
            return null;
        }
        return values(state, asOf);
    }

    /**
     * One attribute's value as of an instant.
     *
     * @throws IllegalArgumentException when the group has no such attribute
     */
    public Object value(ProfileState state, String attribute, Instant asOf) {
        checkOwner(state);
        Integer index = indexByName.get(attribute);
        if (index == null) {
            throw new IllegalArgumentException(label + " has no attribute '" + attribute + "'");
        }
        return attributes[index].value(state.slots[index], asOf.toEpochMilli());
    }

    /** The newest event time that changed the state, or null when none has. */
    public Instant lastEventTime(ProfileState state) {
        checkOwner(state);
        return state.newest == Slot.NONE ? null : Instant.ofEpochMilli(state.newest);
    }

    /**
     * The instant at and after which every value of the state reads as its default, so that a store may delete it;
     * null when some value never expires (a lifetime attribute without TTL). {@link Instant#MIN} for an empty state.
     */
    public Instant expiresAt(ProfileState state) {
        checkOwner(state);
        long latest = Slot.NONE;
        for (Slot slot : state.slots) {
            if (slot == null || slot.newest() == Slot.NONE) {
                continue;
            }
            long expiry = slot.expiresAt();
            if (expiry == Slot.NEVER) {
                return null;
            }
            latest = Math.max(latest, expiry);
        }
        return latest == Slot.NONE ? Instant.MIN : Instant.ofEpochMilli(latest);
    }

    /** The state in the binary profile format; see the class description. */
    public byte[] encode(ProfileState state) {
        checkOwner(state);
        StateWriter out = new StateWriter();
        out.writeByte(FORMAT_VERSION);
        out.writeInt(fingerprint);
        out.writeZigZag(state.newest);
        out.writeVarLong(attributes.length);
        for (int i = 0; i < attributes.length; i++) {
            Slot slot = state.slots[i];
            if (slot == null || slot.newest() == Slot.NONE) {
                out.writeByte(0);
            } else {
                out.writeByte(slot.kind());
                slot.write(out);
            }
        }
        return out.toByteArray();
    }

    /**
     * Reads a state written by {@link #encode} for this group's layout.
     *
     * @throws StateFormatException naming what is wrong when the bytes are not such a state
     */
    public ProfileState decode(byte[] bytes) {
        StateReader in = new StateReader(bytes, label);
        int version = in.readByte();
        if (version != FORMAT_VERSION) {
            throw in.fail("format version " + version + " is not the version " + FORMAT_VERSION + " this build reads");
        }
        int found = in.readInt();
        if (found != fingerprint) {
            throw in.fail(String.format(
                    "it was written for another layout of the group (fingerprint %08x, expected %08x)",
                    found, fingerprint));
        }
        ProfileState state = newState();
        state.newest = in.readZigZag();
        long count = in.readVarLong();
        if (count != attributes.length) {
            throw in.fail("it holds " + count + " attributes, the group has " + attributes.length);
        }
        for (int i = 0; i < attributes.length; i++) {
            int kind = in.readByte();
            if (kind == 0) {
                continue;
            }
            if (kind != attributes[i].slotKind()) {
                throw in.fail("attribute '" + attributes[i].name() + "' has state of kind " + kind);
            }
            state.slots[i] = attributes[i].readSlot(in);
        }
        in.expectEnd();
        return state;
    }

    private void checkOwner(ProfileState state) {
        if (state.group != this) {
            throw new IllegalArgumentException(
                    "the profile state belongs to " + state.group.label + ", not to this compiled " + label);
        }
    }

    /** A hash of what the state layout depends on: names, aggregations, types, periods, property presence. */
    private static int fingerprint(AttributeGroupDefinition definition, CompiledAttribute[] attributes) {
        StringBuilder layout = new StringBuilder(definition.name()).append('/').append(definition.version());
        for (CompiledAttribute attribute : attributes) {
            AttributeDefinition a = attribute.definition();
            layout.append('|')
                    .append(a.name())
                    .append(',')
                    .append(a.aggregation().wireName())
                    .append(',')
                    .append(a.type().wireName())
                    .append(',')
                    .append(a.period() == null ? "-" : IsoDurations.format(a.period()))
                    .append(',')
                    .append(a.property() == null ? "-" : "p");
        }
        return (int) XxHash64.hash(layout.toString());
    }
}
