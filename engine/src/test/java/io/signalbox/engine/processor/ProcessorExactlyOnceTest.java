package io.signalbox.engine.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.attributes.AttributeKeyDefinition;
import io.signalbox.attributes.Definitions;
import io.signalbox.attributes.core.CompiledGroup;
import io.signalbox.attributes.core.ProfileState;
import io.signalbox.attributes.oracle.OracleAssertions;
import io.signalbox.attributes.oracle.OracleSql;
import io.signalbox.attributes.oracle.RandomDefinitions;
import io.signalbox.attributes.oracle.RandomStreams;
import io.signalbox.events.EnrichedEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The persisted processor is killed with SIGKILL at random points while it consumes a random stream; after it is
 * restarted and catches up, every profile equals the independent SQL oracle's values: nothing lost, nothing counted
 * twice.
 */
class ProcessorExactlyOnceTest {
    private static final long SEED = 20261203L;
    /** About 150 commits of 37 events: with this pause the stream takes a few seconds, so kills land inside it. */
    private static final long PAUSE_AFTER_COMMIT_MILLIS = 15;

    @TempDir
    Path dir;

    @Test
    void shouldMatchTheOracleAfterRepeatedSigkills() throws Exception {
        List<EnrichedEvent> events =
                RandomStreams.generate(RandomStreams.Config.defaults(SEED).withUsers(120));
        List<RandomDefinitions.KeyedGroup> groups = RandomDefinitions.generate(SEED, true);
        Instant earliest = events.stream()
                .map(EnrichedEvent::derivedTstamp)
                .min(Instant::compareTo)
                .orElseThrow();
        long end;
        try (ProcessorFixture fixture = new ProcessorFixture(dir)) {
            fixture.registry.load(definitions(groups), "test");
            end = fixture.append(events);
        }
        final long logEnd = end;

        Random random = new Random(SEED);
        List<Long> offsetsAfterKills = new ArrayList<>();
        long offset = 0;
        for (int round = 0; round < 6 && offset < logEnd; round++) {
            java.nio.file.Files.deleteIfExists(dir.resolve("progress"));
            Process child = child(earliest, false);
            awaitProgress(child, offset);
            Thread.sleep(random.nextInt(300));
            child.destroyForcibly();
            child.waitFor();
            try (ProcessorFixture fixture = new ProcessorFixture(dir)) {
                offset = AttributeProcessor.storedOffset(fixture.store);
                offsetsAfterKills.add(offset);
            }
        }
        int kills = offsetsAfterKills.size();
        long midStream =
                offsetsAfterKills.stream().filter(o -> o > 0 && o < logEnd).count();
        assertThat(midStream)
                .as("kills that hit the processor mid-stream, offsets " + offsetsAfterKills)
                .isGreaterThanOrEqualTo(3);
        Process last = child(earliest, true);
        assertThat(last.waitFor(180, TimeUnit.SECONDS))
                .as("the processor catches up")
                .isTrue();
        assertThat(last.exitValue()).isZero();

        long compared = 0;
        List<String> mismatches = new ArrayList<>();
        try (ProcessorFixture fixture = new ProcessorFixture(dir);
                Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
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
                Map<OracleSql.ReadPoint, Map<String, Object>> actual = new HashMap<>();
                for (OracleSql.ReadPoint point : points) {
                    byte[] stored = fixture.profiles.get(keyed.group().fullName(), point.key());
                    ProfileState state = stored == null ? compiled.newState() : compiled.decode(stored);
                    actual.put(point, compiled.values(state, point.asOf()));
                }
                OracleAssertions.Outcome outcome = OracleAssertions.compare(keyed.group(), expected, actual);
                compared += outcome.compared();
                mismatches.addAll(outcome.mismatches());
            }
        }
        System.out.printf(
                "exactly once: %d events, %d SIGKILLs at offsets %s, %d values compared, %d mismatches%n",
                events.size(), kills, offsetsAfterKills, compared, mismatches.size());
        assertThat(end).isEqualTo(events.size());
        assertThat(compared).isGreaterThan(10_000);
        assertThat(mismatches).as("first mismatches").isEmpty();
    }

    /** Waits until the child reports that it committed beyond where it started. */
    private void awaitProgress(Process child, long startOffset) throws Exception {
        Path progress = dir.resolve("progress");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!child.isAlive()) {
                throw new AssertionError("the processor child exited with " + child.exitValue() + ":\n"
                        + java.nio.file.Files.readString(dir.resolve("child.log")));
            }
            String text = java.nio.file.Files.exists(progress) ? java.nio.file.Files.readString(progress) : "";
            if (!text.isBlank() && Long.parseLong(text.strip()) > startOffset) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the processor child made no progress in 60 s");
    }

    private Process child(Instant clock, boolean exitWhenCaughtUp) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                ProcessorChild.class.getName(),
                dir.toString(),
                clock.toString(),
                "37",
                exitWhenCaughtUp ? "0" : Long.toString(PAUSE_AFTER_COMMIT_MILLIS)));
        if (exitWhenCaughtUp) {
            command.add("--exit-when-caught-up");
        }
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("child.log").toFile()))
                .start();
    }

    private static Definitions definitions(List<RandomDefinitions.KeyedGroup> groups) {
        List<AttributeKeyDefinition> keys = new ArrayList<>();
        for (RandomDefinitions.KeyedGroup keyed : groups) {
            if (!AttributeKeyDefinition.isBuiltInName(keyed.key().name()) && !keys.contains(keyed.key())) {
                keys.add(keyed.key());
            }
        }
        return new Definitions(
                keys, groups.stream().map(RandomDefinitions.KeyedGroup::group).toList(), List.of(), List.of());
    }
}
