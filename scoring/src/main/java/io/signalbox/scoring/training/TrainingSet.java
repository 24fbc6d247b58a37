package io.signalbox.scoring.training;

import io.signalbox.attributes.AttributeGroupDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows built by {@link TrainingSetBuilder}, in anchor order, with what was left out and why.
 *
 * @param group the attribute group the values come from
 * @param rows the rows, oldest anchor first
 * @param anchorsSeen anchors found before any were left out
 * @param afterConversion anchors left out because the key had already reached the goal
 * @param censored anchors left out because their horizon reached past the end of history
 * @param events events read
 */
public record TrainingSet(
        AttributeGroupDefinition group,
        List<TrainingRow> rows,
        long anchorsSeen,
        long afterConversion,
        long censored,
        long events) {

    public TrainingSet {
        rows = List.copyOf(rows);
    }

    /** The attribute names, in the order of each row's values. */
    public List<String> attributes() {
        return group.attributes().stream().map(a -> a.name()).toList();
    }

    public long positives() {
        return rows.stream().filter(TrainingRow::label).count();
    }

    /** The distinct keys among the rows. */
    public long keys() {
        return rows.stream().map(TrainingRow::key).distinct().count();
    }

    /** A row's values by attribute name. */
    public Map<String, Object> valuesOf(TrainingRow row) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> names = attributes();
        for (int i = 0; i < names.size(); i++) {
            values.put(names.get(i), row.values().get(i));
        }
        return values;
    }
}
