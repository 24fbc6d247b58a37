package io.signalbox.attributes.core;

import static io.signalbox.attributes.core.AggregationTest.atomic;
import static io.signalbox.attributes.core.AggregationTest.attribute;
import static io.signalbox.attributes.core.AggregationTest.run;
import static io.signalbox.attributes.core.TestEvents.T0;
import static io.signalbox.attributes.core.TestEvents.compile;
import static io.signalbox.attributes.core.TestEvents.compileGroup;
import static io.signalbox.attributes.core.TestEvents.event;
import static io.signalbox.attributes.core.TestEvents.minutes;
import static io.signalbox.attributes.core.TestEvents.pageView;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signalbox.attributes.AttributeGroupDefinition;
import io.signalbox.attributes.AttributeKeyDefinition;
import io.signalbox.attributes.DefinitionParser;
import io.signalbox.events.AtomicField;
import io.signalbox.events.EnrichedEvent;
import io.signalbox.events.EnrichedTsv;
import io.signalbox.events.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CompiledGroupTest {
    static final String PV = AggregationTest.PV;

    @Test
    void shouldReadBuiltInAndCustomKeysAndSkipEventsWithoutOne() {
        CompiledGroup byUser = compile(attribute("c", "int32", "counter", PV));
        CompiledGroup byTier = compileGroup(
                "{\"name\":\"g\",\"attribute_key\":{\"name\":\"tier\",\"property\":{\"type\":\"entity\","
                        + "\"vendor\":\"com.acme\",\"name\":\"user\",\"major_version\":1,\"path\":\"id\"}},"
                        + "\"attributes\":[" + attribute("c", "int32", "counter", PV) + "]}",
                CoreLimits.DEFAULT);
        EnrichedEvent withEntity = pageView(T0)
                .entity("iglu:com.acme/user/jsonschema/1-0-0", "{\"id\":42}")
                .build();
        EnrichedEvent anonymous = pageView(T0).user(null).build();

        assertThat(byUser.keyOf(withEntity)).isEqualTo("u1");
        assertThat(byTier.keyOf(withEntity)).isEqualTo("42");
        assertThat(byUser.keyOf(anonymous)).isNull();
        assertThat(byTier.keyOf(anonymous)).isNull();
        assertThat(byUser.isRelevant(withEntity)).isTrue();
        assertThat(byUser.isRelevant(anonymous)).isFalse();
        assertThat(byUser.isRelevant(event("page_ping", T0).build())).isFalse();
    }

    @Test
    void shouldMatchSelectorsWithWildcardsAndAllEventsWhenNoneAreGiven() {
        CompiledGroup group = compile(attribute("any", "int32", "counter", "") + ","
                + attribute("vendor", "int32", "counter", "\"events\":[{\"vendor\":\"com.acme\"}]") + ","
                + attribute(
                        "version",
                        "int32",
                        "counter",
                        "\"events\":[{\"name\":\"checkout\",\"version\":\"2-0-0\"},{\"name\":\"page_view\"}]"));
        ProfileState state = run(
                group,
                pageView(minutes(0)).build(),
                event("checkout", minutes(1))
                        .name("com.acme", "checkout", "1-0-0")
                        .build(),
                event("checkout", minutes(2))
                        .name("com.acme", "checkout", "2-0-0")
                        .build(),
                event("page_ping", minutes(3)).build());

        assertThat(group.values(state, minutes(3)))
                .containsEntry("any", 4)
                .containsEntry("vendor", 2)
                .containsEntry("version", 2);
    }

    @Test
    void shouldFilterEventsWithAllAndAnyCriteria() {
        String criteria = "\"criteria\":{\"all\":[{\"property\":{\"type\":\"atomic\",\"name\":\"page_url\"},"
                + "\"operator\":\"like\",\"value\":\"%pricing%\"}],\"any\":["
                + "{\"property\":{\"type\":\"atomic\",\"name\":\"app_id\"},\"operator\":\"=\",\"value\":\"web\"},"
                + "{\"property\":{\"type\":\"atomic\",\"name\":\"br_viewwidth\"},\"operator\":\">\",\"value\":1000}]}";
        CompiledGroup group = compile(attribute("c", "int32", "counter", PV + "," + criteria));
        ProfileState state = run(
                group,
                pageView(minutes(0))
                        .url("/pricing")
                        .set(AtomicField.APP_ID, "web")
                        .build(),
                pageView(minutes(1))
                        .url("/pricing")
                        .set(AtomicField.BR_VIEWWIDTH, 1280)
                        .build(),
                pageView(minutes(2))
                        .url("/pricing")
                        .set(AtomicField.BR_VIEWWIDTH, 800)
                        .build(),
                pageView(minutes(3)).url("/home").set(AtomicField.APP_ID, "web").build());

        assertThat(group.value(state, "c", minutes(3))).isEqualTo(2);
    }

    @Test
    void shouldExpireLifetimeValuesTtlAfterTheirNewestEventAndStartAfresh() {
        CompiledGroup group = compileGroup(
                "{\"name\":\"g\",\"ttl\":\"PT2H\",\"attribute_key\":{\"name\":\"domain_userid\",\"ttl\":\"P1D\"},"
                        + "\"attributes\":[" + attribute("group_ttl", "int32", "counter", PV) + ","
                        + attribute("own_ttl", "int32", "counter", PV + ",\"ttl\":\"PT1H\"") + ","
                        + attribute("pages", "string_list", "unique_list", PV + "," + atomic("page_url")) + "]}",
                CoreLimits.DEFAULT);
        ProfileState state = run(
                group,
                pageView(minutes(0)).url("/a").build(),
                pageView(minutes(50)).url("/b").build());

        assertThat(group.value(state, "own_ttl", minutes(109))).isEqualTo(2);
        assertThat(group.value(state, "own_ttl", minutes(110))).isEqualTo(0);
        assertThat(group.value(state, "group_ttl", minutes(169))).isEqualTo(2);
        assertThat(group.value(state, "pages", minutes(170))).isEqualTo(List.of());
        assertThat(group.expiresAt(state)).isEqualTo(minutes(170));

        group.apply(state, pageView(minutes(115)).url("/c").build());
        assertThat(group.value(state, "own_ttl", minutes(115)))
                .as("restarted after expiry")
                .isEqualTo(1);
        assertThat(group.value(state, "group_ttl", minutes(115))).isEqualTo(3);

        group.apply(state, pageView(minutes(112)).url("/late").build());
        assertThat(group.value(state, "own_ttl", minutes(115)))
                .as("late event joins the run")
                .isEqualTo(2);
        group.apply(state, pageView(minutes(40)).build());
        assertThat(group.value(state, "own_ttl", minutes(115)))
                .as("belongs to an expired run")
                .isEqualTo(2);
        group.apply(state, pageView(minutes(80)).build());
        assertThat(group.value(state, "own_ttl", minutes(115)))
                .as("documented limit: it would bridge to the expired run of 0 and 50, which stays expired")
                .isEqualTo(3);
    }

    @Test
    void shouldUseTheKeyTtlWhenNeitherAttributeNorGroupHasOne() {
        AttributeGroupDefinition group = DefinitionParser.parseAttributeGroup(
                Json.parse("{\"name\":\"g\",\"attribute_key\":{\"name\":\"domain_userid\"},\"attributes\":["
                        + attribute("c", "int32", "counter", PV) + "]}"));
        AttributeKeyDefinition key = new AttributeKeyDefinition(
                "domain_userid", "domain_userid", null, null, Duration.ofHours(1), null, null, true);
        CompiledGroup compiled = CompiledGroup.compile(group, key);
        ProfileState state = run(compiled, pageView(minutes(0)).build());

        assertThat(compiled.value(state, "c", minutes(59))).isEqualTo(1);
        assertThat(compiled.value(state, "c", minutes(60))).isEqualTo(0);
    }

    @Test
    void shouldReportExpiryAndLastEventTime() {
        CompiledGroup windowed = compile(attribute("w", "int32", "counter", PV + ",\"period\":\"PT1H\"") + ","
                + attribute("w2", "int32", "counter", PV + ",\"period\":\"PT2H\""));
        CompiledGroup lifetime = compile(attribute("c", "int32", "counter", PV));
        ProfileState state = run(
                windowed, pageView(minutes(10)).build(), pageView(minutes(5)).build());

        assertThat(windowed.expiresAt(windowed.newState())).isEqualTo(Instant.MIN);
        assertThat(windowed.lastEventTime(windowed.newState())).isNull();
        assertThat(windowed.expiresAt(state)).isEqualTo(minutes(130));
        assertThat(windowed.lastEventTime(state)).isEqualTo(minutes(10));
        assertThat(lifetime.expiresAt(run(lifetime, pageView(T0).build()))).isNull();
    }

    @Test
    void shouldRefuseStatesOfAnotherGroupAndUnknownAttributes() {
        CompiledGroup one = compile(attribute("c", "int32", "counter", PV));
        CompiledGroup two = compile(attribute("c", "int32", "counter", PV));

        assertThatThrownBy(() -> two.apply(one.newState(), pageView(T0).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("attribute group 'g' v1");
        assertThatThrownBy(() -> one.value(one.newState(), "nope", T0))
                .hasMessage("attribute group 'g' v1 has no attribute 'nope'");
    }

    @Test
    void shouldRefuseKeysThatCannotBeReadFromEvents() {
        AttributeGroupDefinition group = DefinitionParser.parseAttributeGroup(Json.parse(
                "{\"name\":\"g\",\"attribute_key\":{\"name\":\"CUSTOMER_ID\",\"external_column\":\"CUSTOMER_ID\"},"
                        + "\"attributes\":[" + attribute("c", "int32", "counter", PV) + "]}"));

        assertThatThrownBy(() -> CompiledGroup.compile(group, group.attributeKey()))
                .hasMessage("attribute group 'g' v1: attribute key 'CUSTOMER_ID' has no property or atomic column to "
                        + "read from events");
    }

    @Test
    void shouldReadEventsWhoseJsonIsParsedLazilyFromTsv() {
        CompiledGroup group = compile(attribute(
                "tier",
                "string",
                "last",
                PV + ",\"property\":{\"type\":\"entity\",\"vendor\":\"com.acme\",\"name\":\"user\","
                        + "\"major_version\":1,\"path\":\"tier\"}"));
        EnrichedEvent parsed = EnrichedTsv.parse(EnrichedTsv.format(pageView(T0)
                .entity("iglu:com.acme/user/jsonschema/1-0-0", "{\"tier\":\"gold\"}")
                .build()));

        assertThat(group.value(run(group, parsed), "tier", T0)).isEqualTo("gold");
    }

    @Test
    void shouldEncodeAndDecodeEveryKindOfStateWithoutChangingValues() {
        CompiledGroup group = everything(new CoreLimits(8, 16, 5));
        ProfileState state = group.newState();
        Random random = new Random(7);
        for (int i = 0; i < 400; i++) {
            group.apply(state, randomEvent(random, i));
            if (i % 37 == 0) {
                ProfileState decoded = group.decode(group.encode(state));
                assertThat(group.values(decoded, minutes(i))).isEqualTo(group.values(state, minutes(i)));
                state = decoded;
            }
        }
        byte[] bytes = group.encode(state);
        ProfileState decoded = group.decode(bytes);

        assertThat(bytes[0]).isEqualTo((byte) CompiledGroup.FORMAT_VERSION);
        assertThat(group.encode(decoded)).isEqualTo(bytes);
        for (long offset : new long[] {0, 30, 60, 600, 6000}) {
            Instant asOf = minutes(400 + offset);
            assertThat(group.values(decoded, asOf)).isEqualTo(group.values(state, asOf));
        }
        assertThat(group.lastEventTime(decoded)).isEqualTo(group.lastEventTime(state));
        assertThat(group.expiresAt(decoded)).isEqualTo(group.expiresAt(state));
    }

    @Test
    void shouldRejectGarbageWrongVersionsAndOtherLayouts() {
        CompiledGroup group = everything(CoreLimits.DEFAULT);
        CompiledGroup other = compile(attribute("c", "int32", "counter", PV));
        ProfileState state = group.newState();
        Random random = new Random(3);
        for (int i = 0; i < 100; i++) {
            group.apply(state, randomEvent(random, i));
        }
        byte[] bytes = group.encode(state);

        byte[] version = bytes.clone();
        version[0] = 9;
        assertThatThrownBy(() -> group.decode(version))
                .isInstanceOf(StateFormatException.class)
                .hasMessageContaining("format version 9 is not the version 1 this build reads");
        assertThatThrownBy(() -> other.decode(bytes))
                .isInstanceOf(StateFormatException.class)
                .hasMessageContaining("written for another layout of the group");
        assertThatThrownBy(() -> group.decode(new byte[0]))
                .isInstanceOf(StateFormatException.class)
                .hasMessageContaining("ends early at byte 0");
        assertThatThrownBy(() -> group.decode(java.util.Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(StateFormatException.class);
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> group.decode(longer)).hasMessageContaining("1 bytes are left over");
        for (int i = 0; i < 2_000; i++) {
            byte[] corrupt = bytes.clone();
            corrupt[5 + random.nextInt(bytes.length - 5)] ^= (byte) (1 + random.nextInt(255));
            try {
                group.values(group.decode(corrupt), minutes(100));
            } catch (StateFormatException expected) {
                assertThat(expected.getMessage()).startsWith("cannot read the profile state of attribute group 'g' v1");
            }
        }
    }

    /** A group with one attribute of every aggregation, windowed and lifetime. */
    static CompiledGroup everything(CoreLimits limits) {
        String url = atomic("page_url");
        String number = atomic("br_viewwidth");
        StringBuilder attributes = new StringBuilder();
        String[][] kinds = {
            {"counter", "int32", ""},
            {"sum", "double", number},
            {"min", "int32", number},
            {"max", "int64", number},
            {"mean", "double", number},
            {"first", "string", url},
            {"last", "string", url},
            {"unique_list", "string_list", url},
            {"most_frequent", "string", url},
            {"least_frequent", "string", url},
            {"category_count", "dict", url},
            {"approx_count_distinct", "int32", url},
            {"time_since_last", "double", "\"time_unit\":\"min\""},
            {"time_since_first", "double", "\"time_unit\":\"h\""},
            {"time_since_last", "double", "\"time_unit\":\"s\"," + atomic("dvce_created_tstamp")},
        };
        for (int i = 0; i < kinds.length; i++) {
            String rest = kinds[i][2].isEmpty() ? PV : PV + "," + kinds[i][2];
            for (String period : new String[] {null, "PT1H", "PT20M"}) {
                String name = kinds[i][0] + i + (period == null ? "" : "_" + period.toLowerCase());
                String more =
                        period == null ? (i % 3 == 0 ? ",\"ttl\":\"PT30M\"" : "") : ",\"period\":\"" + period + "\"";
                if (!attributes.isEmpty()) {
                    attributes.append(',');
                }
                attributes.append(attribute(name, kinds[i][1], kinds[i][0], rest + more));
            }
        }
        return compile(attributes.toString(), limits);
    }

    static EnrichedEvent randomEvent(Random random, int minute) {
        int jitter = random.nextInt(40);
        return pageView(minutes(minute - jitter).plusMillis(random.nextInt(1000)))
                .url("/p" + random.nextInt(12))
                .set(AtomicField.BR_VIEWWIDTH, random.nextInt(2000))
                .set(AtomicField.DVCE_CREATED_TSTAMP, minutes(minute - 1))
                .build();
    }
}
