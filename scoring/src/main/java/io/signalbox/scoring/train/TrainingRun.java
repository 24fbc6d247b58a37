package io.signalbox.scoring.train;

import io.signalbox.attributes.AttributeGroupDefinition;
import io.signalbox.scoring.evaluation.Evaluation;
import io.signalbox.scoring.model.ModelInfo;
import io.signalbox.scoring.model.ModelKind;
import io.signalbox.scoring.model.ModelTrainer;
import io.signalbox.scoring.model.TrainedModel;
import io.signalbox.scoring.training.Split;
import io.signalbox.scoring.training.SplitKind;
import io.signalbox.scoring.training.TrainingRow;
import io.signalbox.scoring.training.TrainingSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Fits and judges the models of a {@link TrainingConfig} on a training set: for each model, a fit on the main split's
 * training part judged on its test part, the repeated random splits when asked for, and the other splits the report
 * shows beside it.
 */
public final class TrainingRun {
    /** The share of the training part held out to choose boosting rounds and the threshold. */
    static final double VALIDATION_FRACTION = 0.15;

    private static final DateTimeFormatter VERSION_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private TrainingRun() {}

    /**
     * One model's results.
     *
     * @param model the fitted model, versioned, with its threshold and metrics recorded
     * @param split the main split
     * @param test the evaluation on the main split's test rows
     * @param importance the mean absolute contribution of each attribute to the test rows' log-odds, largest first
     * @param repeatedRocAucs ROC AUC of each repeated random split, empty when not repeated
     * @param otherSplits evaluations on the other splits, by split
     * @param rounds the boosting rounds chosen, 0 for the regression
     */
    public record ModelResult(
            TrainedModel model,
            Split split,
            Evaluation.Result test,
            Map<String, Double> importance,
            List<Double> repeatedRocAucs,
            Map<SplitKind, Evaluation.Result> otherSplits,
            int rounds) {

        public double meanRepeatedRocAuc() {
            return repeatedRocAucs.stream()
                    .mapToDouble(Double::doubleValue)
                    .average()
                    .orElse(Double.NaN);
        }
    }

    /** Fits and judges every model of the configuration. */
    public static List<ModelResult> run(
            TrainingConfig config,
            TrainingSet set,
            Instant trainedAt,
            String dataDescription,
            Consumer<String> progress) {
        List<ModelResult> results = new ArrayList<>();
        for (ModelTrainer.Options options : config.models()) {
            progress.accept("fitting " + options.kind().wireName());
            results.add(runOne(config, set, options, trainedAt, dataDescription, progress));
        }
        return results;
    }

    private static ModelResult runOne(
            TrainingConfig config,
            TrainingSet set,
            ModelTrainer.Options options,
            Instant trainedAt,
            String dataDescription,
            Consumer<String> progress) {
        Duration horizon = config.trainingSet().horizon();
        Split split = Split.of(config.split(), set.rows(), config.testFraction(), config.seed(), horizon);
        ModelTrainer.Fitted fit = fit(set.group(), split, options, config.seed(), horizon);
        double[] scores = fit.model().scores(encode(fit.model(), set.group(), split.test()));
        Evaluation.Result test = Evaluation.of(scores, labels(split.test()), fit.threshold());

        List<Double> repeated = new ArrayList<>();
        if (config.split() == SplitKind.RANDOM && config.repeats() > 1) {
            for (int r = 0; r < config.repeats(); r++) {
                long seed = config.seed() + r;
                Split again = Split.of(SplitKind.RANDOM, set.rows(), config.testFraction(), seed, horizon);
                ModelTrainer.Fitted refit = fit(set.group(), again, options.withSeed(seed), seed, horizon);
                double[] againScores = refit.model().scores(encode(refit.model(), set.group(), again.test()));
                repeated.add(Evaluation.rocAuc(againScores, labels(again.test())));
            }
            progress.accept(String.format(
                    "%s: mean ROC AUC over %d random splits %.3f",
                    options.kind().wireName(), repeated.size(), mean(repeated)));
        }

        Map<SplitKind, Evaluation.Result> others = new LinkedHashMap<>();
        for (SplitKind kind : config.alsoSplitBy()) {
            if (kind == config.split()) {
                continue;
            }
            Split other = Split.of(kind, set.rows(), config.testFraction(), config.seed(), horizon);
            ModelTrainer.Fitted otherFit = fit(set.group(), other, options, config.seed(), horizon);
            double[] otherScores = otherFit.model().scores(encode(otherFit.model(), set.group(), other.test()));
            others.put(kind, Evaluation.of(otherScores, labels(other.test()), otherFit.threshold()));
        }

        TrainedModel fitted = fit.model();
        Map<String, Double> importance = importance(fitted, set.group(), split.test());
        String version = VERSION_TIME.format(trainedAt) + "-" + options.kind().wireName();
        ModelInfo info = new ModelInfo(
                version,
                options.kind().wireName(),
                set.group().name(),
                set.group().version(),
                fitted.info().attributes(),
                fit.threshold(),
                trainedAt);
        ModelResult partial = new ModelResult(fitted, split, test, importance, repeated, others, fit.rounds());
        TrainedModel model = fitted.with(
                info,
                Reports.trainingRecord(config, set, options, partial, dataDescription),
                Reports.metrics(info, set, partial));
        progress.accept(String.format(
                "%s: ROC AUC %.3f, PR AUC %.3f, log loss %.3f on %,d test rows (%s)",
                options.kind().wireName(),
                test.rocAuc(),
                test.prAuc(),
                test.logLoss(),
                test.rows(),
                split.description()));
        return new ModelResult(model, split, test, importance, repeated, others, fit.rounds());
    }

    private static ModelTrainer.Fitted fit(
            AttributeGroupDefinition group, Split split, ModelTrainer.Options options, long seed, Duration horizon) {
        SplitKind innerKind = split.kind() == SplitKind.RANDOM ? SplitKind.RANDOM : split.kind();
        Split inner = Split.of(innerKind, split.train(), VALIDATION_FRACTION, seed + 7_919, horizon);
        List<TrainingRow> all = split.train();
        return ModelTrainer.train(
                group,
                values(group, inner.train()),
                labels(inner.train()),
                values(group, inner.test()),
                labels(inner.test()),
                values(group, all),
                labels(all),
                options);
    }

    /** Mean absolute contribution per attribute over rows, largest first. */
    private static Map<String, Double> importance(
            TrainedModel model, AttributeGroupDefinition group, List<TrainingRow> rows) {
        double[][] contributions = model.attributeContributions(encode(model, group, rows));
        List<String> attributes = model.encoder().attributes();
        double[] sums = new double[attributes.size()];
        for (double[] row : contributions) {
            for (int j = 0; j < row.length; j++) {
                sums[j] += Math.abs(row[j]);
            }
        }
        Map<String, Double> unsorted = new LinkedHashMap<>();
        for (int j = 0; j < sums.length; j++) {
            unsorted.put(attributes.get(j), rows.isEmpty() ? 0 : sums[j] / rows.size());
        }
        Map<String, Double> sorted = new LinkedHashMap<>();
        unsorted.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** The result of the kind to serve. */
    public static ModelResult served(TrainingConfig config, List<ModelResult> results) {
        ModelKind kind = config.serve();
        return results.stream()
                .filter(r -> r.model().info().kind().equals(kind.wireName()))
                .findFirst()
                .orElseThrow();
    }

    static double[][] encode(TrainedModel model, AttributeGroupDefinition group, List<TrainingRow> rows) {
        return ModelTrainer.encode(model.encoder(), values(group, rows));
    }

    static List<Map<String, Object>> values(AttributeGroupDefinition group, List<TrainingRow> rows) {
        List<String> names = group.attributes().stream().map(a -> a.name()).toList();
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (TrainingRow row : rows) {
            Map<String, Object> values = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                values.put(names.get(i), row.values().get(i));
            }
            out.add(values);
        }
        return out;
    }

    static boolean[] labels(List<TrainingRow> rows) {
        boolean[] out = new boolean[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.get(i).label();
        }
        return out;
    }

    static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
