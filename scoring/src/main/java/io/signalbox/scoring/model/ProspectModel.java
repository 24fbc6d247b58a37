package io.signalbox.scoring.model;

import java.util.Map;

/**
 * A trained model that scores a prospect from the attribute values the Signals-compatible API serves. Thread-safe:
 * the {@code /predict} route calls it from many requests at once.
 */
public interface ProspectModel {

    /** What the model is and what it needs. */
    ModelInfo info();

    /**
     * Scores one prospect.
     *
     * @param attributes the values of the model's attribute group by bare attribute name, as {@code
     *     get-online-attributes} answers them (Long, Double, String, Boolean, List, Map, or null when unknown); the
     *     model fills what is missing with its defaults
     */
    Prediction predict(Map<String, Object> attributes);
}
