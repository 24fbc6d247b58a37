package io.signalbox.api.interventions;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.events.Json;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The hold of rule interventions: each handed out once, for any of its targets, within its time, and bounded. */
class HeldInterventionsTest {
    private static final long SECOND = 1_000_000_000L;
    private static final Target VISITOR = new Target("domain_userid", "6f1c2b9e-4c1d-4a6e-9a51-0d2b8f3e7a10");
    private static final Target SESSION = new Target("domain_sessionid", "0b6e3f7a-2d4c-4b8e-8f1a-3c5d7e9f1a2b");

    private final HeldInterventions held = new HeldInterventions(Duration.ofSeconds(15));

    @Test
    void shouldHandOutAnInterventionOnceForWhicheverOfItsTargetsSubscribesFirst() {
        held.hold(payload("a"), List.of(VISITOR, SESSION), 0);

        List<HeldInterventions.Held> taken = held.take(List.of(SESSION), 2 * SECOND);

        assertThat(taken).singleElement().satisfies(one -> assertThat(id(one)).isEqualTo("a"));
        assertThat(held.take(List.of(VISITOR), 3 * SECOND))
                .as("not again for the other target")
                .isEmpty();
        assertThat(held.targetCount()).isZero();
    }

    @Test
    void shouldHandOutEachInterventionOnceToAStreamOfBothTargets() {
        held.hold(payload("a"), List.of(VISITOR, SESSION), 0);
        held.hold(payload("b"), List.of(VISITOR), SECOND);

        List<HeldInterventions.Held> taken = held.take(List.of(VISITOR, SESSION), 2 * SECOND);

        assertThat(taken).extracting(HeldInterventionsTest::id).containsExactly("a", "b");
    }

    @Test
    void shouldNotHandOutAnInterventionPastItsHold() {
        held.hold(payload("a"), List.of(VISITOR), 0);

        assertThat(held.take(List.of(VISITOR), 15 * SECOND)).isEmpty();
    }

    @Test
    void shouldKeepTheNewestInterventionsOfATargetWithinItsBound() {
        for (int i = 0; i < HeldInterventions.MAX_PER_TARGET + 3; i++) {
            held.hold(payload("p" + i), List.of(VISITOR, SESSION), i);
        }

        List<HeldInterventions.Held> taken = held.take(List.of(SESSION), 100);

        assertThat(taken).hasSize(HeldInterventions.MAX_PER_TARGET);
        assertThat(id(taken.getFirst())).isEqualTo("p3");
        assertThat(held.droppedCount()).isEqualTo(3);
        assertThat(held.take(List.of(VISITOR), 100))
                .as("the dropped ones are gone for every target")
                .isEmpty();
    }

    @Test
    void shouldHoldAtMostTheBoundOfTargetsDroppingTheOldest() {
        for (int i = 0; i < HeldInterventions.MAX_TARGETS + 5; i++) {
            held.hold(payload("v" + i), List.of(new Target("domain_userid", "visitor-" + i)), i);
        }

        assertThat(held.targetCount()).isEqualTo(HeldInterventions.MAX_TARGETS);
        assertThat(held.take(List.of(new Target("domain_userid", "visitor-0")), 100))
                .isEmpty();
        assertThat(held.take(List.of(new Target("domain_userid", "visitor-5")), 100))
                .extracting(HeldInterventionsTest::id)
                .containsExactly("v5");
    }

    @Test
    void shouldForgetExpiredInterventionsBeforeDroppingLiveOnes() {
        held.hold(payload("old"), List.of(VISITOR), 0);
        for (int i = 1; i < HeldInterventions.MAX_TARGETS + 1; i++) {
            held.hold(payload("v" + i), List.of(new Target("domain_userid", "visitor-" + i)), 20 * SECOND);
        }

        assertThat(held.droppedCount()).as("the expired one made room").isZero();
        assertThat(held.targetCount()).isEqualTo(HeldInterventions.MAX_TARGETS);
    }

    @Test
    void shouldHoldNothingWithAZeroHold() {
        HeldInterventions none = new HeldInterventions(Duration.ZERO);
        none.hold(payload("a"), List.of(VISITOR), 0);

        assertThat(none.targetCount()).isZero();
    }

    private static ObjectNode payload(String id) {
        return Json.NODES.objectNode().put("intervention_id", id).put("name", "keen");
    }

    private static String id(HeldInterventions.Held held) {
        return held.payload().get("intervention_id").asString();
    }
}
