package io.signalbox.scoring.training;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Rows divided into a training and a test part.
 *
 * @param kind how they were divided
 * @param train the rows to learn from
 * @param test the rows to judge on
 * @param description one line for reports, such as {@code random stratified 80/20, seed 42}
 */
public record Split(SplitKind kind, List<TrainingRow> train, List<TrainingRow> test, String description) {
    public Split {
        train = List.copyOf(train);
        test = List.copyOf(test);
    }

    /**
     * Divides rows.
     *
     * @param testFraction the share of rows (of keys for {@link SplitKind#KEY}) in the test part, in (0, 1)
     * @param seed makes random splits reproducible
     * @param horizon for {@link SplitKind#TIME}, training rows whose horizon reaches into the test period are left
     *     out, so no training label looks at test-period events
     */
    public static Split of(SplitKind kind, List<TrainingRow> rows, double testFraction, long seed, Duration horizon) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test_fraction must be between 0 and 1, was " + testFraction);
        }
        return switch (kind) {
            case RANDOM -> stratified(rows, testFraction, seed);
            case KEY -> byKey(rows, testFraction, seed);
            case TIME -> byTime(rows, testFraction, horizon);
        };
    }

    private static Split stratified(List<TrainingRow> rows, double testFraction, long seed) {
        List<TrainingRow> positives = new ArrayList<>();
        List<TrainingRow> negatives = new ArrayList<>();
        rows.forEach(row -> (row.label() ? positives : negatives).add(row));
        Random random = new Random(seed);
        Collections.shuffle(positives, random);
        Collections.shuffle(negatives, random);
        List<TrainingRow> train = new ArrayList<>();
        List<TrainingRow> test = new ArrayList<>();
        for (List<TrainingRow> stratum : List.of(positives, negatives)) {
            int testCount = (int) Math.round(stratum.size() * testFraction);
            test.addAll(stratum.subList(0, testCount));
            train.addAll(stratum.subList(testCount, stratum.size()));
        }
        return new Split(
                SplitKind.RANDOM,
                train,
                test,
                String.format("random stratified %s, seed %d", percentages(testFraction), seed));
    }

    private static Split byKey(List<TrainingRow> rows, double testFraction, long seed) {
        List<String> keys = new ArrayList<>(
                new TreeSet<>(rows.stream().map(TrainingRow::key).toList()));
        Collections.shuffle(keys, new Random(seed));
        Set<String> testKeys = new HashSet<>(keys.subList(0, (int) Math.round(keys.size() * testFraction)));
        List<TrainingRow> train = new ArrayList<>();
        List<TrainingRow> test = new ArrayList<>();
        rows.forEach(row -> (testKeys.contains(row.key()) ? test : train).add(row));
        return new Split(
                SplitKind.KEY, train, test, String.format("by prospect %s, seed %d", percentages(testFraction), seed));
    }

    private static Split byTime(List<TrainingRow> rows, double testFraction, Duration horizon) {
        List<TrainingRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(TrainingRow::anchor));
        if (sorted.isEmpty()) {
            return new Split(SplitKind.TIME, List.of(), List.of(), "by time (no rows)");
        }
        int cutIndex = Math.min(sorted.size() - 1, (int) Math.floor(sorted.size() * (1 - testFraction)));
        Instant cut = sorted.get(cutIndex).anchor();
        List<TrainingRow> train = new ArrayList<>();
        List<TrainingRow> test = new ArrayList<>();
        for (TrainingRow row : sorted) {
            if (!row.anchor().isBefore(cut)) {
                test.add(row);
            } else if (!row.anchor().plus(horizon).isAfter(cut)) {
                train.add(row);
            }
        }
        return new Split(
                SplitKind.TIME,
                train,
                test,
                String.format(
                        "by time: test from %s (%s), training rows whose horizon reaches it left out",
                        cut, percentages(testFraction)));
    }

    private static String percentages(double testFraction) {
        long test = Math.round(testFraction * 100);
        return (100 - test) + "/" + test;
    }
}
