package io.signalbox.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The canonical enriched event: the 131 atomic fields of {@link AtomicField}, each {@code null} or a value of its
 * field's {@link FieldType}.
 *
 * <p>The three JSON columns ({@code contexts}, {@code derived_contexts}, {@code unstruct_event}) are held as the
 * compact JSON text that the TSV carries and are parsed on first access; the parsed forms are cached.
 *
 * <p>An event is mutable while the enricher builds it. Once it leaves the enricher it is treated as immutable and
 * may then be read from several threads.
 *
 * <p>An event read with {@link EnrichedTsv#parseLazy} keeps its TSV line and parses a column only when it is first
 * read, so a consumer that needs a handful of the 131 columns pays for those alone. Parsing on read is idempotent,
 * so concurrent readers may at worst parse a column twice.
 */
public final class EnrichedEvent {
    private final Object[] values;
    private String lazyLine;
    private int[] lazyStarts;
    private final long[] parsed = new long[(AtomicField.COUNT + 63) / 64];
    private volatile List<SelfDescribingData> contextsCache;
    private volatile List<SelfDescribingData> derivedContextsCache;
    private volatile SelfDescribingData unstructEventCache;

    public EnrichedEvent() {
        this.values = new Object[AtomicField.COUNT];
    }

    private EnrichedEvent(Object[] values) {
        this.values = values;
    }

    /** An event whose columns are parsed from the line when first read; {@code starts} has 132 column offsets. */
    static EnrichedEvent lazy(String line, int[] starts) {
        EnrichedEvent event = new EnrichedEvent();
        event.lazyLine = line;
        event.lazyStarts = starts;
        return event;
    }

    /** The value of a field, or {@code null}. */
    public Object get(AtomicField field) {
        int index = field.ordinal();
        if (lazyLine != null && (parsed[index >>> 6] & (1L << index)) == 0) {
            int from = lazyStarts[index];
            int to = lazyStarts[index + 1] - 1;
            values[index] = to > from ? EnrichedTsv.parseValue(field, lazyLine.substring(from, to)) : null;
            parsed[index >>> 6] |= 1L << index;
        }
        return values[index];
    }

    /** Parses every column not parsed yet and drops the line. */
    private void materialise() {
        if (lazyLine != null) {
            for (AtomicField field : AtomicField.ALL) {
                get(field);
            }
            lazyLine = null;
            lazyStarts = null;
        }
    }

    /**
     * Sets a field. The value must be {@code null} or of the field's type (see {@link FieldType}); empty strings
     * are stored as {@code null}.
     *
     * @throws IllegalArgumentException when the value has the wrong type
     */
    public EnrichedEvent set(AtomicField field, Object value) {
        if (value instanceof String text && text.isEmpty()) {
            value = null;
        }
        if (value != null && !accepts(field.type(), value)) {
            throw new IllegalArgumentException("field " + field.columnName() + " of type " + field.type()
                    + " cannot hold a " + value.getClass().getSimpleName());
        }
        values[field.ordinal()] = value;
        parsed[field.ordinal() >>> 6] |= 1L << field.ordinal();
        switch (field) {
            case CONTEXTS -> contextsCache = null;
            case DERIVED_CONTEXTS -> derivedContextsCache = null;
            case UNSTRUCT_EVENT -> unstructEventCache = null;
            default -> {}
        }
        return this;
    }

    private static boolean accepts(FieldType type, Object value) {
        return switch (type) {
            case STRING, JSON -> value instanceof String;
            case TIMESTAMP -> value instanceof Instant;
            case INTEGER -> value instanceof Integer;
            case DECIMAL -> value instanceof BigDecimal;
            case COORDINATE -> value instanceof Double;
            case BOOLEAN -> value instanceof Boolean;
        };
    }

    public String getString(AtomicField field) {
        return (String) get(field);
    }

    public Instant getInstant(AtomicField field) {
        return (Instant) get(field);
    }

    public Integer getInteger(AtomicField field) {
        return (Integer) get(field);
    }

    public String eventId() {
        return getString(AtomicField.EVENT_ID);
    }

    public String appId() {
        return getString(AtomicField.APP_ID);
    }

    public String event() {
        return getString(AtomicField.EVENT);
    }

    public String eventVendor() {
        return getString(AtomicField.EVENT_VENDOR);
    }

    public String eventName() {
        return getString(AtomicField.EVENT_NAME);
    }

    public String eventVersion() {
        return getString(AtomicField.EVENT_VERSION);
    }

    public String domainUserid() {
        return getString(AtomicField.DOMAIN_USERID);
    }

    public String domainSessionid() {
        return getString(AtomicField.DOMAIN_SESSIONID);
    }

    public String networkUserid() {
        return getString(AtomicField.NETWORK_USERID);
    }

    public String userId() {
        return getString(AtomicField.USER_ID);
    }

    public String pageUrl() {
        return getString(AtomicField.PAGE_URL);
    }

    public Instant collectorTstamp() {
        return getInstant(AtomicField.COLLECTOR_TSTAMP);
    }

    /** The event time used by windows and first/last; falls back to the collector time when it is missing. */
    public Instant derivedTstamp() {
        Instant derived = getInstant(AtomicField.DERIVED_TSTAMP);
        return derived != null ? derived : collectorTstamp();
    }

    /** The entities the tracker sent ({@code contexts}). */
    public List<SelfDescribingData> contexts() {
        List<SelfDescribingData> cached = contextsCache;
        if (cached == null) {
            cached = parseContexts(AtomicField.CONTEXTS);
            contextsCache = cached;
        }
        return cached;
    }

    /** The entities added by enrichments ({@code derived_contexts}). */
    public List<SelfDescribingData> derivedContexts() {
        List<SelfDescribingData> cached = derivedContextsCache;
        if (cached == null) {
            cached = parseContexts(AtomicField.DERIVED_CONTEXTS);
            derivedContextsCache = cached;
        }
        return cached;
    }

    /** Sent entities followed by derived ones. */
    public List<SelfDescribingData> allEntities() {
        List<SelfDescribingData> sent = contexts();
        List<SelfDescribingData> derived = derivedContexts();
        if (derived.isEmpty()) {
            return sent;
        }
        if (sent.isEmpty()) {
            return derived;
        }
        List<SelfDescribingData> all = new ArrayList<>(sent.size() + derived.size());
        all.addAll(sent);
        all.addAll(derived);
        return all;
    }

    /** The self-describing event, or {@code null} when this is not one. */
    public SelfDescribingData unstructEvent() {
        SelfDescribingData cached = unstructEventCache;
        if (cached == null && get(AtomicField.UNSTRUCT_EVENT) != null) {
            String text = getString(AtomicField.UNSTRUCT_EVENT);
            try {
                cached = SelfDescribingData.unwrapUnstructEvent(Json.parse(text));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("column unstruct_event holds no unstruct_event JSON", e);
            }
            unstructEventCache = cached;
        }
        return cached;
    }

    /** Sets the entities the tracker sent; an empty list clears the column. */
    public EnrichedEvent setContexts(List<SelfDescribingData> entities) {
        set(AtomicField.CONTEXTS, entities.isEmpty() ? null : Json.write(SelfDescribingData.wrapContexts(entities)));
        contextsCache = List.copyOf(entities);
        return this;
    }

    /** Sets the entities added by enrichments; an empty list clears the column. */
    public EnrichedEvent setDerivedContexts(List<SelfDescribingData> entities) {
        set(
                AtomicField.DERIVED_CONTEXTS,
                entities.isEmpty() ? null : Json.write(SelfDescribingData.wrapContexts(entities)));
        derivedContextsCache = List.copyOf(entities);
        return this;
    }

    /** Sets the self-describing event; {@code null} clears it. */
    public EnrichedEvent setUnstructEvent(SelfDescribingData event) {
        set(AtomicField.UNSTRUCT_EVENT, event == null ? null : Json.write(event.wrapAsUnstructEvent()));
        unstructEventCache = event;
        return this;
    }

    private List<SelfDescribingData> parseContexts(AtomicField field) {
        String text = getString(field);
        if (text == null) {
            return List.of();
        }
        try {
            return SelfDescribingData.unwrapContexts(Json.parse(text));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("column " + field.columnName() + " holds no contexts JSON", e);
        }
    }

    /** A copy that can be changed without affecting this event. */
    public EnrichedEvent copy() {
        materialise();
        EnrichedEvent copy = new EnrichedEvent(values.clone());
        System.arraycopy(parsed, 0, copy.parsed, 0, parsed.length);
        return copy;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof EnrichedEvent that)) {
            return false;
        }
        materialise();
        that.materialise();
        return Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        materialise();
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "EnrichedEvent[" + event() + " " + eventId() + "]";
    }
}
