package io.signalbox.scoring.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signalbox.attributes.AttributeGroupDefinition;
import io.signalbox.attributes.DefinitionParser;
import io.signalbox.attributes.Definitions;
import io.signalbox.attributes.GroupRef;
import io.signalbox.attributes.core.CompiledGroup;
import io.signalbox.events.AtomicField;
import io.signalbox.events.EnrichedEvent;
import io.signalbox.events.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TrainingSetBuilderTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final String SNOWPLOW = "com.snowplowanalytics.snowplow";
    private static final CompiledGroup GROUP = group();

    private static CompiledGroup group() {
        Definitions definitions = DefinitionParser.parseDocument("""
                        {"attribute_groups": [{"name": "visits", "version": 1,
                          "attribute_key": {"name": "domain_userid"},
                          "attributes": [
                            {"name": "views", "type": "int64", "aggregation": "counter",
                             "events": [{"vendor": "com.snowplowanalytics.snowplow", "name": "page_view"}]},
                            {"name": "views_10m", "type": "int64", "aggregation": "counter", "period": "PT10M",
                             "events": [{"vendor": "com.snowplowanalytics.snowplow", "name": "page_view"}]}]}]}""");
        AttributeGroupDefinition group = definitions.attributeGroups().getFirst();
        return CompiledGroup.compile(group, group.attributeKey());
    }

    private static EnrichedEvent event(String name, String user, long minutes) {
        return new EnrichedEvent()
                .set(AtomicField.EVENT_ID, java.util.UUID.randomUUID().toString())
                .set(AtomicField.EVENT_VENDOR, SNOWPLOW)
                .set(AtomicField.EVENT_NAME, name)
                .set(AtomicField.EVENT_VERSION, "1-0-0")
                .set(AtomicField.APP_ID, "website")
                .set(AtomicField.DOMAIN_USERID, user)
                .set(AtomicField.DERIVED_TSTAMP, T0.plus(Duration.ofMinutes(minutes)));
    }

    private static EnrichedEvent view(String user, long minutes) {
        return event("page_view", user, minutes);
    }

    private static EnrichedEvent submit(String user, long minutes) {
        return event("submit_form", user, minutes);
    }

    private static JsonNode selection(String name) {
        return Json.parse("{\"events\": [{\"vendor\": \"" + SNOWPLOW + "\", \"name\": \"" + name + "\"}]}");
    }

    private static TrainingSetSpec spec(FeatureTime at, boolean keepCensored) {
        return new TrainingSetSpec(
                new GroupRef("visits", 1),
                selection("submit_form"),
                Duration.ofMinutes(60),
                selection("page_view"),
                null,
                null,
                at,
                keepCensored);
    }

    private static TrainingSet build(TrainingSetSpec spec, EnrichedEvent... events) {
        return new TrainingSetBuilder(GROUP, spec).build(List.of(events).iterator());
    }

    private static List<Object> values(long views, long views10m) {
        return List.of(views, views10m);
    }

    /** What the API serves for a prospect it has no state of. */
    private static List<Object> unknown() {
        return java.util.Arrays.asList(null, null);
    }

    @Test
    void shouldReadValuesFromEventsStrictlyBeforeEachAnchor() {
        TrainingSet set =
                build(spec(FeatureTime.BEFORE_ANCHOR, true), view("a", 0), view("a", 5), view("a", 20), view("a", 200));

        assertThat(set.rows())
                .extracting(TrainingRow::values)
                .containsExactly(unknown(), values(1, 1), values(2, 0), values(3, 0));
    }

    @Test
    void shouldIncludeTheAnchorEventWhenReadAfterIt() {
        TrainingSet set = build(spec(FeatureTime.AFTER_ANCHOR, true), view("a", 0), view("a", 5), view("a", 20));

        assertThat(set.rows())
                .extracting(TrainingRow::values)
                .containsExactly(values(1, 1), values(2, 2), values(3, 1));
    }

    @Test
    void shouldNotLetEventsOfTheSameMillisecondLeakIntoRowsReadBeforeTheAnchor() {
        TrainingSet set = build(spec(FeatureTime.BEFORE_ANCHOR, true), view("a", 0), view("a", 0), view("a", 1));

        assertThat(set.rows()).extracting(TrainingRow::values).containsExactly(unknown(), unknown(), values(2, 2));
    }

    @Test
    void shouldLabelRowsByAGoalWithinTheHorizonAndDropRowsFromTheFirstGoalOn() {
        TrainingSet set = build(
                spec(FeatureTime.BEFORE_ANCHOR, false),
                view("a", 0), // goal 70 min later: negative
                view("a", 10), // goal 60 min later, the horizon's end is inclusive: positive
                view("b", 20), // b never converts: negative once the horizon passes
                view("a", 50), // positive
                submit("a", 70),
                view("a", 70), // at the goal's instant: left out
                view("a", 90), // after the first goal: left out
                submit("a", 100),
                view("b", 200));

        assertThat(set.rows())
                .extracting(row ->
                        row.key() + "@" + Duration.between(T0, row.anchor()).toMinutes() + "=" + row.label())
                .containsExactly("a@0=false", "a@10=true", "b@20=false", "a@50=true");
        assertThat(set.afterConversion()).isEqualTo(2);
        assertThat(set.censored()).isEqualTo(1);
        assertThat(set.anchorsSeen()).isEqualTo(7);
    }

    @Test
    void shouldKeepCensoredRowsAsNegativesWhenAsked() {
        TrainingSet set = build(spec(FeatureTime.BEFORE_ANCHOR, true), view("a", 0), view("b", 30));

        assertThat(set.rows()).extracting(TrainingRow::label).containsExactly(false, false);
        assertThat(set.censored()).isZero();
    }

    @Test
    void shouldAnchorEveryIntervalWhileTheProspectIsActive() {
        TrainingSetSpec every = new TrainingSetSpec(
                new GroupRef("visits", 1),
                selection("submit_form"),
                Duration.ofMinutes(60),
                selection("page_view"),
                Duration.ofMinutes(2),
                Duration.ofMinutes(5),
                FeatureTime.BEFORE_ANCHOR,
                true);

        TrainingSet set = new TrainingSetBuilder(GROUP, every)
                .build(List.of(view("a", 0), view("a", 3), view("a", 30)).iterator());

        assertThat(set.rows())
                .extracting(row -> Duration.between(T0, row.anchor()).toMinutes() + ":"
                        + row.values().getFirst())
                .containsExactly("2:1", "5:2", "7:2", "32:3", "34:3");
    }

    @Test
    void shouldRefuseEventsOutOfTimeOrder() {
        TrainingSetBuilder builder = new TrainingSetBuilder(GROUP, spec(FeatureTime.BEFORE_ANCHOR, true));

        assertThatThrownBy(
                        () -> builder.build(List.of(view("a", 10), view("a", 5)).iterator()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must come in derived_tstamp order");
    }

    @Test
    void shouldMatchGoalsWithCriteriaAsAnAttributeWould() {
        JsonNode pricing = Json.parse("""
                {"events": [{"vendor": "com.snowplowanalytics.snowplow", "name": "page_view"}],
                 "criteria": {"all": [{"property": {"type": "atomic", "name": "page_url"},
                                       "operator": "like", "value": "%pricing%"}]}}""");
        TrainingSetSpec spec = new TrainingSetSpec(
                new GroupRef("visits", 1),
                pricing,
                Duration.ofMinutes(10),
                selection("page_view"),
                null,
                null,
                FeatureTime.AFTER_ANCHOR,
                true);
        List<EnrichedEvent> events = new ArrayList<>();
        events.add(view("a", 0).set(AtomicField.PAGE_URL, "https://www.acme.example/"));
        events.add(view("a", 4).set(AtomicField.PAGE_URL, "https://www.acme.example/blog"));
        events.add(view("a", 8).set(AtomicField.PAGE_URL, "https://www.acme.example/pricing"));

        TrainingSet set = new TrainingSetBuilder(GROUP, spec).build(events.iterator());

        assertThat(set.rows()).extracting(TrainingRow::label).containsExactly(true, true);
        assertThat(set.afterConversion()).isEqualTo(1);
    }
}
