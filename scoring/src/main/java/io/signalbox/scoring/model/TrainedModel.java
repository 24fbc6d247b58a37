package io.signalbox.scoring.model;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A model as trained and as stored: what it reads ({@link ModelInfo}, {@link FeatureEncoder}), its fitted core, and
 * what is known of its training (the settings and the figures of its evaluation), kept for whoever reads the file
 * later.
 */
public final class TrainedModel implements ProspectModel {
    private final ModelInfo info;
    private final FeatureEncoder encoder;
    private final Scorer scorer;
    private final JsonNode training;
    private final JsonNode metrics;

    TrainedModel(ModelInfo info, FeatureEncoder encoder, Scorer scorer, JsonNode training, JsonNode metrics) {
        this.info = info;
        this.encoder = encoder;
        this.scorer = scorer;
        this.training = training;
        this.metrics = metrics;
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    public FeatureEncoder encoder() {
        return encoder;
    }

    /** The training settings and data description recorded in the model file. */
    public JsonNode training() {
        return training;
    }

    /** The evaluation figures recorded in the model file. */
    public JsonNode metrics() {
        return metrics;
    }

    /** The same model with another version, threshold, training record and metrics. */
    public TrainedModel with(ModelInfo newInfo, JsonNode newTraining, JsonNode newMetrics) {
        return new TrainedModel(newInfo, encoder, scorer, newTraining, newMetrics);
    }

    @Override
    public Prediction predict(Map<String, Object> attributes) {
        double[] features = encoder.encode(attributes);
        double[] contributions = scorer.contributions(features);
        double logOdds = 0;
        for (double contribution : contributions) {
            logOdds += contribution;
        }
        double score = Scorer.sigmoid(logOdds);
        double[] perFeature = java.util.Arrays.copyOf(contributions, features.length);
        Map<String, Double> explanations = new LinkedHashMap<>();
        encoder.byAttribute(perFeature).entrySet().stream()
                .sorted(Comparator.comparingDouble((Map.Entry<String, Double> e) -> -Math.abs(e.getValue())))
                .forEach(e -> explanations.put(e.getKey(), e.getValue()));
        return new Prediction(score, encoder.filled(attributes), explanations, score >= info.threshold());
    }

    /** Scores many rows of encoded features at once. */
    public double[] scores(double[][] features) {
        double[] logOdds = scorer.logOdds(features);
        double[] out = new double[logOdds.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Scorer.sigmoid(logOdds[i]);
        }
        return out;
    }

    /** Each attribute's contribution for many rows: row by attribute, in {@link FeatureEncoder#attributes()} order. */
    public double[][] attributeContributions(double[][] features) {
        double[][] out = new double[features.length][];
        for (int i = 0; i < features.length; i++) {
            double[] contributions = scorer.contributions(features[i]);
            Map<String, Double> byAttribute =
                    encoder.byAttribute(java.util.Arrays.copyOf(contributions, features[i].length));
            out[i] = byAttribute.values().stream()
                    .mapToDouble(Double::doubleValue)
                    .toArray();
        }
        return out;
    }

    Scorer scorer() {
        return scorer;
    }
}
