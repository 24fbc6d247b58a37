package io.signalbox.scoring.model;

import io.signalbox.attributes.AttributeGroupDefinition;
import io.signalbox.events.Json;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Fits a model of a given kind to rows of attribute values. */
public final class ModelTrainer {
    private ModelTrainer() {}

    /**
     * What to fit.
     *
     * @param kind the kind of model
     * @param balancedClassWeights logistic regression only: weigh classes by {@code n / (2 * n_class)}; scores are
     *     then no longer calibrated probabilities
     * @param l2 logistic regression only: the coefficient penalty
     * @param maxRounds XGBoost only: the most boosting rounds (early stopping on the validation rows picks fewer)
     * @param maxDepth XGBoost only: the depth of each tree
     * @param learningRate XGBoost only: the shrinkage of each tree
     * @param seed makes training reproducible
     */
    public record Options(
            ModelKind kind,
            boolean balancedClassWeights,
            double l2,
            int maxRounds,
            int maxDepth,
            double learningRate,
            long seed) {

        public static Options defaults(ModelKind kind, long seed) {
            GradientBoostedTrees.Settings trees = GradientBoostedTrees.Settings.defaults();
            return new Options(kind, false, 1.0, trees.maxRounds(), trees.maxDepth(), trees.learningRate(), seed);
        }

        public Options withBalancedClassWeights(boolean balanced) {
            return new Options(kind, balanced, l2, maxRounds, maxDepth, learningRate, seed);
        }

        public Options withSeed(long newSeed) {
            return new Options(kind, balancedClassWeights, l2, maxRounds, maxDepth, learningRate, newSeed);
        }

        public Options withTrees(int newMaxRounds, int newMaxDepth, double newLearningRate) {
            return new Options(kind, balancedClassWeights, l2, newMaxRounds, newMaxDepth, newLearningRate, seed);
        }

        public Options withL2(double newL2) {
            return new Options(kind, balancedClassWeights, newL2, maxRounds, maxDepth, learningRate, seed);
        }
    }

    /**
     * Fits a model. Its threshold is 0.5 and its version a placeholder until {@link TrainedModel#with} sets them.
     *
     * @param rows training rows: attribute values by name, as the API serves them
     * @param validation rows held out for early stopping (XGBoost); may be empty
     */
    public static TrainedModel fit(
            AttributeGroupDefinition group,
            List<Map<String, Object>> rows,
            boolean[] labels,
            List<Map<String, Object>> validation,
            boolean[] validationLabels,
            Options options) {
        if (rows.size() != labels.length || validation.size() != validationLabels.length) {
            throw new IllegalArgumentException("rows and labels differ in number: " + rows.size() + " and "
                    + labels.length + ", " + validation.size() + " and " + validationLabels.length);
        }
        FeatureEncoder encoder = FeatureEncoder.fit(group, rows);
        double[][] x = encode(encoder, rows);
        Scorer scorer = switch (options.kind()) {
            case LOGISTIC_REGRESSION -> LogisticRegression.fit(x, labels, options.balancedClassWeights(), options.l2());
            case XGBOOST -> {
                GradientBoostedTrees.Settings defaults = GradientBoostedTrees.Settings.defaults();
                GradientBoostedTrees.Settings settings = new GradientBoostedTrees.Settings(
                        options.maxRounds(),
                        options.maxDepth(),
                        options.learningRate(),
                        defaults.minChildWeight(),
                        defaults.subsample(),
                        defaults.columnSample(),
                        defaults.earlyStoppingRounds(),
                        defaults.threads());
                yield GradientBoostedTrees.fit(
                        x, labels, encode(encoder, validation), validationLabels, settings, options.seed());
            }
        };
        ModelInfo info = new ModelInfo(
                "untrained",
                options.kind().wireName(),
                group.name(),
                group.version(),
                encoder.attributes(),
                0.5,
                Instant.EPOCH);
        return new TrainedModel(info, encoder, scorer, Json.NODES.objectNode(), Json.NODES.objectNode());
    }

    /**
     * A fitted model with the threshold chosen for it.
     *
     * @param model fitted on all the training rows
     * @param threshold the score that maximised F1 on the validation rows, for a model fitted without them
     * @param rounds the boosting rounds early stopping chose (XGBoost), else 0
     */
    public record Fitted(TrainedModel model, double threshold, int rounds) {}

    /**
     * Fits a model the careful way: a probe fitted on the training rows less the validation rows chooses the number
     * of boosting rounds (XGBoost, by early stopping) and the threshold (best F1 on the validation rows); the model
     * returned is then fitted on all the training rows with those settings.
     *
     * @param fitRows the training rows less the validation rows
     * @param validationRows rows held out from {@code fitRows} but part of {@code allRows}
     */
    public static Fitted train(
            AttributeGroupDefinition group,
            List<Map<String, Object>> fitRows,
            boolean[] fitLabels,
            List<Map<String, Object>> validationRows,
            boolean[] validationLabels,
            List<Map<String, Object>> allRows,
            boolean[] allLabels,
            Options options) {
        TrainedModel probe = fit(group, fitRows, fitLabels, validationRows, validationLabels, options);
        double threshold = 0.5;
        if (validationRows.size() > 0 && hasBothClasses(validationLabels)) {
            double[] scores = probe.scores(encode(probe.encoder(), validationRows));
            threshold = io.signalbox.scoring.evaluation.Evaluation.bestF1Threshold(scores, validationLabels);
        }
        int rounds = probe.scorer() instanceof GradientBoostedTrees trees ? trees.rounds() : 0;
        Options finalOptions =
                rounds > 0 ? options.withTrees(rounds, options.maxDepth(), options.learningRate()) : options;
        TrainedModel model = fit(group, allRows, allLabels, List.of(), new boolean[0], finalOptions);
        return new Fitted(model, threshold, rounds);
    }

    private static boolean hasBothClasses(boolean[] labels) {
        boolean positive = false;
        boolean negative = false;
        for (boolean label : labels) {
            positive |= label;
            negative |= !label;
        }
        return positive && negative;
    }

    /** Encodes rows with a model's encoder. */
    public static double[][] encode(FeatureEncoder encoder, List<Map<String, Object>> rows) {
        double[][] out = new double[rows.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = encoder.encode(rows.get(i));
        }
        return out;
    }
}
