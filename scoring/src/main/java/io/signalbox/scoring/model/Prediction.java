package io.signalbox.scoring.model;

import java.util.Map;

/**
 * A model's answer for one prospect.
 *
 * @param score the probability of the goal within the horizon, 0 to 1
 * @param scoringAttributes the model's inputs after defaults were filled in, by attribute name
 * @param explanations each attribute's contribution to the score (SHAP values in log-odds for XGBoost, coefficient
 *     times standardised input for the logistic regression), largest magnitude first
 * @param decision whether the score reaches the model's threshold
 */
public record Prediction(
        double score, Map<String, Object> scoringAttributes, Map<String, Double> explanations, boolean decision) {
    public Prediction {
        scoringAttributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scoringAttributes));
        explanations = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(explanations));
    }
}
