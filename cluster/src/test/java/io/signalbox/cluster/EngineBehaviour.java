package io.signalbox.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.attributes.AttributeGroupDefinition;
import io.signalbox.attributes.DefinitionParser;
import io.signalbox.attributes.Definitions;
import io.signalbox.attributes.core.CompiledGroup;
import io.signalbox.attributes.core.ProfileState;
import io.signalbox.attributes.oracle.RandomDefinitions;
import io.signalbox.attributes.oracle.RandomStreams;
import io.signalbox.events.AtomicField;
import io.signalbox.events.EnrichedEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour of the attribute engine, one suite for both modes: {@link EmbeddedEngineTest} runs it against the
 * embedded processor on RocksDB, {@link ClusterEngineTest} against the Kafka Streams engine with profiles in Redis.
 * Values are read from the store the API reads, and computed at read time with the same core.
 */
abstract class EngineBehaviour {
    static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    private static final long SEED = 20261204L;

    @TempDir
    Path dir;

    /** Starts an engine on fresh stores whose clock stands at {@code clock}. */
    abstract EngineDeployment deploy(Path dir, Instant clock) throws Exception;

    @Test
    void shouldComputePublishedGroupsFromAppendedEvents() throws Exception {
        try (EngineDeployment engine = deploy(dir, T0.plus(Duration.ofDays(1)))) {
            engine.registry().load(tutorial(), "test");
            AttributeGroupDefinition group = tutorialGroup(engine);
            engine.awaitComputing(group.fullName());

            engine.append(List.of(
                    pageView("u1", "https://acme.io/pricing", T0),
                    pageView("u1", "https://acme.io/customers/acme", T0.plusSeconds(10)),
                    pageView("u1", "https://acme.io/", T0.plusSeconds(20)),
                    pageView("u2", "https://acme.io/pricing", T0.plusSeconds(30))));
            engine.awaitProcessed();

            assertThat(values(engine, group, "u1"))
                    .containsEntry("num_page_views", 3)
                    .containsEntry("num_pricing_views", 1)
                    .containsEntry("num_customers_views", 1);
            assertThat(values(engine, group, "u2")).containsEntry("num_page_views", 1);
            assertThat(engine.profiles().get(group.fullName(), "u3")).isNull();
        }
    }

    @Test
    void shouldStartANewGroupAtTheEventsThatFollowItsPublication() throws Exception {
        try (EngineDeployment engine = deploy(dir, T0.plus(Duration.ofDays(1)))) {
            engine.append(List.of(pageView("u1", "https://acme.io/pricing", T0)));
            engine.awaitProcessed();

            engine.registry().load(tutorial(), "test");
            AttributeGroupDefinition group = tutorialGroup(engine);
            engine.awaitComputing(group.fullName());
            engine.append(List.of(pageView("u1", "https://acme.io/pricing", T0.plusSeconds(5))));
            engine.awaitProcessed();

            assertThat(values(engine, group, "u1")).containsEntry("num_pricing_views", 1);
        }
    }

    @Test
    void shouldKeepCountingFromWhereItStoppedAfterARestart() throws Exception {
        try (EngineDeployment engine = deploy(dir, T0.plus(Duration.ofDays(1)))) {
            engine.registry().load(tutorial(), "test");
            AttributeGroupDefinition group = tutorialGroup(engine);
            engine.awaitComputing(group.fullName());
            engine.append(List.of(pageView("u1", "https://acme.io/pricing", T0)));
            engine.awaitProcessed();

            engine.restart();
            engine.append(List.of(pageView("u1", "https://acme.io/pricing", T0.plusSeconds(5))));
            engine.awaitProcessed();

            assertThat(values(engine, group, "u1")).containsEntry("num_pricing_views", 2);
        }
    }

    @Test
    void shouldMatchTheOracleForEveryAttributeKeyAndAggregation() throws Exception {
        List<EnrichedEvent> events =
                RandomStreams.generate(RandomStreams.Config.defaults(SEED).withUsers(100));
        List<RandomDefinitions.KeyedGroup> groups = RandomDefinitions.generate(SEED, true);
        Instant earliest = events.stream()
                .map(EnrichedEvent::derivedTstamp)
                .min(Instant::compareTo)
                .orElseThrow();
        OracleCheck.Outcome outcome;
        try (EngineDeployment engine = deploy(dir, earliest)) {
            engine.registry().load(OracleCheck.definitions(groups), "test");
            for (RandomDefinitions.KeyedGroup keyed : groups) {
                engine.awaitComputing(keyed.group().fullName());
            }
            engine.append(events);
            engine.awaitProcessed();
            outcome = OracleCheck.compare(events, groups, engine.profiles());
        }
        System.out.printf(
                "%s oracle: %d events, %d groups, %d values compared, %d mismatches%n",
                getClass().getSimpleName(),
                events.size(),
                groups.size(),
                outcome.compared(),
                outcome.mismatches().size());
        assertThat(groups.stream().map(g -> g.key().name()).distinct().count())
                .as("groups of several attribute keys")
                .isGreaterThan(1);
        assertThat(outcome.compared()).isGreaterThan(10_000);
        assertThat(outcome.mismatches()).as("first mismatches").isEmpty();
    }

    // ---- helpers ----

    static Definitions tutorial() throws Exception {
        Path root = Path.of(System.getProperty("signalbox.root"));
        return DefinitionParser.parseDocument(
                Files.readString(root.resolve("definitions/prospect_scoring_tutorial.json")));
    }

    static AttributeGroupDefinition tutorialGroup(EngineDeployment engine) {
        return engine.registry().attributeGroup("prospect_scoring_tutorial", 1).orElseThrow();
    }

    static EnrichedEvent pageView(String user, String url, Instant at) {
        return new EnrichedEvent()
                .set(AtomicField.EVENT_ID, UUID.randomUUID().toString())
                .set(AtomicField.APP_ID, "website")
                .set(AtomicField.PLATFORM, "web")
                .set(AtomicField.EVENT, "page_view")
                .set(AtomicField.EVENT_VENDOR, "com.snowplowanalytics.snowplow")
                .set(AtomicField.EVENT_NAME, "page_view")
                .set(AtomicField.EVENT_FORMAT, "jsonschema")
                .set(AtomicField.EVENT_VERSION, "1-0-0")
                .set(AtomicField.DOMAIN_USERID, user)
                .set(AtomicField.PAGE_URL, url)
                .set(AtomicField.COLLECTOR_TSTAMP, at)
                .set(AtomicField.DERIVED_TSTAMP, at)
                .set(AtomicField.V_COLLECTOR, "test")
                .set(AtomicField.V_ETL, "test");
    }

    static Map<String, Object> values(EngineDeployment engine, AttributeGroupDefinition group, String key) {
        CompiledGroup compiled = CompiledGroup.compile(group, engine.registry().resolveKey(group));
        byte[] stored = engine.profiles().get(group.fullName(), key);
        ProfileState state = stored == null ? compiled.newState() : compiled.decode(stored);
        return compiled.values(state, T0.plus(Duration.ofDays(1)));
    }
}
