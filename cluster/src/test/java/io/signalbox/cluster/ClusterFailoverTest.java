package io.signalbox.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.attributes.oracle.RandomDefinitions;
import io.signalbox.attributes.oracle.RandomStreams;
import io.signalbox.cluster.local.LocalKafka;
import io.signalbox.cluster.local.LocalRedis;
import io.signalbox.engine.registry.Registry;
import io.signalbox.events.EnrichedEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failover: two engine instances, each in its own JVM, share the partitions of a stream that is still being
 * produced; one is killed with SIGKILL in the middle of it. The survivor takes over the dead instance's partitions
 * (its uncommitted transaction is aborted, its store is restored from the changelog) and the profiles in Redis equal
 * the SQL oracle's values: nothing lost, nothing counted twice.
 */
class ClusterFailoverTest {
    private static final long SEED = 20261205L;
    private static final int CHUNKS = 40;

    @TempDir
    Path dir;

    /** The records the engine routes: each event once for every attribute key in use that the event has a value of. */
    private static long routedRecords(List<EnrichedEvent> events, List<RandomDefinitions.KeyedGroup> groups) {
        java.util.Map<String, io.signalbox.attributes.core.CompiledGroup> byKey = new java.util.LinkedHashMap<>();
        for (RandomDefinitions.KeyedGroup keyed : groups) {
            byKey.putIfAbsent(
                    keyed.key().name(), io.signalbox.attributes.core.CompiledGroup.compile(keyed.group(), keyed.key()));
        }
        long routed = 0;
        for (EnrichedEvent event : events) {
            for (io.signalbox.attributes.core.CompiledGroup group : byKey.values()) {
                routed += group.keyOf(event) != null ? 1 : 0;
            }
        }
        return routed;
    }

    @Test
    void shouldMatchTheOracleWhenAnEngineInstanceIsKilledMidStream() throws Exception {
        List<EnrichedEvent> events =
                RandomStreams.generate(RandomStreams.Config.defaults(SEED).withUsers(100));
        List<RandomDefinitions.KeyedGroup> groups = RandomDefinitions.generate(SEED, true);
        Instant earliest = events.stream()
                .map(EnrichedEvent::derivedTstamp)
                .min(Instant::compareTo)
                .orElseThrow();
        long routed = routedRecords(events, groups);
        ClusterSettings settings = ClusterSettings.of(
                        LocalKafka.shared().bootstrap(), LocalRedis.shared().address())
                .withNamespace("failover-" + UUID.randomUUID().toString().substring(0, 8))
                .withPartitions(4);

        try (Cluster cluster = Cluster.connect(settings);
                TestProducer producer = new TestProducer(settings);
                ClusterLag lag = new ClusterLag(settings)) {
            new Registry(cluster.registryStore()).load(OracleCheck.definitions(groups), "test");
            Instance first = Instance.start(settings, dir, "a", earliest);
            Instance second = Instance.start(settings, dir, "b", earliest);
            try {
                first.awaitRunning();
                second.awaitRunning();
                int chunk = Math.ceilDiv(events.size(), CHUNKS);
                Instance victim = null;
                Instance survivor = null;
                long victimAtKill = 0;
                long survivorAtKill = 0;
                int consumingMembers = 0;
                for (int i = 0; i < CHUNKS; i++) {
                    producer.send(events.subList(i * chunk, Math.min(events.size(), (i + 1) * chunk)));
                    if (i == CHUNKS / 2) {
                        awaitEitherApplying(first, second, Duration.ofSeconds(60));
                        consumingMembers = consumingMembers(settings);
                        boolean firstAhead = first.processed() >= second.processed();
                        victim = firstAhead ? first : second;
                        survivor = firstAhead ? second : first;
                        victimAtKill = victim.processed();
                        survivorAtKill = survivor.processed();
                        victim.kill();
                    }
                    Thread.sleep(100);
                }
                long killedAt = System.nanoTime();
                ClusterEngineTest.Clustered.awaitCaughtUp(lag, Duration.ofSeconds(120));
                long caughtUpMillis = (System.nanoTime() - killedAt) / 1_000_000;
                long survivorTotal = survivor.processed();

                OracleCheck.Outcome outcome = OracleCheck.compare(events, groups, cluster.profileStore());
                System.out.printf(
                        "failover: %d events, %d routed records (once per attribute key in use); %d instances"
                                + " consuming; routed"
                                + " records applied: victim %d"
                                + " before its SIGKILL, survivor %d then and %d at the end; caught up %d ms after the"
                                + " last chunk; %d values compared, %d mismatches%n",
                        events.size(),
                        routed,
                        consumingMembers,
                        victimAtKill,
                        survivorAtKill,
                        survivorTotal,
                        caughtUpMillis,
                        outcome.compared(),
                        outcome.mismatches().size());
                assertThat(victimAtKill)
                        .as("the victim was working when it was killed")
                        .isPositive();
                assertThat(victimAtKill + survivorAtKill)
                        .as("the kill landed mid-stream: routed records applied before it, of %d", routed)
                        .isLessThan(routed);
                assertThat(survivorTotal - survivorAtKill)
                        .as("the survivor took over the rest")
                        .isGreaterThanOrEqualTo(routed - victimAtKill - survivorAtKill);
                assertThat(outcome.compared()).isGreaterThan(10_000);
                assertThat(outcome.mismatches()).as("first mismatches").isEmpty();
            } finally {
                first.kill();
                second.kill();
            }
        }
    }

    /**
     * Waits until one of the instances has applied a record, so the kill lands on an instance that was working: on a
     * slow machine both can still be joining the group when half of the stream has been sent.
     */
    private static void awaitEitherApplying(Instance first, Instance second, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (first.processed() == 0 && second.processed() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** How many members of the engine's consumer group have partitions assigned. */
    private static int consumingMembers(ClusterSettings settings) throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin =
                org.apache.kafka.clients.admin.Admin.create(ClusterTopics.adminProperties(settings))) {
            return (int) admin
                    .describeConsumerGroups(List.of(settings.engineApplicationId()))
                    .all()
                    .get(30, java.util.concurrent.TimeUnit.SECONDS)
                    .get(settings.engineApplicationId())
                    .members()
                    .stream()
                    .filter(member -> !member.assignment().topicPartitions().isEmpty())
                    .count();
        }
    }

    /** One engine JVM and its progress file. */
    private record Instance(Process process, Path progress, Path log) {
        static Instance start(ClusterSettings settings, Path dir, String name, Instant clock) throws Exception {
            Path progress = dir.resolve(name + ".progress");
            Path log = dir.resolve(name + ".log");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m",
                    "-XX:+UseSerialGC",
                    "--enable-native-access=ALL-UNNAMED",
                    "-cp",
                    System.getProperty("java.class.path"),
                    EngineChild.class.getName(),
                    settings.kafkaBootstrap(),
                    settings.redisAddress(),
                    settings.namespace(),
                    Integer.toString(settings.partitions()),
                    dir.resolve(name + "-state").toString(),
                    clock.toString(),
                    progress.toString()));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            return new Instance(process, progress, log);
        }

        void awaitRunning() throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new AssertionError("an engine instance exited:\n" + Files.readString(log));
                }
                if (Files.exists(progress) && Files.readString(progress).endsWith("running")) {
                    return;
                }
                Thread.sleep(50);
            }
            throw new AssertionError("an engine instance did not start within 90 s:\n" + Files.readString(log));
        }

        long processed() throws Exception {
            String text = Files.exists(progress) ? Files.readString(progress).strip() : "";
            return text.isEmpty() ? 0 : Long.parseLong(text.substring(0, text.indexOf(' ')));
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }
    }
}
