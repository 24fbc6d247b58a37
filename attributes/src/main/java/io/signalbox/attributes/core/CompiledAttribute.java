package io.signalbox.attributes.core;

import io.signalbox.attributes.Aggregation;
import io.signalbox.attributes.AttributeDefinition;
import io.signalbox.attributes.AttributeType;
import io.signalbox.events.EnrichedEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One attribute prepared for the hot path: its filter, property reader, state kind and output conversion. */
final class CompiledAttribute {
    /** What an attribute takes from each event besides its time. */
    enum Input {
        NONE,
        NUMBER,
        TIME,
        OBJECT
    }

    private final int index;
    private final AttributeDefinition definition;
    private final Aggregation aggregation;
    private final AttributeType type;
    private final AttributeType element;
    private final Input input;
    private final EventFilter filter;
    private final ValueReader reader;
    private final long periodMillis;
    private final long ttlMillis;
    private final CoreLimits limits;
    private final ValueCodec codec;
    private final Object defaultOutput;

    CompiledAttribute(int index, AttributeDefinition definition, Duration effectiveTtl, CoreLimits limits) {
        this.index = index;
        this.definition = definition;
        this.aggregation = definition.aggregation();
        this.type = definition.type();
        this.input = inputOf(aggregation);
        this.element = elementOf(definition);
        this.filter = EventFilter.of(definition.criteria());
        this.reader = definition.property() == null ? null : ValueReader.of(definition.property());
        this.periodMillis =
                definition.period() == null ? 0 : definition.period().toMillis();
        this.ttlMillis = definition.period() != null || effectiveTtl == null ? 0 : effectiveTtl.toMillis();
        this.limits = limits;
        this.codec = ValueCodec.of(element);
        this.defaultOutput = defaultOutput(definition);
        if (definition.period() != null && periodMillis <= 0) {
            throw new IllegalArgumentException(
                    "attribute '" + definition.name() + "': period must be at least 1 ms, was " + definition.period());
        }
        if ((input == Input.NUMBER || input == Input.OBJECT) && reader == null) {
            throw new IllegalArgumentException(
                    "attribute '" + definition.name() + "': " + aggregation + " needs a property");
        }
    }

    private static Input inputOf(Aggregation aggregation) {
        return switch (aggregation) {
            case COUNTER -> Input.NONE;
            case SUM, MIN, MAX, MEAN -> Input.NUMBER;
            case TIME_SINCE_FIRST, TIME_SINCE_LAST -> Input.TIME;
            default -> Input.OBJECT;
        };
    }

    /** The type a held value has: the attribute's scalar type, a list's element type, or text for counting kinds. */
    private static AttributeType elementOf(AttributeDefinition definition) {
        return switch (definition.aggregation()) {
            case CATEGORY_COUNT, APPROX_COUNT_DISTINCT -> AttributeType.STRING;
            default -> definition.type().elementType();
        };
    }

    AttributeDefinition definition() {
        return definition;
    }

    String name() {
        return definition.name();
    }

    long periodMillis() {
        return periodMillis;
    }

    long ttlMillis() {
        return ttlMillis;
    }

    CoreLimits limits() {
        return limits;
    }

    ValueCodec codec() {
        return codec;
    }

    boolean storesNumber() {
        return input == Input.NUMBER || (input == Input.TIME && reader != null);
    }

    boolean storesObject() {
        return input == Input.OBJECT;
    }

    /**
     * Folds one selected event into the state: checks the criteria, reads the property (a missing or unconvertible
     * value leaves the state as it is) and updates the attribute's slot.
     */
    boolean apply(Slot[] slots, EnrichedEvent event, long ts) {
        if (filter != null && !filter.test(event)) {
            return false;
        }
        double num = 0;
        Object obj = null;
        switch (input) {
            case NONE -> {}
            case NUMBER -> {
                num = Values.toDouble(reader.read(event));
                if (Double.isNaN(num)) {
                    return false;
                }
            }
            case TIME -> {
                long millis = reader == null ? ts : Values.toEpochMillis(reader.read(event));
                if (millis == Long.MIN_VALUE) {
                    return false;
                }
                num = millis;
            }
            case OBJECT -> {
                obj = Values.toElement(reader.read(event), element);
                if (obj == null) {
                    return false;
                }
            }
        }
        Slot slot = slots[index];
        if (slot == null) {
            slot = newSlot();
            slots[index] = slot;
        }
        return slot.add(ts, num, obj);
    }

    Slot newSlot() {
        if (periodMillis == 0) {
            return new LifetimeSlot(this);
        }
        return switch (slotKind()) {
            case 2 -> new LatestSlot(this);
            case 3 -> new RecencyWindowSlot(this);
            default -> new WindowSlot(this);
        };
    }

    /** The {@link Slot#kind()} this attribute uses. */
    int slotKind() {
        if (periodMillis == 0) {
            return 1;
        }
        if (aggregation == Aggregation.LAST || (aggregation == Aggregation.TIME_SINCE_LAST && reader == null)) {
            return 2;
        }
        return aggregation == Aggregation.UNIQUE_LIST ? 3 : 4;
    }

    Slot readSlot(StateReader in) {
        return switch (slotKind()) {
            case 1 -> LifetimeSlot.read(in, this);
            case 2 -> LatestSlot.read(in, this);
            case 3 -> RecencyWindowSlot.read(in, this);
            default -> WindowSlot.read(in, this);
        };
    }

    /** A fresh accumulator; a capped one holds at most the distinct-value cap, an uncapped one is for reads. */
    Accumulator newAccumulator(boolean capped) {
        int cap = capped ? limits.maxDistinctValues() : Integer.MAX_VALUE;
        return switch (aggregation) {
            case COUNTER -> new Accumulator.Count();
            case SUM, MEAN -> new Accumulator.Sum();
            case MIN, TIME_SINCE_FIRST -> new Accumulator.Extreme(false);
            case MAX, TIME_SINCE_LAST -> new Accumulator.Extreme(true);
            case FIRST -> new Accumulator.Pick(false);
            case LAST -> new Accumulator.Pick(true);
            case UNIQUE_LIST -> new RecencyList(limits.maxDistinctValues());
            case MOST_FREQUENT, LEAST_FREQUENT, CATEGORY_COUNT -> new Accumulator.Frequencies(cap);
            case APPROX_COUNT_DISTINCT -> new HyperLogLog();
        };
    }

    Accumulator readAccumulator(StateReader in) {
        return switch (aggregation) {
            case COUNTER -> Accumulator.Count.read(in);
            case SUM, MEAN -> Accumulator.Sum.read(in);
            case MIN, TIME_SINCE_FIRST -> Accumulator.Extreme.read(in, false);
            case MAX, TIME_SINCE_LAST -> Accumulator.Extreme.read(in, true);
            case FIRST -> Accumulator.Pick.read(in, codec, false);
            case LAST -> Accumulator.Pick.read(in, codec, true);
            case UNIQUE_LIST -> RecencyList.read(in, codec, limits.maxDistinctValues());
            case MOST_FREQUENT, LEAST_FREQUENT, CATEGORY_COUNT ->
                Accumulator.Frequencies.read(in, codec, limits.maxDistinctValues());
            case APPROX_COUNT_DISTINCT -> HyperLogLog.read(in);
        };
    }

    /** The attribute's value as of {@code asOfMillis}, typed for output, the default when it covers nothing. */
    Object value(Slot slot, long asOfMillis) {
        Accumulator accumulator = slot == null ? null : slot.read(asOfMillis);
        if (accumulator == null) {
            return defaultOutput;
        }
        return switch (accumulator) {
            case Accumulator.Count count -> Values.count(count.count, type);
            case Accumulator.Sum sum ->
                Values.number(aggregation == Aggregation.MEAN ? sum.sum / sum.count : sum.sum, type);
            case Accumulator.Extreme extreme ->
                aggregation.isTimeSince()
                        ? Math.max(0, asOfMillis - extreme.value)
                                / definition.timeUnit().millis()
                        : Values.number(extreme.value, type);
            case Accumulator.Pick pick -> Values.output(pick.value, element);
            case RecencyList list -> listOutput(list);
            case Accumulator.Frequencies frequencies -> frequencyOutput(frequencies);
            case HyperLogLog sketch -> Values.count(sketch.estimate(), type);
        };
    }

    private List<Object> listOutput(RecencyList list) {
        List<Object> values = new ArrayList<>(list.size);
        for (int i = 0; i < list.size; i++) {
            values.add(Values.output(list.values[i], element));
        }
        return Collections.unmodifiableList(values);
    }

    private Object frequencyOutput(Accumulator.Frequencies frequencies) {
        if (aggregation != Aggregation.CATEGORY_COUNT) {
            return Values.output(frequencies.pick(aggregation == Aggregation.MOST_FREQUENT), element);
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Map.Entry<Object, Long> entry : frequencies.top(limits.maxDistinctValues())) {
            counts.put(Values.text(entry.getKey()), entry.getValue());
        }
        return Collections.unmodifiableMap(counts);
    }

    /** The value when nothing is covered: default_value in the output type, else 0, {}, [] or null. */
    private static Object defaultOutput(AttributeDefinition definition) {
        Object configured = definition.defaultValue();
        AttributeType type = definition.type();
        if (configured != null) {
            return configuredDefault(configured, type);
        }
        return switch (definition.aggregation()) {
            case COUNTER, APPROX_COUNT_DISTINCT -> Values.count(0, type);
            case CATEGORY_COUNT -> Map.of();
            case UNIQUE_LIST -> List.of();
            default -> null;
        };
    }

    private static Object configuredDefault(Object configured, AttributeType type) {
        if (type == AttributeType.DICT && configured instanceof Map<?, ?> map) {
            Map<String, Long> counts = new LinkedHashMap<>();
            map.forEach((key, count) -> counts.put(String.valueOf(key), ((Number) count).longValue()));
            return Collections.unmodifiableMap(counts);
        }
        if (configured instanceof List<?> list) {
            List<Object> items = new ArrayList<>(list.size());
            for (Object item : list) {
                items.add(configuredDefault(item, type.elementType()));
            }
            return Collections.unmodifiableList(items);
        }
        AttributeType element = type.elementType();
        Object held = Values.toElement(configured, element);
        return held == null ? configured : Values.output(held, element);
    }
}
