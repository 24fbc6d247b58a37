package io.signalbox.attributes.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.attributes.DefinitionParser;
import io.signalbox.attributes.InterventionDefinition;
import io.signalbox.events.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InterventionRuleTest {

    static InterventionRule rule(String criteria) {
        InterventionDefinition definition =
                DefinitionParser.parseIntervention(Json.parse("{\"name\":\"i\",\"criteria\":" + criteria + "}"));
        return InterventionRule.compile(definition);
    }

    static Map<String, Object> values(Object... pairs) {
        Map<String, Object> values = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
        }
        return values;
    }

    static final String CART_NUDGE = """
            {"all":[{"attribute":"web:views","operator":">=","value":3},
                    {"none":[{"attribute":"web:referrer","operator":"=","value":"email"}]},
                    {"any":[{"attribute":"shop:cart","operator":">","value":50},
                            {"attribute":"shop:vip","operator":"is not null"}]}]}""";

    @Test
    void shouldEvaluateNestedAllAnyAndNone() {
        InterventionRule rule = rule(CART_NUDGE);

        assertThat(rule.matches(values("web:views", 3, "shop:cart", 50.5)::get)).isTrue();
        assertThat(rule.matches(values("web:views", 3L, "shop:vip", true)::get)).isTrue();
        assertThat(rule.matches(values("web:views", 3, "shop:cart", 50)::get)).isFalse();
        assertThat(rule.matches(values("web:views", 3, "shop:cart", 51, "web:referrer", "email")::get))
                .isFalse();
        assertThat(rule.matches(values("web:views", 2.0, "shop:cart", 51)::get)).isFalse();
        assertThat(rule.matches(values()::get)).isFalse();
        assertThat(rule.references()).containsExactly("web:views", "web:referrer", "shop:cart", "shop:vip");
        assertThat(rule.usesChanged()).isFalse();
    }

    @Test
    void shouldTreatMissingValuesAsFalseExceptUnderIsNull() {
        assertThat(rule("{\"attribute\":\"g:a\",\"operator\":\"!=\",\"value\":1}")
                        .matches(values()::get))
                .isFalse();
        assertThat(rule("{\"attribute\":\"g:a\",\"operator\":\"not in\",\"value\":[1]}")
                        .matches(values()::get))
                .isFalse();
        assertThat(rule("{\"attribute\":\"g:a\",\"operator\":\"is null\"}").matches(values()::get))
                .isTrue();
        assertThat(rule("{\"none\":[{\"attribute\":\"g:a\",\"operator\":\"=\",\"value\":1}]}")
                        .matches(values()::get))
                .isTrue();
    }

    @Test
    void shouldTestListAttributesWithScalarInAndPatterns() {
        Map<String, Object> profile = values("g:skus", List.of("sku1", "sku2"), "g:url", "/pricing/team");

        assertThat(rule("{\"attribute\":\"g:skus\",\"operator\":\"in\",\"value\":\"sku2\"}")
                        .matches(profile::get))
                .isTrue();
        assertThat(rule("{\"attribute\":\"g:skus\",\"operator\":\"not in\",\"value\":\"sku3\"}")
                        .matches(profile::get))
                .isTrue();
        assertThat(rule("{\"attribute\":\"g:url\",\"operator\":\"like\",\"value\":\"/pric_ng%\"}")
                        .matches(profile::get))
                .isTrue();
        assertThat(rule("{\"attribute\":\"g:url\",\"operator\":\"rlike\",\"value\":\"team$\"}")
                        .matches(profile::get))
                .isTrue();
        assertThat(rule("{\"attribute\":\"g:url\",\"operator\":\"not rlike\",\"value\":\"team$\"}")
                        .matches(profile::get))
                .isFalse();
    }

    @Test
    void shouldFireOnlyWhenTheCriteriaBecomeTrue() {
        InterventionRule rule = rule("{\"attribute\":\"web:views\",\"operator\":\">=\",\"value\":3}");

        assertThat(rule.fires(values("web:views", 2)::get, values("web:views", 3)::get))
                .isTrue();
        assertThat(rule.fires(values("web:views", 3)::get, values("web:views", 4)::get))
                .isFalse();
        assertThat(rule.fires(values("web:views", 4)::get, values("web:views", 2)::get))
                .isFalse();
        assertThat(rule.fires(values()::get, values("web:views", 5)::get)).isTrue();
    }

    @Test
    void shouldFireChangedRulesOnEveryChangeWhileTheRestHolds() {
        InterventionRule rule = rule("{\"all\":[{\"attribute\":\"shop:cart\",\"operator\":\"changed\"},"
                + "{\"attribute\":\"shop:cart\",\"operator\":\">\",\"value\":10}]}");

        assertThat(rule.usesChanged()).isTrue();
        assertThat(rule.fires(values()::get, values("shop:cart", 12)::get))
                .as("first value")
                .isTrue();
        assertThat(rule.fires(values("shop:cart", 12)::get, values("shop:cart", 15.0)::get))
                .isTrue();
        assertThat(rule.fires(values("shop:cart", 12)::get, values("shop:cart", 12L)::get))
                .isFalse();
        assertThat(rule.fires(values("shop:cart", 12)::get, values("shop:cart", 5)::get))
                .isFalse();
        assertThat(rule.matches(values("shop:cart", 12)::get))
                .as("changed is false without old values")
                .isFalse();
        assertThat(rule("{\"attribute\":\"g:l\",\"operator\":\"changed\"}")
                        .fires(values("g:l", List.of(1, 2))::get, values("g:l", List.of(1L, 2L))::get))
                .isFalse();
    }
}
