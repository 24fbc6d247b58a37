package io.signalbox.scoring.model;

import io.signalbox.events.Json;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Gradient-boosted trees from XGBoost, with exact per-feature contributions (TreeSHAP) for every score. Missing
 * inputs are NaN, which the trees route down the branch learnt for them.
 *
 * <p>Training is reproducible: a fixed seed, and rows and features subsampled from it. The number of rounds is
 * chosen by early stopping on a validation part the caller holds out, then the trees are grown again on the
 * training rows for exactly that many rounds.
 */
final class GradientBoostedTrees implements Scorer {
    private static final float MISSING = Float.NaN;

    private final Booster booster;
    private final int features;

    private GradientBoostedTrees(Booster booster, int features) {
        this.booster = booster;
        this.features = features;
        try {
            // Scoring one prospect at a time: OpenMP worker threads would only spin beside the request threads.
            booster.setParam("nthread", 1);
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost refused nthread=1: " + e.getMessage(), e);
        }
    }

    /**
     * Hyper-parameters.
     *
     * @param maxRounds the most boosting rounds
     * @param maxDepth the depth of each tree
     * @param learningRate the shrinkage of each tree
     * @param minChildWeight the least hessian weight in a leaf
     * @param subsample the share of rows each tree sees
     * @param columnSample the share of features each tree sees
     * @param earlyStoppingRounds rounds without improvement of the validation log loss before stopping
     * @param threads native threads for training
     */
    record Settings(
            int maxRounds,
            int maxDepth,
            double learningRate,
            double minChildWeight,
            double subsample,
            double columnSample,
            int earlyStoppingRounds,
            int threads) {

        static Settings defaults() {
            return new Settings(400, 4, 0.05, 1, 0.8, 0.8, 30, 2);
        }
    }

    /**
     * Fits trees.
     *
     * @param validation rows held out to choose the number of rounds; with none, {@code maxRounds} are grown
     */
    static GradientBoostedTrees fit(
            double[][] rows,
            boolean[] labels,
            double[][] validation,
            boolean[] validationLabels,
            Settings settings,
            long seed) {
        try {
            Map<String, Object> params = params(settings, seed);
            int rounds = settings.maxRounds();
            DMatrix train = matrix(rows, labels);
            try {
                if (validation.length > 0) {
                    Booster probe = XGBoost.train(train, params, settings.maxRounds(), Map.of(), null, null);
                    try {
                        rounds = bestRounds(probe, validation, validationLabels, settings.earlyStoppingRounds());
                    } finally {
                        probe.dispose();
                    }
                }
                Booster booster = XGBoost.train(train, params, rounds, Map.of(), null, null);
                return new GradientBoostedTrees(booster, rows.length == 0 ? 0 : rows[0].length);
            } finally {
                train.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost training failed: " + e.getMessage(), e);
        }
    }

    /**
     * Early stopping after the fact: the number of leading trees with the lowest validation log loss, looking no
     * further than {@code patience} rounds past the best so far. (Asking XGBoost to stop early makes it print every
     * round's figures to standard output.)
     */
    private static int bestRounds(Booster probe, double[][] validation, boolean[] labels, int patience)
            throws XGBoostError {
        DMatrix held = matrix(validation);
        try {
            int trees = probe.getNumBoostedRound();
            int best = 1;
            double bestLoss = Double.MAX_VALUE;
            for (int count = 1; count <= trees && count - best <= patience; count++) {
                float[][] scores = probe.predict(held, false, count);
                double loss = 0;
                for (int i = 0; i < labels.length; i++) {
                    double p = Math.min(1 - 1e-15, Math.max(1e-15, scores[i][0]));
                    loss -= labels[i] ? Math.log(p) : Math.log(1 - p);
                }
                if (loss < bestLoss) {
                    bestLoss = loss;
                    best = count;
                }
            }
            return best;
        } finally {
            held.dispose();
        }
    }

    private static Map<String, Object> params(Settings settings, long seed) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("objective", "binary:logistic");
        params.put("eval_metric", "logloss");
        params.put("tree_method", "hist");
        params.put("max_depth", settings.maxDepth());
        params.put("eta", settings.learningRate());
        params.put("min_child_weight", settings.minChildWeight());
        params.put("subsample", settings.subsample());
        params.put("colsample_bytree", settings.columnSample());
        params.put("seed", seed);
        params.put("nthread", settings.threads());
        params.put("verbosity", 0);
        return params;
    }

    private static DMatrix matrix(double[][] rows, boolean[] labels) throws XGBoostError {
        DMatrix matrix = matrix(rows);
        float[] floats = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            floats[i] = labels[i] ? 1 : 0;
        }
        matrix.setLabel(floats);
        return matrix;
    }

    private static DMatrix matrix(double[][] rows) throws XGBoostError {
        int columns = rows.length == 0 ? 0 : rows[0].length;
        float[] data = new float[rows.length * columns];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < columns; j++) {
                data[i * columns + j] = (float) rows[i][j];
            }
        }
        return new DMatrix(data, rows.length, columns, MISSING);
    }

    @Override
    public double[] contributions(double[] row) {
        try {
            DMatrix matrix = matrix(new double[][] {row});
            try {
                float[] contributions = predictContrib(matrix)[0];
                double[] out = new double[contributions.length];
                for (int i = 0; i < out.length; i++) {
                    out[i] = contributions[i];
                }
                return out;
            } finally {
                matrix.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost prediction failed: " + e.getMessage(), e);
        }
    }

    /** XGBoost's booster is not documented as safe for concurrent prediction: one prediction at a time. */
    private synchronized float[][] predictContrib(DMatrix matrix) throws XGBoostError {
        return booster.predictContrib(matrix, 0);
    }

    private synchronized float[][] predictMargin(DMatrix matrix) throws XGBoostError {
        return booster.predict(matrix, true);
    }

    @Override
    public double[] logOdds(double[][] rows) {
        try {
            DMatrix matrix = matrix(rows);
            try {
                float[][] margins = predictMargin(matrix);
                double[] out = new double[rows.length];
                for (int i = 0; i < out.length; i++) {
                    out[i] = margins[i][0];
                }
                return out;
            } finally {
                matrix.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost prediction failed: " + e.getMessage(), e);
        }
    }

    /** The number of trees. */
    int rounds() {
        try {
            return booster.getNumBoostedRound();
        } catch (XGBoostError e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    JsonNode toJson() {
        try {
            ObjectNode node = Json.NODES.objectNode();
            node.put("rounds", rounds());
            node.put("booster_format", "ubj");
            node.put("booster", Base64.getEncoder().encodeToString(booster.toByteArray("ubj")));
            return node;
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost could not save the model: " + e.getMessage(), e);
        }
    }

    static GradientBoostedTrees fromJson(JsonNode node, int features) throws IOException {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(node.required("booster").asString());
        } catch (IllegalArgumentException e) {
            throw new IOException("xgboost.booster is not base64", e);
        }
        try {
            return new GradientBoostedTrees(XGBoost.loadModel(bytes), features);
        } catch (XGBoostError e) {
            throw new IOException("xgboost.booster could not be loaded: " + e.getMessage(), e);
        }
    }

    /** The number of features the trees read. */
    int features() {
        return features;
    }
}
