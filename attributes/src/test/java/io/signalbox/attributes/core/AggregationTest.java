package io.signalbox.attributes.core;

import static io.signalbox.attributes.core.TestEvents.T0;
import static io.signalbox.attributes.core.TestEvents.compile;
import static io.signalbox.attributes.core.TestEvents.event;
import static io.signalbox.attributes.core.TestEvents.minutes;
import static io.signalbox.attributes.core.TestEvents.pageView;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.signalbox.events.AtomicField;
import io.signalbox.events.EnrichedEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AggregationTest {
    static final String PV = "\"events\":[{\"name\":\"page_view\"}]";

    static ProfileState run(CompiledGroup group, EnrichedEvent... events) {
        ProfileState state = group.newState();
        for (EnrichedEvent event : events) {
            group.apply(state, event);
        }
        return state;
    }

    static String attribute(String name, String type, String aggregation, String rest) {
        return "{\"name\":\"" + name + "\",\"type\":\"" + type + "\",\"aggregation\":\"" + aggregation + "\""
                + (rest.isEmpty() ? "" : "," + rest) + "}";
    }

    static String atomic(String column) {
        return "\"property\":{\"type\":\"atomic\",\"name\":\"" + column + "\"}";
    }

    @Test
    void shouldCountLifetimeAndWindowedEventsAndDecayWithoutNewEvents() {
        CompiledGroup group = compile(attribute("all", "int32", "counter", PV) + ","
                + attribute("hour", "int64", "counter", PV + ",\"period\":\"PT1H\"") + ","
                + attribute("pings", "double", "counter", "\"events\":[{\"name\":\"page_ping\"}]"));
        ProfileState state = run(
                group,
                pageView(minutes(0)).build(),
                pageView(minutes(30)).build(),
                event("page_ping", minutes(31)).build(),
                pageView(minutes(50)).build());

        assertThat(group.values(state, minutes(50)))
                .containsExactly(Map.entry("all", 3), Map.entry("hour", 3L), Map.entry("pings", 1.0));
        assertThat(group.value(state, "hour", minutes(60))).isEqualTo(2L);
        assertThat(group.value(state, "hour", minutes(90))).isEqualTo(1L);
        assertThat(group.value(state, "hour", minutes(110))).isEqualTo(0L);
        assertThat(group.value(state, "all", minutes(10_000))).isEqualTo(3);
    }

    @Test
    void shouldHoldTheWindowEdgesExactlyToTheMillisecond() {
        CompiledGroup group = compile(attribute("w", "int32", "counter", PV + ",\"period\":\"PT1H\""));
        ProfileState state = run(group, pageView(T0).build());

        assertThat(group.value(state, "w", T0)).isEqualTo(1);
        assertThat(group.value(state, "w", T0.plus(Duration.ofHours(1)).minusMillis(1)))
                .isEqualTo(1);
        assertThat(group.value(state, "w", T0.plus(Duration.ofHours(1)))).isEqualTo(0);
    }

    @Test
    void shouldCountLateEventsInTheWindowsTheyBelongTo() {
        CompiledGroup group = compile(attribute("w", "int32", "counter", PV + ",\"period\":\"PT1H\""));
        ProfileState state = run(group, pageView(minutes(100)).build());

        assertThat(group.apply(state, pageView(minutes(50)).build())).isTrue();
        assertThat(group.apply(state, pageView(minutes(40)).build()))
                .as("older than newest - period: no future window can hold it")
                .isFalse();
        assertThat(group.value(state, "w", minutes(100))).isEqualTo(2);
        assertThat(group.value(state, "w", minutes(111))).isEqualTo(1);
        assertThat(group.lastEventTime(state)).isEqualTo(minutes(100));
    }

    @Test
    void shouldOrderFirstAndLastByEventTimeWithArrivalBreakingTies() {
        String url = atomic("page_url");
        CompiledGroup group = compile(attribute("first", "string", "first", PV + "," + url) + ","
                + attribute("last", "string", "last", PV + "," + url) + ","
                + attribute("first_w", "string", "first", PV + "," + url + ",\"period\":\"P1D\"") + ","
                + attribute("last_w", "string", "last", PV + "," + url + ",\"period\":\"P1D\""));
        ProfileState state = run(
                group,
                pageView(minutes(10)).url("/b").build(),
                pageView(minutes(5)).url("/a").build(),
                pageView(minutes(5)).url("/a2").build(),
                pageView(minutes(20)).url("/c").build(),
                pageView(minutes(20)).url("/c2").build(),
                pageView(minutes(15)).url("/late").build());

        assertThat(group.values(state, minutes(20)))
                .containsExactly(
                        Map.entry("first", "/a"),
                        Map.entry("last", "/c2"),
                        Map.entry("first_w", "/a"),
                        Map.entry("last_w", "/c2"));
        assertThat(group.value(state, "first_w", minutes(5 + 24 * 60))).isEqualTo("/b");
        assertThat(group.value(state, "last_w", minutes(20 + 24 * 60))).isNull();
    }

    @Test
    void shouldListUniqueValuesByWhenTheyWereLastSeen() {
        String url = atomic("page_url");
        CompiledGroup group = compile(attribute("pages", "string_list", "unique_list", PV + "," + url) + ","
                + attribute("pages_1h", "string_list", "unique_list", PV + "," + url + ",\"period\":\"PT1H\""));
        ProfileState state = run(
                group,
                pageView(minutes(0)).url("/home").build(),
                pageView(minutes(10)).url("/products").build(),
                pageView(minutes(20)).url("/home").build(),
                pageView(minutes(30)).url("/pricing").build(),
                pageView(minutes(5)).url("/pricing").build(),
                pageView(minutes(15)).url("/faq").build());

        assertThat(group.value(state, "pages", minutes(30)))
                .isEqualTo(List.of("/products", "/faq", "/home", "/pricing"));
        assertThat(group.value(state, "pages_1h", minutes(30)))
                .isEqualTo(List.of("/products", "/faq", "/home", "/pricing"));
        assertThat(group.value(state, "pages_1h", minutes(74))).isEqualTo(List.of("/faq", "/home", "/pricing"));
        assertThat(group.value(state, "pages_1h", minutes(75))).isEqualTo(List.of("/home", "/pricing"));
        assertThat(group.value(state, "pages_1h", minutes(90))).isEqualTo(List.of());
    }

    @Test
    void shouldKeepOnlyTheMostRecentValuesPastTheDistinctCap() {
        CompiledGroup group = compile(
                attribute("pages", "string_list", "unique_list", PV + "," + atomic("page_url")),
                new CoreLimits(4096, 1024, 3));
        ProfileState state = run(
                group,
                pageView(minutes(1)).url("/a").build(),
                pageView(minutes(2)).url("/b").build(),
                pageView(minutes(3)).url("/c").build(),
                pageView(minutes(4)).url("/d").build(),
                pageView(minutes(0)).url("/old").build(),
                pageView(minutes(5)).url("/b").build());

        assertThat(group.value(state, "pages", minutes(5))).isEqualTo(List.of("/c", "/d", "/b"));
    }

    @Test
    void shouldPickMostAndLeastFrequentWithTiesToTheSmallestValueAndCountCategories() {
        String app = atomic("app_id");
        CompiledGroup group = compile(attribute("most", "string", "most_frequent", app) + ","
                + attribute("least", "string", "least_frequent", app) + ","
                + attribute("counts", "dict", "category_count", app) + ","
                + attribute("most_1h", "string", "most_frequent", app + ",\"period\":\"PT1H\""));
        ProfileState state = run(
                group,
                pageView(minutes(0)).set(AtomicField.APP_ID, "web").build(),
                pageView(minutes(1)).set(AtomicField.APP_ID, "shop").build(),
                pageView(minutes(2)).set(AtomicField.APP_ID, "docs").build(),
                pageView(minutes(70)).set(AtomicField.APP_ID, "shop").build(),
                pageView(minutes(71)).set(AtomicField.APP_ID, "web").build(),
                pageView(minutes(72)).set(AtomicField.APP_ID, "web").build());

        assertThat(group.value(state, "most", minutes(72))).isEqualTo("web");
        assertThat(group.value(state, "least", minutes(72))).isEqualTo("docs");
        assertThat(group.value(state, "counts", minutes(72)))
                .isEqualTo(Map.of("web", 3L, "shop", 2L, "docs", 1L))
                .satisfies(counts -> assertThat(List.copyOf(((Map<?, ?>) counts).keySet()))
                        .isEqualTo(List.of("web", "shop", "docs")));
        assertThat(group.value(state, "most_1h", minutes(72))).isEqualTo("web");
        assertThat(group.value(state, "most_1h", minutes(131))).isEqualTo("web");
        assertThat(group.value(state, "most_1h", minutes(132))).isNull();
    }

    @Test
    void shouldAggregateNumbersOfEveryKindAndRoundForIntegerTypes() {
        String total = atomic("tr_total");
        CompiledGroup group = compile(attribute("sum", "double", "sum", total) + ","
                + attribute("sum_int", "int32", "sum", total) + ","
                + attribute("min", "double", "min", total) + ","
                + attribute("max", "int64", "max", total) + ","
                + attribute("mean", "double", "mean", total) + ","
                + attribute("colours", "int32", "max", atomic("br_colordepth")) + ","
                + attribute("mean_1h", "float", "mean", total + ",\"period\":\"PT1H\""));
        ProfileState state = run(
                group,
                event("transaction", minutes(0))
                        .set(AtomicField.TR_TOTAL, new BigDecimal("10.25"))
                        .build(),
                event("transaction", minutes(10))
                        .set(AtomicField.TR_TOTAL, new BigDecimal("2.5"))
                        .set(AtomicField.BR_COLORDEPTH, "24")
                        .build(),
                event("transaction", minutes(90))
                        .set(AtomicField.TR_TOTAL, new BigDecimal("-1"))
                        .set(AtomicField.BR_COLORDEPTH, "n/a")
                        .build());

        assertThat(group.values(state, minutes(90)))
                .containsEntry("sum", 11.75)
                .containsEntry("sum_int", 12)
                .containsEntry("min", -1.0)
                .containsEntry("max", 10L)
                .containsEntry("colours", 24)
                .containsEntry("mean_1h", -1.0);
        assertThat((Double) group.value(state, "mean", minutes(90))).isCloseTo(11.75 / 3, within(1e-12));
    }

    @Test
    void shouldMeasureTimeSinceFirstAndLastInTheTimeUnitClampedAtZero() {
        CompiledGroup group = compile(attribute(
                        "since_last", "double", "time_since_last", PV + ",\"time_unit\":\"min\"")
                + "," + attribute("since_first", "double", "time_since_first", PV + ",\"time_unit\":\"h\"") + ","
                + attribute(
                        "since_created",
                        "double",
                        "time_since_last",
                        PV + ",\"time_unit\":\"s\",\"property\":{\"type\":\"atomic\",\"name\":\"dvce_created_tstamp\"}")
                + ","
                + attribute(
                        "since_last_1h",
                        "double",
                        "time_since_last",
                        PV + ",\"time_unit\":\"min\",\"period\":\"PT1H\""));
        ProfileState state = run(
                group,
                pageView(minutes(30))
                        .set(AtomicField.DVCE_CREATED_TSTAMP, minutes(29))
                        .build(),
                pageView(minutes(0)).build());

        assertThat(group.values(state, minutes(90)))
                .containsEntry("since_last", 60.0)
                .containsEntry("since_first", 1.5)
                .containsEntry("since_created", 61.0 * 60)
                .containsEntry("since_last_1h", null);
        assertThat(group.value(state, "since_last_1h", minutes(45))).isEqualTo(15.0);
        assertThat(group.value(state, "since_last", minutes(10))).isEqualTo(0.0);
    }

    @Test
    void shouldCountDistinctValuesExactlyWhenFewAndWithinTheErrorWhenMany() {
        CompiledGroup group =
                compile(attribute("pages", "int64", "approx_count_distinct", PV + "," + atomic("page_url"))
                        + ","
                        + attribute(
                                "pages_1h",
                                "int32",
                                "approx_count_distinct",
                                PV + "," + atomic("page_url") + ",\"period\":\"PT1H\""));
        ProfileState state = group.newState();
        for (int i = 0; i < 100_000; i++) {
            group.apply(
                    state, pageView(T0.plusMillis(i)).url("/p" + (i % 50_000)).build());
        }

        assertThat((Long) group.value(state, "pages", T0.plusMillis(100_000)))
                .isCloseTo(50_000L, within(Math.round(50_000 * 3 * 1.04 / 128)));
        ProfileState few = run(
                group,
                pageView(minutes(0)).url("/a").build(),
                pageView(minutes(1)).url("/b").build(),
                pageView(minutes(2)).url("/a").build());
        assertThat(group.value(few, "pages", minutes(2))).isEqualTo(2L);
        assertThat(group.value(few, "pages_1h", minutes(60))).isEqualTo(2);
        assertThat(group.value(few, "pages_1h", minutes(61))).isEqualTo(1);
        group.apply(few, pageView(minutes(70)).url("/c").build());
        assertThat(group.value(few, "pages", minutes(70))).isEqualTo(3L);
        assertThat(group.value(few, "pages_1h", minutes(70))).isEqualTo(1);
    }

    @Test
    void shouldReadDatePartsInUtc() {
        String tstamp = "\"property\":{\"type\":\"atomic\",\"name\":\"derived_tstamp\",\"date_part\":\"%s\"}";
        CompiledGroup group = compile(attribute("hour", "int32", "last", PV + "," + tstamp.formatted("hour_of_day"))
                + "," + attribute("dow", "int64", "last", PV + "," + tstamp.formatted("day_of_week")) + ","
                + attribute("month", "int32", "last", PV + "," + tstamp.formatted("month_of_year")) + ","
                + attribute("day", "string", "last", PV + "," + tstamp.formatted("active_day")) + ","
                + attribute("week", "string", "last", PV + "," + tstamp.formatted("active_week")) + ","
                + attribute("months", "string_list", "unique_list", PV + "," + tstamp.formatted("active_month")) + ","
                + attribute("hours", "dict", "category_count", PV + "," + tstamp.formatted("hour_of_day")));
        ProfileState state = run(
                group,
                pageView(Instant.parse("2025-03-30T23:59:59.999Z")).build(),
                pageView(Instant.parse("2025-04-27T23:10:00Z")).build());

        assertThat(group.values(state, Instant.parse("2025-04-28T00:00:00Z")))
                .containsEntry("hour", 23)
                .containsEntry("dow", 7L)
                .containsEntry("month", 4)
                .containsEntry("day", "2025-04-27")
                .containsEntry("week", "2025-04-21")
                .containsEntry("months", List.of("2025-03-01", "2025-04-01"))
                .containsEntry("hours", Map.of("23", 2L));
    }

    @Test
    void shouldReadEntityFieldsByIndexAcrossSentAndDerivedEntities() {
        String user = "\"property\":{\"type\":\"entity\",\"vendor\":\"com.acme\",\"name\":\"user\","
                + "\"major_version\":1,\"path\":\"tier\",\"index\":%d}";
        CompiledGroup group = compile(attribute("tier0", "string", "last", PV + "," + user.formatted(0)) + ","
                + attribute("tier1", "string", "last", PV + "," + user.formatted(1)) + ","
                + attribute("tier2", "string", "last", PV + "," + user.formatted(2)));
        ProfileState state = run(
                group,
                pageView(minutes(0))
                        .entity("iglu:com.acme/user/jsonschema/1-0-0", "{\"tier\":\"gold\"}")
                        .entity("iglu:com.acme/other/jsonschema/1-0-0", "{\"tier\":\"other\"}")
                        .entity("iglu:com.acme/user/jsonschema/2-0-0", "{\"tier\":\"v2\"}")
                        .derivedEntity("iglu:com.acme/user/jsonschema/1-1-0", "{\"tier\":\"silver\"}")
                        .build());

        assertThat(group.values(state, minutes(0)))
                .containsEntry("tier0", "gold")
                .containsEntry("tier1", "silver")
                .containsEntry("tier2", null);
    }

    @Test
    void shouldReadEventFieldsWithJsonPathIndexes() {
        String item = "\"property\":{\"type\":\"event\",\"vendor\":\"com.acme\",\"name\":\"checkout\","
                + "\"major_version\":1,\"path\":\"%s\"}";
        CompiledGroup group = compile(attribute("skus", "string_list", "unique_list", item.formatted("$.items[1].sku"))
                + "," + attribute("total", "double", "sum", item.formatted("cart.total")) + ","
                + attribute("qty", "int32", "max", item.formatted("items[0].qty")));
        String uri = "iglu:com.acme/checkout/jsonschema/1-0-2";
        ProfileState state = run(
                group,
                event("checkout", minutes(0))
                        .unstruct(
                                uri,
                                "{\"cart\":{\"total\":12.5},\"items\":[{\"sku\":\"a\",\"qty\":2},{\"sku\":\"b\"}]}")
                        .build(),
                event("checkout", minutes(1))
                        .unstruct(uri, "{\"cart\":{\"total\":\"7.5\"},\"items\":[{\"sku\":\"c\",\"qty\":\"x\"}]}")
                        .build(),
                event("checkout", minutes(2))
                        .unstruct("iglu:com.acme/checkout/jsonschema/2-0-0", "{\"cart\":{\"total\":100}}")
                        .build());

        assertThat(group.values(state, minutes(2)))
                .containsEntry("skus", List.of("b"))
                .containsEntry("total", 20.0)
                .containsEntry("qty", 2);
    }

    @Test
    void shouldLeaveValuesUnchangedWhenThePropertyIsMissing() {
        CompiledGroup group = compile(attribute("last", "string", "last", PV + "," + atomic("refr_medium")));
        ProfileState state = run(
                group,
                pageView(minutes(0)).set(AtomicField.REFR_MEDIUM, "search").build(),
                pageView(minutes(1)).build());

        assertThat(group.value(state, "last", minutes(1))).isEqualTo("search");
        assertThat(group.apply(state, pageView(minutes(2)).build())).isFalse();
    }

    @Test
    void shouldApplyDefaultsByTypeUnlessDefaultValueIsSet() {
        String url = atomic("page_url");
        CompiledGroup group = compile(attribute("c", "int32", "counter", PV) + ","
                + attribute("c7", "double", "counter", PV + ",\"default_value\":7") + ","
                + attribute("d", "int32", "approx_count_distinct", PV + "," + url) + ","
                + attribute("cc", "dict", "category_count", PV + "," + url) + ","
                + attribute("cc_set", "dict", "category_count", PV + "," + url + ",\"default_value\":{\"none\":0}")
                + ","
                + attribute("ul", "string_list", "unique_list", PV + "," + url) + ","
                + attribute(
                        "ul_set",
                        "int32_list",
                        "unique_list",
                        PV + "," + atomic("br_viewwidth") + ",\"default_value\":[1,2]")
                + ","
                + attribute("last", "string", "last", PV + "," + url + ",\"default_value\":\"none\"") + ","
                + attribute(
                        "ts",
                        "unix_timestamp",
                        "last",
                        PV + "," + atomic("dvce_created_tstamp") + ",\"default_value\":\"2025-01-01T00:00:00Z\"")
                + ","
                + attribute("max", "double", "max", PV + "," + atomic("br_viewwidth")));

        Map<String, Object> expected = new java.util.LinkedHashMap<>();
        expected.put("c", 0);
        expected.put("c7", 7.0);
        expected.put("d", 0);
        expected.put("cc", Map.of());
        expected.put("cc_set", Map.of("none", 0L));
        expected.put("ul", List.of());
        expected.put("ul_set", List.of(1, 2));
        expected.put("last", "none");
        expected.put("ts", "2025-01-01T00:00:00.000Z");
        expected.put("max", null);

        assertThat(group.values(group.newState(), T0)).containsExactlyEntriesOf(expected);
    }

    @Test
    void shouldWriteTypedOutputs() {
        CompiledGroup group =
                compile(attribute("ts", "unix_timestamp", "last", PV + "," + atomic("dvce_created_tstamp"))
                        + "," + attribute("cookies", "bool", "last", PV + "," + atomic("br_cookies")) + ","
                        + attribute("width", "int64_list", "unique_list", PV + "," + atomic("br_viewwidth")) + ","
                        + attribute("width_text", "string", "first", PV + "," + atomic("br_viewwidth")));
        ProfileState state = run(
                group,
                pageView(minutes(0))
                        .set(AtomicField.DVCE_CREATED_TSTAMP, Instant.parse("2025-04-01T00:00:00.5Z"))
                        .set(AtomicField.BR_COOKIES, true)
                        .set(AtomicField.BR_VIEWWIDTH, 1280)
                        .build());

        assertThat(group.values(state, minutes(0)))
                .containsEntry("ts", "2025-04-01T00:00:00.500Z")
                .containsEntry("cookies", true)
                .containsEntry("width", List.of(1280L))
                .containsEntry("width_text", "1280");
    }
}
