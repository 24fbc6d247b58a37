package io.signalbox.attributes.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.signalbox.attributes.Operator;
import io.signalbox.events.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComparisonTest {

    static boolean test(Operator operator, Object value, Object actual) {
        return Comparison.of(operator, value).test(actual);
    }

    @ParameterizedTest
    @CsvSource({
        "%pricing%, https://acme.io/pricing/team, true",
        "%pricing%, https://acme.io/price, false",
        "https://%, https://acme.io, true",
        "%.io, https://acme.io, true",
        "%.io, https://acme.io/, false",
        "a_c, abc, true",
        "a_c, ac, false",
        "a_c, abbc, false",
        "%a%b%c%, xxaxxbxxcxx, true",
        "%a%b%c%, xxcxxbxxaxx, false",
        "a%a, a, false",
        "a%a, aa, true",
        "%_%, '', false",
        "%, '', true",
        "'', '', true",
        "'', x, false",
        "_%_, ab, true",
        "%b_d%, abxdbcd, true",
        "ABC, abc, false",
        "%%, anything, true",
    })
    void shouldMatchSqlLikePatterns(String pattern, String text, boolean expected) {
        assertThat(LikePattern.compile(pattern).matches(text)).isEqualTo(expected);
        assertThat(test(Operator.LIKE, pattern, text)).isEqualTo(expected);
        assertThat(test(Operator.NOT_LIKE, pattern, text)).isEqualTo(!expected);
    }

    @Test
    void shouldFailEveryOperatorButIsNullOnAMissingValue() {
        for (Operator operator : Operator.values()) {
            Object value = switch (operator) {
                case IN, NOT_IN -> List.of("a");
                case IS_NULL, IS_NOT_NULL, CHANGED -> null;
                default -> "a";
            };
            assertThat(test(operator, value, null)).as(operator.text()).isEqualTo(operator == Operator.IS_NULL);
        }
        assertThat(test(Operator.IS_NOT_NULL, null, "x")).isTrue();
        assertThat(test(Operator.IS_NULL, null, "x")).isFalse();
    }

    @Test
    void shouldCompareNumbersAcrossJavaTypes() {
        assertThat(test(Operator.EQ, 3L, 3)).isTrue();
        assertThat(test(Operator.EQ, 3L, 3.0)).isTrue();
        assertThat(test(Operator.EQ, 3.5, new BigDecimal("3.50"))).isTrue();
        assertThat(test(Operator.NE, 3L, 4)).isTrue();
        assertThat(test(Operator.LT, 10L, 9.99)).isTrue();
        assertThat(test(Operator.LE, 10L, 10)).isTrue();
        assertThat(test(Operator.GT, 10L, 10)).isFalse();
        assertThat(test(Operator.GE, 2.5, 3L)).isTrue();
        assertThat(test(Operator.GT, 9_007_199_254_740_992L, 9_007_199_254_740_993L))
                .isTrue();
        assertThat(test(Operator.GT, 5L, "24"))
                .as("numeric text is read as a number")
                .isTrue();
        assertThat(test(Operator.GT, 5L, "n/a")).isFalse();
        assertThat(test(Operator.LT, 5L, "n/a")).isFalse();
        assertThat(test(Operator.EQ, "24", 24)).isTrue();
    }

    @Test
    void shouldCompareTextBooleansAndTimes() {
        assertThat(test(Operator.EQ, "web", "web")).isTrue();
        assertThat(test(Operator.LT, "b", "a")).isTrue();
        assertThat(test(Operator.GE, "b", "a")).isFalse();
        assertThat(test(Operator.EQ, true, true)).isTrue();
        assertThat(test(Operator.EQ, true, "true")).isTrue();
        assertThat(test(Operator.NE, true, false)).isTrue();
        assertThat(test(Operator.LT, true, false)).isTrue();
        Instant time = Instant.parse("2025-04-01T12:00:00Z");
        assertThat(test(Operator.GT, "2025-04-01T00:00:00Z", time)).isTrue();
        assertThat(test(Operator.EQ, "2025-04-01 12:00:00.000", time)).isTrue();
        assertThat(test(Operator.LT, time.toEpochMilli() + 1, time)).isTrue();
    }

    @Test
    void shouldTestMembershipWithListsAndContainmentWithScalars() {
        assertThat(test(Operator.IN, List.of("gold", "silver"), "gold")).isTrue();
        assertThat(test(Operator.IN, List.of("gold", "silver"), "bronze")).isFalse();
        assertThat(test(Operator.NOT_IN, List.of("gold", "silver"), "bronze")).isTrue();
        assertThat(test(Operator.IN, List.of(1L, 2L), 2.0)).isTrue();
        assertThat(test(Operator.IN, "sku1", List.of("sku9", "sku1")))
                .as("scalar: list contains")
                .isTrue();
        assertThat(test(Operator.NOT_IN, "sku2", List.of("sku9", "sku1"))).isTrue();
        assertThat(test(Operator.IN, "sku1", Json.parse("[\"sku1\"]"))).isTrue();
        assertThat(test(Operator.IN, 3L, Json.parse("[1,2,3]"))).isTrue();
        assertThat(test(Operator.IN, "a", "a"))
                .as("scalar against scalar: equality")
                .isTrue();
        assertThat(test(Operator.IN, List.of("x", "y"), List.of("a", "y")))
                .as("lists overlap")
                .isTrue();
    }

    @Test
    void shouldFindRegularExpressionsAnywhereInTheValue() {
        assertThat(test(Operator.RLIKE, "pric(e|ing)", "/pricing/team")).isTrue();
        assertThat(test(Operator.RLIKE, "^/pricing$", "/pricing/team")).isFalse();
        assertThat(test(Operator.NOT_RLIKE, "^/pricing$", "/pricing/team")).isTrue();
        assertThat(test(Operator.RLIKE, "^4\\d$", 42)).isTrue();
    }
}
