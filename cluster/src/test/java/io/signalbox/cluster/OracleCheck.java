package io.signalbox.cluster;

import io.signalbox.attributes.AttributeKeyDefinition;
import io.signalbox.attributes.Definitions;
import io.signalbox.attributes.core.CompiledGroup;
import io.signalbox.attributes.core.ProfileState;
import io.signalbox.attributes.oracle.OracleAssertions;
import io.signalbox.attributes.oracle.OracleSql;
import io.signalbox.attributes.oracle.RandomDefinitions;
import io.signalbox.engine.profile.ProfileStore;
import io.signalbox.events.EnrichedEvent;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Compares the profiles an engine stored with the values of the independent SQL oracle. */
final class OracleCheck {
    private OracleCheck() {}

    /** What a comparison found. */
    record Outcome(long compared, List<String> mismatches) {}

    /** The random groups as definitions to load, with their custom keys. */
    static Definitions definitions(List<RandomDefinitions.KeyedGroup> groups) {
        List<AttributeKeyDefinition> keys = new ArrayList<>();
        for (RandomDefinitions.KeyedGroup keyed : groups) {
            if (!AttributeKeyDefinition.isBuiltInName(keyed.key().name()) && !keys.contains(keyed.key())) {
                keys.add(keyed.key());
            }
        }
        return new Definitions(
                keys, groups.stream().map(RandomDefinitions.KeyedGroup::group).toList(), List.of(), List.of());
    }

    /** Every key of every group, read as of the newest event and a day later, against the oracle. */
    static Outcome compare(List<EnrichedEvent> events, List<RandomDefinitions.KeyedGroup> groups, ProfileStore store)
            throws Exception {
        long compared = 0;
        List<String> mismatches = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            OracleSql.load(connection, events);
            Instant newest = events.stream()
                    .map(EnrichedEvent::derivedTstamp)
                    .max(Instant::compareTo)
                    .orElseThrow();
            for (RandomDefinitions.KeyedGroup keyed : groups) {
                List<OracleSql.ReadPoint> points = OracleSql.readPoints(
                        connection,
                        keyed.key(),
                        List.of(newest, newest.plus(Duration.ofDays(1))),
                        List.of(Duration.ZERO, Duration.ofMinutes(30)));
                Map<OracleSql.ReadPoint, Map<String, Object>> expected =
                        OracleSql.expected(connection, keyed.group(), keyed.key(), points);
                CompiledGroup compiled = CompiledGroup.compile(keyed.group(), keyed.key());
                Map<String, byte[]> stored = new HashMap<>();
                List<String> keys =
                        points.stream().map(OracleSql.ReadPoint::key).distinct().toList();
                for (int i = 0; i < keys.size(); i += 100) {
                    stored.putAll(
                            store.getAll(keyed.group().fullName(), keys.subList(i, Math.min(keys.size(), i + 100))));
                }
                Map<OracleSql.ReadPoint, Map<String, Object>> actual = new HashMap<>();
                for (OracleSql.ReadPoint point : points) {
                    byte[] bytes = stored.get(point.key());
                    ProfileState state = bytes == null ? compiled.newState() : compiled.decode(bytes);
                    actual.put(point, compiled.values(state, point.asOf()));
                }
                OracleAssertions.Outcome outcome = OracleAssertions.compare(keyed.group(), expected, actual);
                compared += outcome.compared();
                mismatches.addAll(outcome.mismatches());
            }
        }
        return new Outcome(compared, mismatches);
    }
}
