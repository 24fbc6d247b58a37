package io.signalbox.attributes.oracle;

import io.signalbox.attributes.Aggregation;
import io.signalbox.attributes.AttributeDefinition;
import io.signalbox.attributes.AttributeGroupDefinition;
import io.signalbox.attributes.AttributeKeyDefinition;
import io.signalbox.attributes.AttributeType;
import io.signalbox.attributes.Criteria;
import io.signalbox.attributes.Criterion;
import io.signalbox.attributes.DatePart;
import io.signalbox.attributes.EventSelector;
import io.signalbox.attributes.JsonPath;
import io.signalbox.attributes.Operator;
import io.signalbox.attributes.Property;
import io.signalbox.attributes.TimeUnit;
import io.signalbox.events.AtomicField;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Seeded random attribute groups over the events of {@link RandomStreams}, covering every aggregation, every
 * attribute-criteria operator and every property kind (atomic, event, entity with index, date parts), with lifetime
 * attributes, TTLs and windows from ten minutes to three days.
 *
 * <p>Three groups are made, keyed by {@code domain_userid}, by {@code domain_sessionid} and by a custom key read
 * from the {@code com.acme/user} entity. TTLs are only put on attributes that take every event and read a property
 * every event has, so that the stream's arrival order cannot make a late event bridge two TTL runs (the one
 * documented inexactness of lifetime TTLs).
 */
public final class RandomDefinitions {
    private static final String SNOWPLOW = RandomStreams.SNOWPLOW;

    /** What a property holds in the random streams. */
    public enum Kind {
        TEXT,
        INTEGER,
        NUMBER,
        TIME,
        BOOL,
        TEXT_ARRAY
    }

    /**
     * A property of the random streams.
     *
     * @param property the property
     * @param kind what it holds
     * @param everyEvent whether every event has it
     */
    public record Prop(Property property, Kind kind, boolean everyEvent) {}

    /** A group with the key it is computed for. */
    public record KeyedGroup(AttributeGroupDefinition group, AttributeKeyDefinition key) {}

    public static final List<Prop> PROPS = List.of(
            atomic(AtomicField.PAGE_URL, Kind.TEXT, true),
            atomic(AtomicField.APP_ID, Kind.TEXT, true),
            atomic(AtomicField.REFR_MEDIUM, Kind.TEXT, false),
            atomic(AtomicField.MKT_CAMPAIGN, Kind.TEXT, false),
            atomic(AtomicField.GEO_COUNTRY, Kind.TEXT, true),
            atomic(AtomicField.DOMAIN_SESSIONID, Kind.TEXT, true),
            atomic(AtomicField.BR_VIEWWIDTH, Kind.INTEGER, true),
            atomic(AtomicField.TR_TOTAL, Kind.NUMBER, false),
            atomic(AtomicField.DVCE_CREATED_TSTAMP, Kind.TIME, true),
            atomic(AtomicField.DERIVED_TSTAMP, Kind.TIME, true),
            atomic(AtomicField.BR_COOKIES, Kind.BOOL, true),
            event("checkout", "cart.total", Kind.NUMBER),
            event("checkout", "$.items[0].sku", Kind.TEXT),
            event("checkout", "items[1].qty", Kind.INTEGER),
            event("search", "query", Kind.TEXT),
            event("search", "results", Kind.INTEGER),
            event("search", "when", Kind.TIME),
            entity("com.acme", "user", "tier", 0, Kind.TEXT),
            entity("com.acme", "user", "tier", 1, Kind.TEXT),
            entity("com.acme", "user", "score", 0, Kind.NUMBER),
            entity("com.acme", "user", "tags", 0, Kind.TEXT_ARRAY),
            entity("com.acme", "user", "tags[0]", 0, Kind.TEXT),
            entity("nl.basjes", "yauaa_context", "deviceClass", 0, Kind.TEXT));

    private static final List<List<EventSelector>> SELECTORS = List.of(
            List.of(),
            List.of(new EventSelector(SNOWPLOW, "page_view", "1-0-0")),
            List.of(new EventSelector(null, "page_view", null), new EventSelector(null, "page_ping", null)),
            List.of(new EventSelector("com.acme", null, null)),
            List.of(new EventSelector("com.acme", "checkout", "1-0-0")),
            List.of(new EventSelector(RandomStreams.MEDIA, null, null), new EventSelector(null, "submit_form", null)),
            List.of(new EventSelector(null, "search", null), new EventSelector(null, "page_view", null)));

    private static final List<Duration> WINDOWS =
            List.of(Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(3));
    private static final List<Duration> TTLS = List.of(Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(1));

    private static final int PER_AGGREGATION = 6;

    private final Random random;
    private final boolean withTtl;
    private final List<Operator> owedOperators = new ArrayList<>();
    private int counter;

    private RandomDefinitions(long seed, boolean withTtl) {
        this.random = new Random(seed);
        this.withTtl = withTtl;
        for (Operator operator : Operator.values()) {
            if (operator != Operator.CHANGED) {
                owedOperators.add(operator);
                owedOperators.add(operator);
            }
        }
    }

    /**
     * Three groups of random attributes: every aggregation with every kind of property it accepts, lifetime and
     * windowed, each operator in at least two criteria.
     *
     * @param seed the random seed
     * @param withTtl whether some lifetime attributes get a TTL (only safe with streams without very late events)
     */
    public static List<KeyedGroup> generate(long seed, boolean withTtl) {
        return new RandomDefinitions(seed, withTtl).groups();
    }

    private List<KeyedGroup> groups() {
        List<AttributeDefinition> all = new ArrayList<>();
        for (Aggregation aggregation : Aggregation.values()) {
            for (Prop prop : sample(candidates(aggregation))) {
                all.add(attribute(aggregation, prop));
            }
        }
        List<AttributeDefinition> users = new ArrayList<>();
        List<AttributeDefinition> sessions = new ArrayList<>();
        List<AttributeDefinition> accounts = new ArrayList<>();
        for (AttributeDefinition attribute : all) {
            int roll = random.nextInt(10);
            (roll < 6 ? users : roll < 8 ? sessions : accounts).add(attribute);
        }
        AttributeKeyDefinition account = new AttributeKeyDefinition(
                "account",
                null,
                new Property.Entity("com.acme", "user", 1, JsonPath.parse("id"), 0, null),
                null,
                null,
                null,
                null,
                true);
        return List.of(
                keyed("oracle_users", AttributeKeyDefinition.builtIn("domain_userid"), users),
                keyed("oracle_sessions", AttributeKeyDefinition.builtIn("domain_sessionid"), sessions),
                keyed("oracle_accounts", account, accounts));
    }

    private static KeyedGroup keyed(String name, AttributeKeyDefinition key, List<AttributeDefinition> attributes) {
        AttributeGroupDefinition group = new AttributeGroupDefinition(
                name, 1, key, attributes, null, true, false, true, null, null, null, null, null);
        return new KeyedGroup(group, key);
    }

    /** The properties an aggregation is tried with; null stands for no property. */
    private List<Prop> candidates(Aggregation aggregation) {
        List<Prop> props = new ArrayList<>();
        switch (aggregation) {
            case COUNTER -> {
                props.add(null);
                props.add(null);
                props.add(null);
            }
            case TIME_SINCE_FIRST, TIME_SINCE_LAST -> {
                props.add(null);
                props.add(null);
                props.addAll(ofKind(EnumSet.of(Kind.TIME)));
            }
            case SUM, MEAN, MIN, MAX -> props.addAll(ofKind(EnumSet.of(Kind.NUMBER, Kind.INTEGER)));
            case FIRST, LAST -> {
                props.addAll(ofKind(EnumSet.of(Kind.TEXT, Kind.INTEGER, Kind.NUMBER, Kind.TIME, Kind.BOOL)));
                props.add(datePart(DatePart.HOUR_OF_DAY));
                props.add(datePart(DatePart.ACTIVE_DAY));
            }
            case UNIQUE_LIST, MOST_FREQUENT, LEAST_FREQUENT, CATEGORY_COUNT, APPROX_COUNT_DISTINCT -> {
                props.addAll(ofKind(EnumSet.of(Kind.TEXT, Kind.INTEGER)));
                props.add(datePart(DatePart.values()[random.nextInt(DatePart.values().length)]));
                props.add(datePart(DatePart.values()[random.nextInt(DatePart.values().length)]));
            }
        }
        return props;
    }

    /**
     * Up to {@value #PER_AGGREGATION} of the candidates in random order, but one of each source first (none,
     * atomic, event field, entity field, date part) so that every aggregation meets every kind of property.
     */
    private List<Prop> sample(List<Prop> candidates) {
        List<Prop> shuffled = new ArrayList<>(candidates);
        java.util.Collections.shuffle(shuffled, random);
        List<Prop> chosen = new ArrayList<>();
        Set<String> sources = new java.util.HashSet<>();
        for (Prop prop : shuffled) {
            if (sources.add(source(prop))) {
                chosen.add(prop);
            }
        }
        for (Prop prop : shuffled) {
            if (chosen.size() >= PER_AGGREGATION) {
                break;
            }
            if (!chosen.contains(prop) || prop == null) {
                chosen.add(prop);
            }
        }
        return chosen.subList(0, Math.min(chosen.size(), PER_AGGREGATION));
    }

    private static String source(Prop prop) {
        if (prop == null) {
            return "none";
        }
        if (prop.property().datePart() != null) {
            return "date part";
        }
        return prop.property().getClass().getSimpleName();
    }

    private static List<Prop> ofKind(Set<Kind> kinds) {
        return PROPS.stream().filter(prop -> kinds.contains(prop.kind())).toList();
    }

    private Prop datePart(DatePart part) {
        Prop source = random.nextInt(3) == 0 ? event("search", "when", Kind.TIME) : PROPS.get(8 + random.nextInt(2));
        return new Prop(
                source.property().withDatePart(part), part.isExtract() ? Kind.INTEGER : Kind.TEXT, source.everyEvent());
    }

    private AttributeDefinition attribute(Aggregation aggregation, Prop prop) {
        String name = aggregation.wireName() + "_" + (counter++);
        boolean ttl = withTtl && random.nextInt(4) == 0 && (prop == null || prop.everyEvent());
        Duration period = ttl || random.nextInt(3) == 0 ? null : WINDOWS.get(random.nextInt(WINDOWS.size()));
        List<EventSelector> events = ttl ? List.of() : selectorsFor(prop);
        Criteria criteria = ttl ? null : criteria();
        AttributeType type = type(aggregation, prop);
        TimeUnit unit = aggregation.isTimeSince() ? TimeUnit.values()[random.nextInt(TimeUnit.values().length)] : null;
        Property property = prop == null ? null : prop.property();
        return new AttributeDefinition(
                name,
                type,
                aggregation,
                events,
                property,
                criteria,
                period,
                null,
                ttl ? TTLS.get(random.nextInt(TTLS.size())) : null,
                unit,
                null);
    }

    /** Selectors that pick events which may carry the property, so that most attributes have values. */
    private List<EventSelector> selectorsFor(Prop prop) {
        String schema = prop != null && prop.property() instanceof Property.Event event ? event.name() : null;
        boolean checkoutColumn = prop != null
                && prop.property() instanceof Property.Atomic atomic
                && atomic.field() == AtomicField.TR_TOTAL;
        if (checkoutColumn) {
            schema = "checkout";
        }
        if (schema == null) {
            return SELECTORS.get(random.nextInt(SELECTORS.size()));
        }
        return switch (random.nextInt(3)) {
            case 0 -> List.of();
            case 1 -> List.of(new EventSelector("com.acme", null, null));
            default -> List.of(new EventSelector(null, schema, null), new EventSelector(null, "page_view", null));
        };
    }

    private AttributeType type(Aggregation aggregation, Prop prop) {
        return switch (aggregation) {
            case COUNTER, APPROX_COUNT_DISTINCT -> pickType(AttributeType.INT32, AttributeType.INT64);
            case TIME_SINCE_FIRST, TIME_SINCE_LAST -> pickType(AttributeType.DOUBLE, AttributeType.FLOAT);
            case SUM, MEAN ->
                prop.kind() == Kind.INTEGER
                        ? pickType(AttributeType.INT64, AttributeType.DOUBLE)
                        : AttributeType.DOUBLE;
            case MIN, MAX ->
                prop.kind() == Kind.INTEGER ? pickType(AttributeType.INT32, AttributeType.INT64) : AttributeType.DOUBLE;
            case CATEGORY_COUNT -> AttributeType.DICT;
            case UNIQUE_LIST -> prop.kind() == Kind.INTEGER ? AttributeType.INT64_LIST : AttributeType.STRING_LIST;
            default ->
                switch (prop.kind()) {
                    case INTEGER -> pickType(AttributeType.INT32, AttributeType.INT64);
                    case NUMBER -> AttributeType.DOUBLE;
                    case TIME -> AttributeType.UNIX_TIMESTAMP;
                    case BOOL -> AttributeType.BOOL;
                    default -> AttributeType.STRING;
                };
        };
    }

    private AttributeType pickType(AttributeType... types) {
        return types[random.nextInt(types.length)];
    }

    private Criteria criteria() {
        List<Criterion> all = new ArrayList<>();
        List<Criterion> any = new ArrayList<>();
        if (!owedOperators.isEmpty()) {
            all.add(criterion(owedOperators.removeFirst()));
        }
        int extraAll = random.nextInt(3) == 0 ? 1 : 0;
        for (int i = 0; i < extraAll; i++) {
            all.add(criterion(randomOperator()));
        }
        int anyCount = random.nextInt(3) == 0 ? 1 + random.nextInt(2) : 0;
        for (int i = 0; i < anyCount; i++) {
            any.add(criterion(randomOperator()));
        }
        if (random.nextInt(4) == 0 && owedOperators.isEmpty()) {
            return all.isEmpty() && any.isEmpty() ? null : new Criteria(List.of(), any);
        }
        return all.isEmpty() && any.isEmpty() ? null : new Criteria(all, any);
    }

    private Operator randomOperator() {
        Operator[] operators = Operator.values();
        Operator operator;
        do {
            operator = operators[random.nextInt(operators.length)];
        } while (operator == Operator.CHANGED);
        return operator;
    }

    /** A criterion with the operator on a property and value it suits, chosen so that it sometimes holds. */
    private Criterion criterion(Operator operator) {
        String host = RandomStreams.HOST;
        Property url = Property.atomic(AtomicField.PAGE_URL);
        Property tier = PROPS.get(17).property();
        Property width = Property.atomic(AtomicField.BR_VIEWWIDTH);
        Property score = PROPS.get(19).property();
        return switch (operator) {
            case EQ, NE ->
                switch (random.nextInt(4)) {
                    case 0 -> new Criterion(url, operator, host + pickOf(RandomStreams.PATHS));
                    case 1 -> new Criterion(width, operator, (long) pickOf(RandomStreams.VIEW_WIDTHS));
                    case 2 -> new Criterion(Property.atomic(AtomicField.BR_COOKIES), operator, random.nextBoolean());
                    default -> new Criterion(tier, operator, pickOf(RandomStreams.TIERS));
                };
            case LT, GT, LE, GE ->
                switch (random.nextInt(4)) {
                    case 0 -> new Criterion(width, operator, (long) pickOf(RandomStreams.VIEW_WIDTHS));
                    case 1 -> new Criterion(score, operator, Math.round(random.nextDouble() * 10_000) / 100.0);
                    case 2 -> new Criterion(url, operator, host + "/d");
                    default ->
                        new Criterion(
                                Property.atomic(AtomicField.DERIVED_TSTAMP).withDatePart(DatePart.HOUR_OF_DAY),
                                operator,
                                (long) (1 + random.nextInt(23)));
                };
            case LIKE, NOT_LIKE ->
                random.nextBoolean()
                        ? new Criterion(url, operator, pickOf(List.of("%pricing%", host + "/docs%", "%/blog/__", "%s")))
                        : new Criterion(
                                Property.atomic(AtomicField.GEO_COUNTRY), operator, pickOf(List.of("G_", "%E%")));
            case RLIKE, NOT_RLIKE ->
                random.nextBoolean()
                        ? new Criterion(url, operator, pickOf(List.of("pric(e|ing)", "^https://acme\\.io/docs", "s$")))
                        : new Criterion(PROPS.get(22).property(), operator, pickOf(List.of("^(Desktop|Tablet)$", "o")));
            case IN, NOT_IN ->
                switch (random.nextInt(4)) {
                    case 0 -> new Criterion(tier, operator, List.of("gold", "silver"));
                    case 1 -> new Criterion(width, operator, List.of(360L, 1280L, 1920L));
                    case 2 -> new Criterion(PROPS.get(20).property(), operator, pickOf(RandomStreams.TAGS));
                    default ->
                        new Criterion(
                                Property.atomic(AtomicField.DERIVED_TSTAMP).withDatePart(DatePart.DAY_OF_WEEK),
                                operator,
                                List.of(1L, 3L, 6L, 7L));
                };
            case IS_NULL, IS_NOT_NULL ->
                new Criterion(
                        pickOf(List.of(
                                Property.atomic(AtomicField.REFR_MEDIUM),
                                Property.atomic(AtomicField.MKT_CAMPAIGN),
                                tier,
                                PROPS.get(18).property())),
                        operator,
                        null);
            case CHANGED -> throw new IllegalArgumentException("changed is not an attribute criteria operator");
        };
    }

    private <T> T pickOf(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static Prop atomic(AtomicField field, Kind kind, boolean everyEvent) {
        return new Prop(Property.atomic(field), kind, everyEvent);
    }

    private static Prop event(String name, String path, Kind kind) {
        return new Prop(new Property.Event("com.acme", name, 1, JsonPath.parse(path), null), kind, false);
    }

    private static Prop entity(String vendor, String name, String path, int index, Kind kind) {
        return new Prop(new Property.Entity(vendor, name, 1, JsonPath.parse(path), index, null), kind, false);
    }
}
