package io.signalbox.attributes.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.attributes.Aggregation;
import io.signalbox.attributes.AttributeDefinition;
import io.signalbox.attributes.Criterion;
import io.signalbox.attributes.Operator;
import io.signalbox.attributes.Property;
import io.signalbox.attributes.core.CompiledGroup;
import io.signalbox.attributes.core.ProfileState;
import io.signalbox.events.EnrichedEvent;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The core against an independent SQL computation: seeded random streams and random definitions, values compared
 * for every key and attribute as of the newest event and 1 hour, 1 day and 6 days later. The states are written
 * and read back now and then, as a store would.
 */
class OracleTest {
    private static final long SEED = 20250401L;

    @Test
    void shouldMatchSqlOnOutOfOrderStreamsWithTtls() throws Exception {
        List<EnrichedEvent> events = RandomStreams.generate(RandomStreams.Config.defaults(SEED));
        List<RandomDefinitions.KeyedGroup> groups = RandomDefinitions.generate(SEED, true);

        long compared = check(events, groups);

        assertThat(events).hasSizeGreaterThan(5_000);
        assertThat(compared).isGreaterThan(100_000);
    }

    @Test
    void shouldMatchSqlWhenSomeEventsArriveDaysLate() throws Exception {
        List<EnrichedEvent> events = RandomStreams.generate(
                RandomStreams.Config.defaults(SEED + 1).withUsers(150).withVeryLateFraction(0.03));
        List<RandomDefinitions.KeyedGroup> groups = RandomDefinitions.generate(SEED + 1, false);

        long compared = check(events, groups);

        assertThat(compared).isGreaterThan(30_000);
    }

    @Test
    void shouldCoverEveryAggregationOperatorAndPropertyKind() {
        List<AttributeDefinition> attributes = RandomDefinitions.generate(SEED, true).stream()
                .flatMap(keyed -> keyed.group().attributes().stream())
                .toList();
        Set<Aggregation> aggregations = EnumSet.noneOf(Aggregation.class);
        Set<Operator> operators = EnumSet.noneOf(Operator.class);
        Set<String> kinds = new HashSet<>();
        for (AttributeDefinition attribute : attributes) {
            aggregations.add(attribute.aggregation());
            if (attribute.property() != null) {
                kinds.add(attribute.aggregation() + "/" + kind(attribute.property()));
                kinds.add(kind(attribute.property()));
            }
            if (attribute.criteria() != null) {
                Stream.concat(attribute.criteria().all().stream(), attribute.criteria().any().stream())
                        .map(Criterion::operator)
                        .forEach(operators::add);
            }
        }

        assertThat(aggregations).containsExactlyInAnyOrder(Aggregation.values());
        assertThat(operators).hasSize(Operator.values().length - 1).doesNotContain(Operator.CHANGED);
        assertThat(kinds).contains("Atomic", "Event", "Entity", "date part");
        assertThat(attributes).anySatisfy(a -> assertThat(a.ttl()).isNotNull());
        assertThat(attributes).anySatisfy(a -> assertThat(a.period()).isEqualTo(Duration.ofMinutes(10)));
        assertThat(attributes).anySatisfy(a -> assertThat(a.period()).isEqualTo(Duration.ofDays(3)));
        assertThat(attributes)
                .anySatisfy(a -> assertThat(a.property())
                        .isInstanceOf(Property.Entity.class)
                        .extracting(p -> ((Property.Entity) p).index())
                        .isEqualTo(1));
    }

    private static String kind(Property property) {
        return property.datePart() != null ? "date part" : property.getClass().getSimpleName();
    }

    /** Runs every group over the events, compares with SQL, and returns how many values were compared. */
    static long check(List<EnrichedEvent> events, List<RandomDefinitions.KeyedGroup> groups) throws Exception {
        Instant newest = events.stream()
                .map(EnrichedEvent::derivedTstamp)
                .max(Instant::compareTo)
                .orElseThrow();
        List<Instant> instants = List.of(
                newest,
                newest.plus(Duration.ofHours(1)),
                newest.plus(Duration.ofDays(1)),
                newest.plus(Duration.ofDays(6)));
        List<Duration> afterKeyNewest = List.of(
                Duration.ZERO,
                Duration.ofMinutes(5),
                Duration.ofMinutes(30),
                Duration.ofHours(2),
                Duration.ofHours(20));
        long compared = 0;
        int attributes = 0;
        int attributesWithValues = 0;
        List<String> mismatches = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            OracleSql.load(connection, events);
            for (RandomDefinitions.KeyedGroup keyed : groups) {
                CompiledGroup group = CompiledGroup.compile(keyed.group(), keyed.key());
                Map<String, ProfileState> states = run(group, events);
                List<OracleSql.ReadPoint> points =
                        OracleSql.readPoints(connection, keyed.key(), instants, afterKeyNewest);
                Map<OracleSql.ReadPoint, Map<String, Object>> expected =
                        OracleSql.expected(connection, keyed.group(), keyed.key(), points);
                Map<OracleSql.ReadPoint, Map<String, Object>> actual = new HashMap<>();
                for (OracleSql.ReadPoint point : points) {
                    ProfileState state = states.getOrDefault(point.key(), group.newState());
                    actual.put(point, group.values(state, point.asOf()));
                }
                assertThat(points.stream().map(OracleSql.ReadPoint::key).toList())
                        .containsAll(states.keySet());
                OracleAssertions.Outcome outcome = OracleAssertions.compare(keyed.group(), expected, actual);
                compared += outcome.compared();
                mismatches.addAll(outcome.mismatches());
                attributes += keyed.group().attributes().size();
                attributesWithValues += withValues(keyed.group().attributes(), expected.values());
            }
        }
        assertThat(mismatches)
                .as("%d mismatches, the first ones", mismatches.size())
                .isEmpty();
        assertThat(attributesWithValues)
                .as("attributes that are not always at their default, so that the comparison means something")
                .isGreaterThanOrEqualTo(attributes * 9 / 10);
        return compared;
    }

    /** How many attributes take a value other than an empty default somewhere. */
    private static int withValues(List<AttributeDefinition> attributes, Iterable<Map<String, Object>> expected) {
        Set<String> seen = new HashSet<>();
        for (Map<String, Object> values : expected) {
            values.forEach((name, value) -> {
                boolean empty = value == null
                        || (value instanceof Number number && number.doubleValue() == 0)
                        || value.equals(List.of())
                        || value.equals(Map.of());
                if (!empty) {
                    seen.add(name);
                }
            });
        }
        return (int) attributes.stream().filter(a -> seen.contains(a.name())).count();
    }

    /** Applies the events in arrival order, writing and reading a key's state back after every fifth change. */
    static Map<String, ProfileState> run(CompiledGroup group, List<EnrichedEvent> events) {
        Map<String, ProfileState> states = new HashMap<>();
        Map<String, Integer> changes = new HashMap<>();
        for (EnrichedEvent event : events) {
            if (!group.isRelevant(event)) {
                continue;
            }
            String key = group.keyOf(event);
            ProfileState state = states.computeIfAbsent(key, k -> group.newState());
            if (group.apply(state, event) && changes.merge(key, 1, Integer::sum) % 5 == 0) {
                states.put(key, group.decode(group.encode(state)));
            }
        }
        return states;
    }
}
