package io.signalbox.api.interventions;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.attributes.AttributeGroupDefinition;
import io.signalbox.attributes.DefinitionParser;
import io.signalbox.attributes.core.CompiledGroup;
import io.signalbox.attributes.core.ProfileState;
import io.signalbox.engine.processor.ActiveGroup;
import io.signalbox.engine.profile.RocksProfileStore;
import io.signalbox.engine.registry.Registry;
import io.signalbox.engine.registry.RocksRegistryStore;
import io.signalbox.engine.store.EmbeddedStore;
import io.signalbox.events.AtomicField;
import io.signalbox.events.EnrichedEvent;
import io.signalbox.events.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trigger between the engine and the hub: edge-based firing, delivery only after the change is committed, nothing
 * for a rolled-back change, targets taken from the event, payloads of strings, and the hold of an intervention that
 * fires before its page subscribes.
 */
class InterventionTriggerTest {
    private static final String VISITOR = "6f1c2b9e-4c1d-4a6e-9a51-0d2b8f3e7a10";
    private static final String SESSION = "0b6e3f7a-2d4c-4b8e-8f1a-3c5d7e9f1a2b";
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path dir;

    EmbeddedStore store;
    Registry registry;
    InterventionHub hub;
    InterventionTrigger trigger;
    ActiveGroup group;
    ByteArrayOutputStream received;

    @BeforeEach
    void setUp() {
        store = EmbeddedStore.open(dir, 8 << 20);
        registry = new Registry(new RocksRegistryStore(store));
        AttributeGroupDefinition definition = DefinitionParser.parseAttributeGroup(Json.parse(
                "{\"name\":\"web\",\"version\":1,\"is_published\":true,\"attribute_key\":{\"name\":\"domain_userid\"},"
                        + "\"attributes\":[{\"name\":\"views\",\"type\":\"int32\",\"aggregation\":\"counter\","
                        + "\"events\":[{\"name\":\"page_view\"}]}]}"));
        registry.createAttributeGroup(definition);
        registry.createIntervention(DefinitionParser.parseIntervention(Json.parse(
                "{\"name\":\"keen\",\"version\":2,\"is_published\":true,\"criteria\":{\"attribute\":\"web:views\","
                        + "\"operator\":\">=\",\"value\":2},\"target_attribute_keys\":[{\"name\":\"domain_userid\"},"
                        + "{\"name\":\"domain_sessionid\"}]}")));
        group = new ActiveGroup(
                definition,
                registry.resolveKey(definition),
                CompiledGroup.compile(definition, registry.resolveKey(definition)));
        hub = new InterventionHub();
        trigger = new InterventionTrigger(registry, new RocksProfileStore(store), hub);
        received = new ByteArrayOutputStream();
        hub.subscribe(
                new SseConnection(received),
                List.of(new Target("domain_userid", VISITOR), new Target("domain_sessionid", SESSION)));
    }

    @AfterEach
    void tearDown() {
        hub.close();
        store.close();
    }

    @Test
    void shouldDeliverOnTheEdgeOnceCommittedToEachConnectionOnce() throws Exception {
        ProfileState state = group.compiled().newState();
        view(state);
        view(state);
        assertThat(messages()).as("nothing before the commit").isEmpty();
        trigger.onCommit(2);
        view(state);
        trigger.onCommit(3);

        List<String> messages = awaitMessages(1);
        Thread.sleep(200);
        assertThat(messages())
                .as("once: the third view does not cross the edge again")
                .hasSize(1);
        var delivered = Json.parse(messages.getFirst());
        assertThat(delivered.get("name").asString()).isEqualTo("keen");
        assertThat(delivered.get("version").asInt()).isEqualTo(2);
        assertThat(delivered.get("attributes").get("views").asString()).isEqualTo("2");
        assertThat(delivered.get("target_attribute_key").get("name").asString()).isEqualTo("domain_userid");
        assertThat(delivered.get("target_attribute_key").get("id").asString()).isEqualTo(VISITOR);
    }

    @Test
    void shouldDropInterventionsOfAChangeThatIsRolledBack() throws Exception {
        ProfileState state = group.compiled().newState();
        view(state);
        view(state);
        trigger.onRollback();
        trigger.onCommit(2);
        Thread.sleep(200);
        assertThat(messages()).isEmpty();
    }

    @Test
    void shouldHoldAnInterventionThatFiresBeforeThePageSubscribes() throws Exception {
        try (InterventionHub later = new InterventionHub()) {
            InterventionTrigger unwatched = new InterventionTrigger(registry, new RocksProfileStore(store), later);
            ProfileState state = group.compiled().newState();
            view(unwatched, state);
            view(unwatched, state);
            unwatched.onCommit(2);
            assertThat(later.heldTargetCount())
                    .as("held for the visitor and the session")
                    .isEqualTo(2);

            ByteArrayOutputStream page = new ByteArrayOutputStream();
            later.subscribe(new SseConnection(page), List.of(new Target("domain_sessionid", SESSION)));
            ByteArrayOutputStream otherTab = new ByteArrayOutputStream();
            later.subscribe(new SseConnection(otherTab), List.of(new Target("domain_userid", VISITOR)));

            List<String> messages = awaitMessages(page, 1);
            Thread.sleep(200);
            assertThat(messages).hasSize(1);
            assertThat(Json.parse(messages.getFirst())
                            .get("target_attribute_key")
                            .get("name")
                            .asString())
                    .isEqualTo("domain_sessionid");
            assertThat(messages(otherTab)).as("sent once, to the first stream").isEmpty();
            assertThat(later.deliveredFromHoldCount()).isEqualTo(1);
            assertThat(later.heldTargetCount()).isZero();
        }
    }

    @Test
    void shouldPassAnInterventionSentToAPageThatHadGoneToTheNextPage() throws Exception {
        try (InterventionHub later = new InterventionHub()) {
            GoneAfterOneWrite leftPage = new GoneAfterOneWrite();
            later.subscribe(new SseConnection(leftPage), List.of(new Target("domain_userid", VISITOR)));
            later.deliverOrHold(
                    Json.NODES.objectNode().put("intervention_id", "x").put("name", "keen"),
                    List.of(new Target("domain_userid", VISITOR)));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (later.heldTargetCount() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(leftPage.taken())
                    .as("the write the page that had gone took")
                    .contains("\"keen\"");
            assertThat(later.subscriberCount()).as("found gone by the check").isZero();

            ByteArrayOutputStream nextPage = new ByteArrayOutputStream();
            later.subscribe(new SseConnection(nextPage), List.of(new Target("domain_userid", VISITOR)));

            assertThat(awaitMessages(nextPage, 1))
                    .singleElement()
                    .satisfies(message -> assertThat(
                                    Json.parse(message).get("name").asString())
                            .isEqualTo("keen"));
            assertThat(later.deliveredFromHoldCount()).isEqualTo(1);
        }
    }

    /**
     * The response of a page the visitor has left: it takes one event, as a socket takes the first write after its
     * peer closed, and fails every write after that one.
     */
    private static final class GoneAfterOneWrite extends OutputStream {
        private final ByteArrayOutputStream taken = new ByteArrayOutputStream();
        private boolean gone;

        @Override
        public synchronized void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
            if (gone) {
                throw new IOException("connection reset by peer");
            }
            taken.write(bytes, offset, length);
        }

        @Override
        public synchronized void flush() {
            gone = taken.toString(StandardCharsets.UTF_8).contains("data: ");
        }

        synchronized String taken() {
            return taken.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void shouldNotHoldAPushNobodyListensTo() {
        try (InterventionHub later = new InterventionHub()) {
            int reached = later.deliver(
                    Json.NODES.objectNode().put("intervention_id", "x").put("name", "pushed"),
                    List.of(new Target("domain_userid", VISITOR)));

            assertThat(reached).isZero();
            assertThat(later.undeliveredCount()).isEqualTo(1);
            assertThat(later.heldTargetCount()).isZero();
        }
    }

    @Test
    void shouldSendAHeldInterventionOnlyWhenItsClaimIsGranted() throws Exception {
        DeliveryClaims sentElsewhere = new DeliveryClaims() {
            @Override
            public void sentLive(String interventionId) {}

            @Override
            public void unsent(String interventionId) {}

            @Override
            public boolean claimHeld(String interventionId) {
                return false;
            }
        };
        try (InterventionHub later =
                new InterventionHub(InterventionHub.DEFAULT_HOLD, System::nanoTime, sentElsewhere)) {
            later.deliverOrHold(
                    Json.NODES.objectNode().put("intervention_id", "x").put("name", "keen"),
                    List.of(new Target("domain_userid", VISITOR)));
            ByteArrayOutputStream page = new ByteArrayOutputStream();
            later.subscribe(new SseConnection(page), List.of(new Target("domain_userid", VISITOR)));

            Thread.sleep(200);
            assertThat(messages(page)).isEmpty();
            assertThat(later.heldTargetCount()).isZero();
        }
    }

    private void view(ProfileState state) {
        view(trigger, state);
    }

    private void view(InterventionTrigger trigger, ProfileState state) {
        EnrichedEvent event = new EnrichedEvent()
                .set(AtomicField.EVENT_NAME, "page_view")
                .set(AtomicField.EVENT_VENDOR, "com.snowplowanalytics.snowplow")
                .set(AtomicField.DOMAIN_USERID, VISITOR)
                .set(AtomicField.DOMAIN_SESSIONID, SESSION)
                .set(AtomicField.DERIVED_TSTAMP, NOW);
        java.util.Set<String> wanted = trigger.valuesBefore(group);
        assertThat(wanted).isNotEmpty();
        Map<String, Object> before = group.compiled().values(state, NOW, wanted);
        group.compiled().apply(state, event);
        trigger.onChange(group, VISITOR, event, before, state, NOW);
    }

    private List<String> messages() {
        return messages(received);
    }

    private static List<String> messages(ByteArrayOutputStream received) {
        return received.toString(StandardCharsets.UTF_8)
                .lines()
                .filter(line -> line.startsWith("data: "))
                .map(line -> line.substring(6))
                .toList();
    }

    private List<String> awaitMessages(int count) throws InterruptedException {
        return awaitMessages(received, count);
    }

    private static List<String> awaitMessages(ByteArrayOutputStream received, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (messages(received).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return messages(received);
    }
}
