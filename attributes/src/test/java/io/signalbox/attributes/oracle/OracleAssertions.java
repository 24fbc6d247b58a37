package io.signalbox.attributes.oracle;

import io.signalbox.attributes.Aggregation;
import io.signalbox.attributes.AttributeDefinition;
import io.signalbox.attributes.AttributeGroupDefinition;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares attribute values computed by an engine with those of {@link OracleSql}: numbers of the same type equal,
 * doubles to a relative 1e-9, lists element by element, maps entry by entry in order, and {@code
 * approx_count_distinct} within three standard errors of the sketch (exact below 2,048 distinct values).
 */
public final class OracleAssertions {
    private static final double HLL_STANDARD_ERROR = 1.04 / 128;

    private OracleAssertions() {}

    /** What a comparison found. */
    public record Outcome(long compared, List<String> mismatches) {}

    /**
     * Compares every read point and attribute of the expected values with the actual ones.
     *
     * @param actual read point &rarr; attribute &rarr; value, as the engine computed them
     */
    public static Outcome compare(
            AttributeGroupDefinition group,
            Map<OracleSql.ReadPoint, Map<String, Object>> expected,
            Map<OracleSql.ReadPoint, Map<String, Object>> actual) {
        List<String> mismatches = new ArrayList<>();
        long compared = 0;
        for (Map.Entry<OracleSql.ReadPoint, Map<String, Object>> point : expected.entrySet()) {
            Map<String, Object> actualValues = actual.get(point.getKey());
            for (AttributeDefinition attribute : group.attributes()) {
                Object want = point.getValue().get(attribute.name());
                Object got = actualValues == null ? null : actualValues.get(attribute.name());
                compared++;
                boolean approximate = attribute.aggregation() == Aggregation.APPROX_COUNT_DISTINCT;
                if (!same(want, got, approximate)) {
                    mismatches.add(group.name() + "." + attribute.name() + " " + point.getKey() + ": expected " + want
                            + " but was " + got);
                }
            }
        }
        return new Outcome(compared, mismatches);
    }

    /** Whether two values agree under the rules of this class. */
    public static boolean same(Object expected, Object actual, boolean approximate) {
        if (expected == null || actual == null) {
            return expected == actual;
        }
        if (approximate && expected instanceof Number e && actual instanceof Number a) {
            double exact = e.doubleValue();
            double bound = exact <= 2_048 ? 0 : 3 * HLL_STANDARD_ERROR * exact;
            return expected.getClass() == actual.getClass() && Math.abs(a.doubleValue() - exact) <= bound;
        }
        if (expected instanceof Double e && actual instanceof Double a) {
            return Math.abs(e - a) <= 1e-9 * Math.max(1, Math.abs(e));
        }
        if (expected instanceof List<?> e && actual instanceof List<?> a) {
            if (e.size() != a.size()) {
                return false;
            }
            for (int i = 0; i < e.size(); i++) {
                if (!same(e.get(i), a.get(i), false)) {
                    return false;
                }
            }
            return true;
        }
        if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
            if (e.size() != a.size()) {
                return false;
            }
            Iterator<? extends Map.Entry<?, ?>> left = e.entrySet().iterator();
            Iterator<? extends Map.Entry<?, ?>> right = a.entrySet().iterator();
            while (left.hasNext()) {
                Map.Entry<?, ?> x = left.next();
                Map.Entry<?, ?> y = right.next();
                if (!Objects.equals(x.getKey(), y.getKey()) || !same(x.getValue(), y.getValue(), false)) {
                    return false;
                }
            }
            return true;
        }
        return expected.getClass() == actual.getClass() && expected.equals(actual);
    }
}
