package io.signalbox.scoring.model;

import java.time.Instant;
import java.util.List;

/**
 * What a model file says about its model.
 *
 * @param version the model's version, unique and increasing in time (for example {@code 20261203T220512Z-xgboost})
 * @param kind {@code xgboost} or {@code logistic_regression}
 * @param attributeGroup the attribute group the model reads
 * @param attributeGroupVersion the version of that group
 * @param attributes the attributes of the group the model uses, by bare name
 * @param threshold the score at and above which {@link Prediction#decision()} is true
 * @param trainedAt when it was trained
 */
public record ModelInfo(
        String version,
        String kind,
        String attributeGroup,
        int attributeGroupVersion,
        List<String> attributes,
        double threshold,
        Instant trainedAt) {
    public ModelInfo {
        attributes = List.copyOf(attributes);
    }

    /** {@code group_vN}, as the API names the group. */
    public String groupFullName() {
        return attributeGroup + "_v" + attributeGroupVersion;
    }
}
