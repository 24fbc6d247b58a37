package io.signalbox.scoring.model;

import io.signalbox.attributes.Aggregation;
import io.signalbox.attributes.AttributeDefinition;
import io.signalbox.attributes.AttributeGroupDefinition;
import io.signalbox.attributes.AttributeType;
import io.signalbox.events.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * Turns attribute values, as the API serves them, into the numbers a model reads, the same way in training and in
 * serving: the encoder is fitted once on training rows and travels inside the model file.
 *
 * <ul>
 *   <li>numbers and booleans are read as they are; a missing count (counter, sum, approx_count_distinct) is 0, a
 *       missing value with a declared default takes the default, any other missing value stays missing (NaN);
 *   <li>a string is one-hot encoded over its most frequent training values (at most {@value #MAX_CATEGORIES}, each
 *       seen at least {@value #MIN_CATEGORY_ROWS} times); other values, and none, encode as all zeros;
 *   <li>a list reads as its size, a {@code dict} as the total of its counts; missing ones as 0;
 *   <li>timestamps are left out: their meaning depends on when they are read, which the model does not know.
 * </ul>
 */
public final class FeatureEncoder {
    static final int MAX_CATEGORIES = 12;
    static final int MIN_CATEGORY_ROWS = 5;

    /** How one feature is read from its attribute. */
    public enum Kind {
        NUMBER,
        CATEGORY,
        SIZE,
        TOTAL;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Kind fromWireName(String text) {
            return Kind.valueOf(text.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * One input of the model.
     *
     * @param name the feature's name: the attribute's, or {@code attribute=value} for a category
     * @param attribute the attribute it reads
     * @param kind how it reads it
     * @param category the value a {@link Kind#CATEGORY} feature stands for, else null
     * @param fill the value when the attribute is missing; NaN leaves it missing
     */
    public record Feature(String name, String attribute, Kind kind, String category, double fill) {}

    private final List<Feature> features;
    private final List<String> attributes;

    private FeatureEncoder(List<Feature> features, List<String> attributes) {
        this.features = List.copyOf(features);
        this.attributes = List.copyOf(attributes);
    }

    /**
     * Fits an encoder to training rows.
     *
     * @param rows attribute values by name, as the API serves them
     */
    public static FeatureEncoder fit(AttributeGroupDefinition group, Collection<Map<String, Object>> rows) {
        List<Feature> features = new ArrayList<>();
        List<String> used = new ArrayList<>();
        for (AttributeDefinition attribute : group.attributes()) {
            List<Feature> own = featuresOf(attribute, rows);
            if (!own.isEmpty()) {
                features.addAll(own);
                used.add(attribute.name());
            }
        }
        return new FeatureEncoder(features, used);
    }

    private static List<Feature> featuresOf(AttributeDefinition attribute, Collection<Map<String, Object>> rows) {
        AttributeType type = attribute.type();
        String name = attribute.name();
        if (type == AttributeType.DICT) {
            return List.of(new Feature(name, name, Kind.TOTAL, null, 0));
        }
        if (type.isList()) {
            return List.of(new Feature(name, name, Kind.SIZE, null, 0));
        }
        if (type == AttributeType.UNIX_TIMESTAMP) {
            return List.of();
        }
        if (type.isNumeric() || type == AttributeType.BOOL) {
            return List.of(new Feature(name, name, Kind.NUMBER, null, fill(attribute)));
        }
        Map<String, Integer> counts = new HashMap<>();
        for (Map<String, Object> row : rows) {
            Object value = row.get(name);
            if (value != null) {
                counts.merge(value.toString(), 1, Integer::sum);
            }
        }
        return counts.entrySet().stream()
                .filter(entry -> entry.getValue() >= MIN_CATEGORY_ROWS)
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_CATEGORIES)
                .map(entry -> new Feature(name + "=" + entry.getKey(), name, Kind.CATEGORY, entry.getKey(), 0))
                .toList();
    }

    private static double fill(AttributeDefinition attribute) {
        if (attribute.defaultValue() instanceof Number number) {
            return number.doubleValue();
        }
        if (attribute.defaultValue() instanceof Boolean flag) {
            return flag ? 1 : 0;
        }
        Aggregation aggregation = attribute.aggregation();
        boolean count = aggregation == Aggregation.COUNTER
                || aggregation == Aggregation.SUM
                || aggregation == Aggregation.APPROX_COUNT_DISTINCT;
        return count ? 0 : Double.NaN;
    }

    /** The model's inputs, in order. */
    public List<Feature> features() {
        return features;
    }

    /** The attributes at least one feature reads, in group order. */
    public List<String> attributes() {
        return attributes;
    }

    /** The inputs for one prospect; missing attributes take their fill. */
    public double[] encode(Map<String, Object> values) {
        double[] out = new double[features.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = read(features.get(i), values.get(features.get(i).attribute()));
        }
        return out;
    }

    private static double read(Feature feature, Object value) {
        return switch (feature.kind()) {
            case NUMBER -> number(value, feature.fill());
            case CATEGORY -> value != null && feature.category().equals(value.toString()) ? 1 : 0;
            case SIZE ->
                value instanceof Collection<?> list ? list.size() : value instanceof Map<?, ?> m ? m.size() : 0;
            case TOTAL -> total(value);
        };
    }

    private static double number(Object value, double fill) {
        if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
            return number.doubleValue();
        }
        if (value instanceof Boolean flag) {
            return flag ? 1 : 0;
        }
        if (value instanceof String text) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                return fill;
            }
        }
        return fill;
    }

    private static double total(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return 0;
        }
        double sum = 0;
        for (Object count : map.values()) {
            sum += count instanceof Number number ? number.doubleValue() : 0;
        }
        return sum;
    }

    /**
     * The values the model reads, after defaults are filled in: what {@code /predict} answers as {@code
     * scoring_attributes}. A value that stays missing is null.
     */
    public Map<String, Object> filled(Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String attribute : attributes) {
            Object value = values.get(attribute);
            Feature first = features.stream()
                    .filter(f -> f.attribute().equals(attribute))
                    .findFirst()
                    .orElseThrow();
            out.put(attribute, value != null ? value : filledValue(first));
        }
        return out;
    }

    private static Object filledValue(Feature feature) {
        return switch (feature.kind()) {
            case NUMBER -> Double.isNaN(feature.fill()) ? null : asNumber(feature.fill());
            case CATEGORY -> null;
            case SIZE -> List.of();
            case TOTAL -> Map.of();
        };
    }

    private static Object asNumber(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? (Object) (long) value : (Object) value;
    }

    /** Sums feature contributions per attribute, keeping the attribute order. */
    public Map<String, Double> byAttribute(double[] featureContributions) {
        Map<String, Double> out = new LinkedHashMap<>();
        attributes.forEach(attribute -> out.put(attribute, 0.0));
        for (int i = 0; i < features.size(); i++) {
            out.merge(features.get(i).attribute(), featureContributions[i], Double::sum);
        }
        return out;
    }

    JsonNode toJson() {
        ArrayNode out = Json.NODES.arrayNode();
        for (Feature feature : features) {
            var node = out.addObject()
                    .put("name", feature.name())
                    .put("attribute", feature.attribute())
                    .put("kind", feature.kind().wireName());
            if (feature.category() != null) {
                node.put("category", feature.category());
            }
            if (Double.isNaN(feature.fill())) {
                node.putNull("fill");
            } else {
                node.put("fill", feature.fill());
            }
        }
        return out;
    }

    static FeatureEncoder fromJson(JsonNode node, List<String> attributes) {
        List<Feature> features = new ArrayList<>();
        for (JsonNode item : node) {
            JsonNode fill = item.get("fill");
            JsonNode category = item.get("category");
            features.add(new Feature(
                    item.get("name").asString(),
                    item.get("attribute").asString(),
                    Kind.fromWireName(item.get("kind").asString()),
                    category == null || category.isNull() ? null : category.asString(),
                    fill == null || fill.isNull() ? Double.NaN : fill.asDouble()));
        }
        return new FeatureEncoder(features, attributes);
    }
}
