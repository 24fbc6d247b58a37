package io.signalbox.engine.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.attributes.AttributeGroupDefinition;
import io.signalbox.attributes.DefinitionParser;
import io.signalbox.attributes.Definitions;
import io.signalbox.attributes.core.CompiledGroup;
import io.signalbox.attributes.core.ProfileState;
import io.signalbox.events.AtomicField;
import io.signalbox.events.EnrichedEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttributeProcessorTest {
    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    @TempDir
    Path dir;

    static Definitions tutorial() throws Exception {
        Path root = Path.of(System.getProperty("signalbox.root"));
        return DefinitionParser.parseDocument(
                Files.readString(root.resolve("definitions/prospect_scoring_tutorial.json")));
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

    private AttributeProcessor start(ProcessorFixture fixture, BackfillSource backfill) {
        return new AttributeProcessor(
                fixture.store,
                fixture.log,
                fixture.registry,
                backfill,
                ProcessorListener.NONE,
                InstantSource.fixed(T0.plus(Duration.ofDays(1))),
                new ProcessorConfig(100, 1000, Duration.ofMinutes(1), 100));
    }

    @Test
    void shouldComputePublishedGroupsFromLoggedEvents() throws Exception {
        try (ProcessorFixture fixture = new ProcessorFixture(dir)) {
            fixture.registry.load(tutorial(), "test");
            AttributeGroupDefinition group = fixture.registry
                    .attributeGroup("prospect_scoring_tutorial", 1)
                    .orElseThrow();
            try (AttributeProcessor processor = start(fixture, null)) {
                awaitActive(processor, group.fullName());
                long end = fixture.append(List.of(
                        pageView("u1", "https://acme.io/pricing", T0),
                        pageView("u1", "https://acme.io/customers/acme", T0.plusSeconds(10)),
                        pageView("u1", "https://acme.io/", T0.plusSeconds(20)),
                        pageView("u2", "https://acme.io/pricing", T0.plusSeconds(30))));
                assertThat(processor.awaitCommitted(end, Duration.ofSeconds(10)))
                        .isTrue();
                assertThat(processor.processedEvents()).isEqualTo(4);
            }
            Map<String, Object> u1 = values(fixture, group, "u1");
            assertThat(u1)
                    .containsEntry("num_page_views", 3)
                    .containsEntry("num_pricing_views", 1)
                    .containsEntry("num_customers_views", 1);
            assertThat(values(fixture, group, "u2")).containsEntry("num_page_views", 1);
        }
    }

    @Test
    void shouldResumeFromTheCommittedOffsetAfterARestart() throws Exception {
        try (ProcessorFixture fixture = new ProcessorFixture(dir)) {
            fixture.registry.load(tutorial(), "test");
            AttributeGroupDefinition group = fixture.registry
                    .attributeGroup("prospect_scoring_tutorial", 1)
                    .orElseThrow();
            long end;
            try (AttributeProcessor processor = start(fixture, null)) {
                awaitActive(processor, group.fullName());
                end = fixture.append(List.of(pageView("u1", "https://acme.io/pricing", T0)));
                assertThat(processor.awaitCommitted(end, Duration.ofSeconds(10)))
                        .isTrue();
            }
            end = fixture.append(List.of(pageView("u1", "https://acme.io/pricing", T0.plusSeconds(5))));
            try (AttributeProcessor processor = start(fixture, null)) {
                assertThat(processor.awaitCommitted(end, Duration.ofSeconds(10)))
                        .isTrue();
                assertThat(processor.processedEvents()).isEqualTo(1);
            }
            assertThat(values(fixture, group, "u1")).containsEntry("num_pricing_views", 2);
        }
    }

    @Test
    void shouldStartANewGroupVersionAtTheEventsThatFollowItsPublication() throws Exception {
        try (ProcessorFixture fixture = new ProcessorFixture(dir);
                AttributeProcessor processor = start(fixture, null)) {
            long end = fixture.append(List.of(pageView("u1", "https://acme.io/pricing", T0)));
            assertThat(processor.awaitCommitted(end, Duration.ofSeconds(10))).isTrue();

            fixture.registry.load(tutorial(), "test");
            AttributeGroupDefinition group = fixture.registry
                    .attributeGroup("prospect_scoring_tutorial", 1)
                    .orElseThrow();
            awaitActive(processor, group.fullName());
            end = fixture.append(List.of(pageView("u1", "https://acme.io/pricing", T0.plusSeconds(5))));
            assertThat(processor.awaitCommitted(end, Duration.ofSeconds(10))).isTrue();

            assertThat(values(fixture, group, "u1")).containsEntry("num_pricing_views", 1);
        }
    }

    @Test
    void shouldBackfillFromHistoryAndCountEachEventOnceWhenTheLogHasMovedOn() throws Exception {
        try (ProcessorFixture fixture = new ProcessorFixture(dir);
                AttributeProcessor processor = start(fixture, null)) {
            List<EnrichedEvent> logged = List.of(
                    pageView("u1", "https://acme.io/pricing", T0),
                    pageView("u1", "https://acme.io/pricing", T0.plusSeconds(1)),
                    pageView("u1", "https://acme.io/pricing", T0.plusSeconds(2)));
            long end = fixture.append(logged);
            assertThat(processor.awaitCommitted(end, Duration.ofSeconds(10))).isTrue();
        }
        try (ProcessorFixture fixture = new ProcessorFixture(dir)) {
            // The warehouse holds an imported event and has loaded the first two logged events only.
            List<EnrichedEvent> history = new ArrayList<>();
            history.add(pageView("u1", "https://acme.io/pricing", T0.minus(Duration.ofDays(3))));
            history.addAll(fixture.log.read(0, 2).stream()
                    .map(r -> io.signalbox.events.EnrichedTsv.parse(new String(r.payload())))
                    .toList());
            BackfillSource warehouse = since -> new ListSnapshot(history, 2);
            Definitions definitions = tutorialWithBackfill();
            try (AttributeProcessor processor = start(fixture, warehouse)) {
                fixture.registry.load(definitions, "test");
                AttributeGroupDefinition group = definitions.attributeGroups().getFirst();
                awaitActive(processor, group.fullName());
                long end = fixture.append(List.of(pageView("u1", "https://acme.io/pricing", T0.plusSeconds(9))));
                assertThat(processor.awaitCommitted(end, Duration.ofSeconds(10)))
                        .isTrue();

                // 1 imported + 2 loaded + 1 replayed from the log beyond the warehouse + 1 live
                assertThat(values(fixture, group, "u1")).containsEntry("num_pricing_views", 5);
            }
        }
    }

    @Test
    void shouldStopComputingAnUnpublishedGroup() throws Exception {
        try (ProcessorFixture fixture = new ProcessorFixture(dir);
                AttributeProcessor processor = start(fixture, null)) {
            fixture.registry.load(tutorial(), "test");
            AttributeGroupDefinition group = fixture.registry
                    .attributeGroup("prospect_scoring_tutorial", 1)
                    .orElseThrow();
            awaitActive(processor, group.fullName());

            fixture.registry.updateAttributeGroup(unpublished(group));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (processor.activeGroups().contains(group.fullName()) && System.nanoTime() < deadline) {
                fixture.append(List.of(pageView("u9", "https://acme.io/", T0)));
                Thread.sleep(50);
            }
            assertThat(processor.activeGroups()).doesNotContain(group.fullName());
        }
    }

    private static AttributeGroupDefinition unpublished(AttributeGroupDefinition g) {
        return new AttributeGroupDefinition(
                g.name(),
                g.version(),
                g.attributeKey(),
                g.attributes(),
                g.ttl(),
                g.online(),
                g.offline(),
                false,
                g.backfillSinceTstamp(),
                g.owner(),
                g.description(),
                g.fields(),
                g.batchSource());
    }

    private static Definitions tutorialWithBackfill() throws Exception {
        AttributeGroupDefinition g = tutorial().attributeGroups().getFirst();
        AttributeGroupDefinition v2 = new AttributeGroupDefinition(
                g.name(),
                2,
                g.attributeKey(),
                g.attributes(),
                g.ttl(),
                g.online(),
                g.offline(),
                true,
                T0.minus(Duration.ofDays(30)),
                g.owner(),
                g.description(),
                g.fields(),
                g.batchSource());
        return new Definitions(List.of(), List.of(v2), List.of(), List.of());
    }

    private static Map<String, Object> values(ProcessorFixture fixture, AttributeGroupDefinition group, String key) {
        CompiledGroup compiled = CompiledGroup.compile(group, fixture.registry.resolveKey(group));
        byte[] stored = fixture.profiles.get(group.fullName(), key);
        ProfileState state = stored == null ? compiled.newState() : compiled.decode(stored);
        return compiled.values(state, T0.plus(Duration.ofDays(1)));
    }

    private static void awaitActive(AttributeProcessor processor, String group) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!processor.activeGroups().contains(group) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(processor.activeGroups()).contains(group);
    }

    private record ListSnapshot(List<EnrichedEvent> history, long logOffset) implements BackfillSource.Snapshot {
        @Override
        public Iterator<EnrichedEvent> events() {
            return history.iterator();
        }

        @Override
        public void close() {}
    }
}
